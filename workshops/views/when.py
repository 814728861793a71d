"""How an event's dates and times read: in its own time zone, and in the reader's."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format

from workshops.models import Event

# --- Dates and times ------------------------------------------------------------------------------


def utc_offset(local: dt.datetime) -> str:
    """ "UTC+3", "UTC+0", "UTC-4", "UTC+5:30"."""
    minutes = int(local.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: zoneinfo.ZoneInfo, local: dt.datetime) -> str:
    """ "Addis Ababa (UTC+3)": the zone's city and its offset on that day."""
    return f"{zone.key.rsplit('/', 1)[-1].replace('_', ' ')} ({utc_offset(local)})"


def date_span(start: dt.datetime, end: dt.datetime) -> str:
    """ "7 December 2020", "26–27 January 2022", "30 November – 2 December 2022"."""
    if start.date() == end.date():
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def time_span(start: dt.datetime, end: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "10:00–13:00 Addis Ababa (UTC+3)", or with the days when it runs over several."""
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        times = f"{start:%H:%M}–{end:%H:%M}"
    else:
        times = f"{date_format(start, 'j F')} {start:%H:%M} – {date_format(end, 'j F')} {end:%H:%M}"
    return f"{times} {zone_label(zone, start)}"


@dataclass(frozen=True)
class When:
    """An event's dates and times in its own time zone, and in the reader's when that differs."""

    dates: str
    times: str
    reader_times: str

    @classmethod
    def of(cls, event: Event) -> "When":
        zone, reader = event.tz, timezone.get_current_timezone()
        start, end = event.start.astimezone(zone), event.end.astimezone(zone)
        same_clock = all(t.astimezone(reader).utcoffset() == t.utcoffset() for t in (start, end))
        return cls(
            dates=date_span(start, end),
            times=time_span(start, end, zone),
            reader_times="" if same_clock else time_span(start, end, reader),
        )
