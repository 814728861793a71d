"""iCalendar data for events: one event's .ics file and a reader's subscribable feed.

Calendar applications show what they get verbatim: the event's original title and texts, its
times in its own time zone (with the VTIMEZONE they need), and a status they understand.
"""

import datetime as dt
import zoneinfo
from urllib.parse import urlsplit

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vDuration
from icalendar import Event as VEvent

from .models import Event, EventContact, EventStatus

PRODID = "-//SSR Coordination Portal//Events//EN"

# Calendar applications know three states; a postponed or planned event is not certain yet.
ICAL_STATUS = {
    EventStatus.PLANNED: "TENTATIVE",
    EventStatus.CONFIRMED: "CONFIRMED",
    EventStatus.HELD: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def events_for_calendar(queryset=None):
    """Events with what their VEVENT shows, in three queries whatever their number.

    The events (with country and the number of saved versions, which makes SEQUENCE), their
    objectives, and their contacts with the people.
    """
    history = Event.history.model.objects
    versions = (
        history.filter(id=OuterRef("pk")).order_by().values("id").annotate(n=Count("*")).values("n")
    )
    queryset = Event.objects.all() if queryset is None else queryset
    return (
        queryset.select_related("country")
        .annotate(saved_versions=Coalesce(Subquery(versions), 0))
        .prefetch_related(
            "objectives",
            Prefetch(
                "contacts",
                queryset=EventContact.objects.select_related("person").order_by("position", "pk"),
            ),
        )
    )


def event_uid(event: Event, host: str) -> str:
    """Stable across requests and edits: calendar applications update the event they hold."""
    return f"event-{event.pk}@{host.split(':')[0]}"


def place_of(event: Event) -> str:
    """ "Hôtel de l'Amitié, Bamako, Mali": venue, city and country, those given."""
    country = event.country.name if event.country else ""
    return ", ".join(part for part in [event.venue, event.city, country] if part)


def location_of(event: Event) -> str:
    """Venue, city and country where it has a place; the online link for an online event."""
    return place_of(event) or event.online_url


def description_of(event: Event) -> str:
    """The summary, the lettered objectives and, for a hybrid event, the online link."""
    parts = [event.summary.strip()] if event.summary.strip() else []
    objectives = [f"{o.letter}) {o.text}" for o in event.objectives.all()]
    if objectives:
        parts.append("\n".join(objectives))
    if event.online_url and location_of(event) != event.online_url:
        parts.append(event.online_url)
    return "\n\n".join(parts)


def organizer_of(event: Event) -> vCalAddress | None:
    """The first contact with an e-mail address, if any: a calendar needs an address to show."""
    for contact in event.contacts.all():
        if contact.person.email:
            return vCalAddress.new(contact.person.email, cn=contact.person.full_name)
    return None


def vevent(event: Event, *, url: str, host: str, now: dt.datetime) -> VEvent:
    """One VEVENT; ``event`` comes from :func:`events_for_calendar`."""
    component = VEvent.new(
        uid=event_uid(event, host),
        stamp=now,
        summary=event.title,
        description=description_of(event) or None,
        location=location_of(event) or None,
        url=url,
        status=ICAL_STATUS.get(event.status, "TENTATIVE"),
        sequence=max(event.saved_versions - 1, 0),
        created=event.created_at,
        last_modified=event.updated_at,
        organizer=organizer_of(event),
    )
    add_span(component, event)
    for name in ["SUMMARY", "DESCRIPTION"]:
        if name in component:
            component[name].params["LANGUAGE"] = event.language
    return component


def add_span(component, event: Event) -> None:
    """DTSTART and DTEND as the record gives them: whole days as dates (VALUE=DATE, the end
    the day after the last, as RFC 5545 has it), so that no calendar shows 00:00–23:59 or
    moves the days into the reader's zone; times in the event's zone; a start only when the
    end is not given (a timed start alone is an instant, a day alone is that day)."""
    if event.all_day:
        first = event.local_start.date()
        last = first if event.open_end else event.local_end.date()
        component.add("DTSTART", first)
        component.add("DTEND", last + dt.timedelta(days=1))
        return
    add_in_zone(component, "DTSTART", event.start, event.time_zone)
    if not event.open_end:
        add_in_zone(component, "DTEND", event.end, event.time_zone)


def add_in_zone(component, name: str, moment: dt.datetime, zone: str) -> None:
    """``moment`` as the wall-clock time of ``zone``, with TZID=zone.

    icalendar writes a zone it finds equal to UTC today (Africa/Bamako, Africa/Dakar, Atlantic/
    Reykjavik...) as UTC and drops its name; calendar applications would then show "UTC" for a
    Bamako meeting. Giving the TZID ourselves keeps the event's zone, and its VTIMEZONE.
    """
    if zone in {"UTC", "Etc/UTC"}:
        component.add(name, moment.astimezone(dt.UTC))
        return
    local = moment.astimezone(zoneinfo.ZoneInfo(zone))
    component.add(name, local.replace(tzinfo=None), parameters={"TZID": zone})


def calendar_of(
    events, *, base_url: str, uid: str, name: str = "", refresh: dt.timedelta | None = None
) -> bytes:
    """A VCALENDAR of ``events`` with the VTIMEZONE of every zone they use.

    ``base_url`` is the portal's address ("https://ssr.example.org", from the request or, in a
    notice, PORTAL_URL). ``uid`` names the calendar itself ("calendar-feed-<user>"), the same on
    every download.
    """
    events = [event for event in events if event.start is not None]
    now, host = timezone.now(), urlsplit(base_url).netloc
    calendar = Calendar.new(
        prodid=PRODID,
        uid=f"{uid}@{host.split(':')[0]}",
        name=name or None,
        refresh_interval=refresh,
        subcomponents=[
            vevent(
                event,
                url=base_url + event.get_absolute_url(),
                host=host,
                now=now,
            )
            for event in events
        ],
    )
    if refresh is not None:
        # Outlook reads the older name of REFRESH-INTERVAL.
        calendar.add("X-PUBLISHED-TTL", vDuration(refresh))
    calendar.add("CALSCALE", "GREGORIAN")
    if events:
        # The zones' rules over the years the events span, not icalendar's default 1970-2038.
        calendar.add_missing_timezones(
            first_date=dt.date(min(e.start for e in events).year - 1, 1, 1),
            last_date=dt.date(max(e.end for e in events).year + 1, 12, 31),
        )
    return calendar.to_ical()
