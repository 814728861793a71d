"""How an event's dates and times read: in its own time zone, and in the reader's."""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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


def date_span(start: dt.date, end: dt.date) -> str:
    """ "7 December 2020", "26–27 January 2022", "30 November – 2 December 2022"."""
    if start == end:
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


def start_time(start: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "from 09:00 Bissau (UTC+0)": a start whose end the record does not give."""
    start = start.astimezone(zone)
    return _("from %(time)s %(zone)s") % {"time": f"{start:%H:%M}", "zone": zone_label(zone, start)}


def event_dates(event: Event) -> str:
    """The event's days as the record gives them, in its own zone, never shifted to the
    reader's: "12–14 December 2018", "14 March 2017 (end not given)", "Date not known yet"."""
    if event.start is None:
        return str(_("Date not known yet"))
    start = event.local_start.date()
    if event.open_end:
        return _("%(date)s (end not given)") % {"date": date_format(start, "j F Y")}
    return date_span(start, event.local_end.date())


@dataclass(frozen=True)
class When:
    """An event's dates and times in its own time zone, and in the reader's when that differs.

    An all-day event has dates only, the same for every reader: its days are those of the
    place where it is held, so nothing shows "00:00–23:59" or a "your time" running into the
    next day. An event whose end is not given shows its start only.
    """

    dates: str
    times: str
    reader_times: str

    @classmethod
    def of(cls, event: Event) -> "When":
        dates = event_dates(event)
        if event.start is None or event.all_day:
            return cls(dates=dates, times="", reader_times="")
        zone, reader = event.tz, timezone.get_current_timezone()
        start, end = event.local_start, event.local_end
        if event.open_end:
            same_clock = start.astimezone(reader).utcoffset() == start.utcoffset()
            return cls(
                dates=dates,
                times=start_time(start, zone),
                reader_times="" if same_clock else start_time(start, reader),
            )
        same_clock = all(t.astimezone(reader).utcoffset() == t.utcoffset() for t in (start, end))
        return cls(
            dates=dates,
            times=time_span(start, end, zone),
            reader_times="" if same_clock else time_span(start, end, reader),
        )


def outside_mandate_window(event: Event) -> str:
    """The mandate's window ("1–17 December 2016") when the event's dates fall outside it, else
    "": shown as a note, never refused (a mandate's dates and its meetings' often differ)."""
    mandate = event.mandate
    if mandate is None or event.start is None:
        return ""
    first, last = event.local_start.date(), event.local_end.date()
    before = mandate.start_date is not None and first < mandate.start_date
    after = mandate.end_date is not None and last > mandate.end_date
    if not (before or after):
        return ""
    return mandate_window(mandate)


def mandate_window(mandate) -> str:
    """ "1–17 December 2016", "from 1 December 2016", "until 17 December 2016"."""
    if mandate.start_date and mandate.end_date:
        return date_span(mandate.start_date, mandate.end_date)
    if mandate.start_date:
        return _("from %(date)s") % {"date": date_format(mandate.start_date, "j F Y")}
    return _("until %(date)s") % {"date": date_format(mandate.end_date, "j F Y")}
