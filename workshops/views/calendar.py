"""The calendar: a month view, an event's .ics file, and each reader's subscribable feed."""

import calendar as pycalendar
import datetime as dt
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core import signing
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, TemplateView

from ssrportal.access import public
from workshops import ical
from workshops.models import Event, EventStatus
from workshops.permissions import ReaderRequired, can_read_workshops

FEED_SALT = "workshops.calendar-feed"
# Subscribers see the last month too: a cancellation or a report date stays in view a while.
FEED_PAST = dt.timedelta(days=30)
FEED_REFRESH = dt.timedelta(hours=1)
# An event's local day can start 14 hours before or after UTC midnight.
ZONE_MARGIN = dt.timedelta(days=1)


PER_DAY = 3  # a busy day shows three events and "and 12 more", linking to the month's list


def shown_and_more(entries: list) -> tuple[list, int]:
    """The entries a day's cell shows, and how many more it has."""
    return entries[:PER_DAY], max(0, len(entries) - PER_DAY)


def month_list_url(year: int, month: int) -> str:
    """The event list of the events that start in the month."""
    first = dt.date(year, month, 1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    query = urlencode({"tab": "all", "start_from": first.isoformat(), "start_to": last.isoformat()})
    return f"{reverse('workshops:list')}?{query}"


class CalendarView(ReaderRequired, TemplateView):
    """A month of events, weeks from Monday; each event on every day it runs, in its own zone,
    at most three a day (then "and N more", linking to the month's events as a list: a busy
    month at ten years of data had 445 entries, 171 KB).

    Three queries: the user, the month's events, and how many planned events have no date yet
    (a calendar cannot place them: it says how many there are and links to them).
    """

    template_name = "workshops/calendar_month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year, month = self.month_asked(today)
        weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        first_day, last_day = weeks[0][0], weeks[-1][-1]
        days = self.events_by_day(first_day, last_day)
        previous_month = (dt.date(year, month, 1) - dt.timedelta(days=1)).replace(day=1)
        next_month = (dt.date(year, month, 28) + dt.timedelta(days=4)).replace(day=1)
        context.update(
            month=dt.date(year, month, 1),
            today=today,
            weekdays=weeks[0],
            weeks=[[(day, *shown_and_more(days.get(day, []))) for day in week] for week in weeks],
            month_list_url=month_list_url(year, month),
            previous_month=previous_month,
            next_month=next_month,
            is_this_month=(year, month) == (today.year, today.month),
            month_has_events=any(day.month == month for day in days),
            reader_zone=timezone.get_current_timezone_name(),
            undated=Event.objects.filter(start__isnull=True)
            .exclude(status=EventStatus.CANCELLED)
            .count(),
        )
        return context

    def month_asked(self, today: dt.date) -> tuple[int, int]:
        """?year=&month=, or this month when either is missing or out of range."""
        try:
            year = int(self.request.GET.get("year", today.year))
            month = int(self.request.GET.get("month", today.month))
        except ValueError:
            return today.year, today.month
        if not (1 <= month <= 12 and dt.MINYEAR < year < dt.MAXYEAR):
            return today.year, today.month
        return year, month

    def events_by_day(self, first_day: dt.date, last_day: dt.date) -> dict:
        """{day: [(event, part)]}, part being "single", "first", "middle" or "last"."""
        zone = timezone.get_current_timezone()
        since = dt.datetime.combine(first_day, dt.time(), zone) - ZONE_MARGIN
        until = dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(), zone) + ZONE_MARGIN
        events = (
            Event.objects.with_reader_language()
            .filter(start__lt=until, end__gte=since)
            .only("title", "language", "status", "start", "end", "all_day", "open_end", "time_zone")
            .order_by("start", "pk")
        )
        days = defaultdict(list)
        for event in events:
            start = event.start.astimezone(event.tz).date()
            end = event.end.astimezone(event.tz).date()
            day = max(start, first_day)
            while day <= min(end, last_day):
                if start == end:
                    part = "single"
                else:
                    part = "first" if day == start else "last" if day == end else "middle"
                days[day].append((event, part))
                day += dt.timedelta(days=1)
        return days


class EventIcsView(ReaderRequired, DetailView):
    """The event as an .ics file to open in Outlook or Google Calendar. Four queries."""

    def get_queryset(self):
        # An event whose date is not known yet has nothing to put in a calendar.
        return ical.events_for_calendar(Event.objects.filter(start__isnull=False))

    def render_to_response(self, context):
        event = self.object
        response = HttpResponse(
            ical.calendar_of(
                [event], base_url=base_url(self.request), uid=f"calendar-event-{event.pk}"
            ),
            content_type="text/calendar; charset=utf-8",
        )
        filename = slugify(event.title)
        if len(filename) > 60:
            filename = filename[:61].rsplit("-", 1)[0]
        filename = filename or f"event-{event.pk}"
        response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
        return response


def base_url(request) -> str:
    """ "https://host": the portal's address as the request reached it."""
    return request.build_absolute_uri("/").rstrip("/")


def feed_token(user) -> str:
    """The secret of a user's feed link: the same on every visit; changing the password revokes it.

    It carries a digest of the password hash, never the hash itself: calendar services store
    the link.
    """
    return signing.Signer(salt=FEED_SALT).sign(f"{user.pk}.{_password_digest(user)}")


def user_for_feed_token(token: str):
    """The active reader the token was made for, or None (bad, altered or revoked token)."""
    try:
        pk, digest = signing.Signer(salt=FEED_SALT).unsign(token).split(".", 1)
        pk = int(pk)
    except (signing.BadSignature, ValueError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not constant_time_compare(digest, _password_digest(user)):
        return None
    return user if can_read_workshops(user) else None


def _password_digest(user) -> str:
    return salted_hmac(FEED_SALT, user.password, algorithm="sha256").hexdigest()[:16]


class FeedLinkView(ReaderRequired, TemplateView):
    """The reader's secret feed address, and how to subscribe to it."""

    template_name = "workshops/calendar_subscribe.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        path = reverse("workshops:feed", args=[feed_token(self.request.user)])
        feed_url = self.request.build_absolute_uri(path)
        context.update(feed_url=feed_url, webcal_url="webcal://" + feed_url.split("://", 1)[1])
        return context


@public
@require_safe
def feed(request, token):
    """The events of the last month and the future, cancelled ones included, for one reader.

    Public because calendar applications send no cookie: the token is the credential, and a
    bad or revoked one answers 404. Four queries: the user, the events, objectives, contacts.
    """
    user = user_for_feed_token(token)
    if user is None:
        raise Http404
    with translation.override(user.language):
        events = ical.events_for_calendar(
            Event.objects.filter(end__gte=timezone.now() - FEED_PAST).order_by("start", "pk")
        )
        body = ical.calendar_of(
            events,
            base_url=base_url(request),
            uid=f"calendar-feed-{user.pk}",
            name=_("SSR Coordination Portal events"),
            refresh=FEED_REFRESH,
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response
