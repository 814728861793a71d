import datetime as dt
import io
import re
import zoneinfo
from html import unescape

import icalendar
import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests import factories
from workshops.models import Event
from workshops.views.calendar import feed_token

pytestmark = pytest.mark.django_db


BAMAKO = zoneinfo.ZoneInfo("Africa/Bamako")
MALI_TITLE = (
    "Atelier national de mise en place de l’alliance des organisations de la société civile sur "
    "la RSS au Mali"
)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def day_cells(page: str) -> dict[str, str]:
    """{"Wednesday 26 January 2022": what the cell shows} for each day of the month view."""
    cells = re.findall(r'<td class="calendar-day[^"]*"[^>]*>(.*?)</td>', page, re.S)
    days = {}
    for cell in cells:
        name = re.search(r'<span class="[^"]*calendar-full-date">(.*?)</span>', cell).group(1)
        days[name] = text(cell)
    return days


def seeded(client, user) -> Event:
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(user)
    return Event.objects.get(title=MALI_TITLE)


def timed_bamako_workshop() -> Event:
    """A workshop whose record gives its times: 09:00 on the 26th to 17:00 on the 27th."""
    return factories.EventFactory(
        title="Atelier de validation du plan d’action de l’alliance",
        language="fr",
        kind="workshop",
        status="confirmed",
        start=dt.datetime(2022, 1, 26, 9, tzinfo=BAMAKO),
        end=dt.datetime(2022, 1, 27, 17, tzinfo=BAMAKO),
        time_zone="Africa/Bamako",
        format="in_person",
        city="Bamako",
        country=factories.country("ML"),
    )


def days_from_now(n: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=n)


def vevents(body: bytes) -> list:
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


# --- The month view -------------------------------------------------------------------------------


def test_january_2022_shows_the_bamako_workshop_on_the_26th_and_27th(client, focal_point_user):
    event = seeded(client, focal_point_user)

    response = client.get("/workshops/calendar/", {"year": 2022, "month": 1})

    page = response.content.decode()
    days = day_cells(page)
    assert len(days) == 42  # six weeks, Monday 27 December 2021 to Sunday 6 February 2022
    assert next(iter(days)) == "Monday 27 December 2021"
    assert days["Wednesday 26 January 2022"] == (
        f"26 Wednesday 26 January 2022 all day {MALI_TITLE} held"
    )
    assert days["Thursday 27 January 2022"] == (
        f"27 Thursday 27 January 2022 all day {MALI_TITLE} held"
    )
    assert [name for name, shown in days.items() if MALI_TITLE in shown] == [
        "Wednesday 26 January 2022",
        "Thursday 27 January 2022",
    ]
    assert f'<a href="/workshops/{event.pk}/" lang="fr">' in page
    assert ">January 2022</h2>" in page


def test_a_timed_event_shows_its_start_and_end_in_its_zone_and_the_start_in_the_readers(
    client, focal_point_user
):
    timed_bamako_workshop()
    client.force_login(focal_point_user)

    days = day_cells(client.get("/workshops/calendar/?year=2022&month=1").content.decode())

    title = "Atelier de validation du plan d’action de l’alliance"
    assert days["Wednesday 26 January 2022"] == (
        f"26 Wednesday 26 January 2022 from 09:00 GMT (12:00 EAT) {title} confirmed"
    )
    assert days["Thursday 27 January 2022"] == (
        f"27 Thursday 27 January 2022 until 17:00 GMT {title} confirmed"
    )


def test_month_view_is_in_the_readers_language_with_weeks_from_monday(client, secretariat_user):
    seeded(client, secretariat_user)
    timed_bamako_workshop()
    secretariat_user.language = "fr"
    secretariat_user.save()

    page = client.get("/workshops/calendar/?year=2022&month=1").content.decode()

    assert ">Janvier 2022</h2>" in page
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)">([^<]+)</abbr></th>', page)
    assert headers[0] == ("Lundi", "Lun")
    assert headers[-1] == ("Dimanche", "Dim")
    assert f"toute la journée {MALI_TITLE}" in day_cells(page)["mercredi 26 janvier 2022"]
    assert f"toute la journée {MALI_TITLE}" in day_cells(page)["jeudi 27 janvier 2022"]
    assert "09:00 GMT (12:00 EAT)" in day_cells(page)["mercredi 26 janvier 2022"]
    assert "17:00 GMT" in day_cells(page)["jeudi 27 janvier 2022"]
    assert "</span>Décembre 2021</a>" in page
    assert ">Février 2022<span" in page


def test_a_multi_day_event_shows_on_each_of_its_days(client, secretariat_user):
    factories.EventFactory(
        title="Steering committee, Abuja",
        time_zone="Africa/Lagos",
        start=dt.datetime(2022, 1, 30, 9, tzinfo=zoneinfo.ZoneInfo("Africa/Lagos")),
        end=dt.datetime(2022, 2, 2, 13, tzinfo=zoneinfo.ZoneInfo("Africa/Lagos")),
        status="confirmed",
    )
    client.force_login(secretariat_user)

    days = day_cells(client.get("/workshops/calendar/?year=2022&month=1").content.decode())

    shown = {name: cell for name, cell in days.items() if "Abuja" in cell}
    assert list(shown) == [
        "Sunday 30 January 2022",
        "Monday 31 January 2022",
        "Tuesday 1 February 2022",
        "Wednesday 2 February 2022",
    ]
    assert "all day Steering committee, Abuja confirmed" in shown["Monday 31 January 2022"]
    assert "until 13:00 WAT" in shown["Wednesday 2 February 2022"]


def test_month_view_links_previous_next_today_and_subscription(client, secretariat_user):
    client.force_login(secretariat_user)

    page = client.get("/workshops/calendar/?year=2022&month=1").content.decode()

    assert 'href="?year=2021&amp;month=12"' in page
    assert 'href="?year=2022&amp;month=2"' in page
    assert '<a class="page-link" href="/workshops/calendar/">Today</a>' in page
    assert 'href="/workshops/calendar/subscribe/"' in page


@pytest.mark.parametrize(
    "query", ["?year=2022&month=13", "?year=abc", "?year=0&month=1", "?month="]
)
def test_a_month_that_does_not_exist_shows_this_month(client, secretariat_user, query):
    client.force_login(secretariat_user)

    response = client.get(f"/workshops/calendar/{query}")

    today = timezone.localdate()
    assert response.status_code == 200
    assert response.context["month"] == today.replace(day=1)
    assert "No event this month." in response.content.decode()
    assert 'aria-current="date"' in response.content.decode()


@pytest.mark.parametrize("events", [1, 200])
def test_month_view_costs_the_same_queries_for_one_or_many_events(
    client, secretariat_user, django_assert_max_num_queries, events
):
    for n in range(events):
        start = dt.datetime(2022, 1, 1 + n % 28, 9, tzinfo=BAMAKO)
        event = factories.EventFactory(
            start=start, end=start + dt.timedelta(days=n % 3), time_zone="Africa/Bamako"
        )
        factories.EventTranslationFactory(event=event)
        factories.EventFactory(start=None, end=None, status="planned")
    secretariat_user.language = "fr"
    secretariat_user.save()
    client.force_login(secretariat_user)
    client.get("/workshops/calendar/?year=2022&month=1")

    # The user; the month's events with their French titles; how many planned or postponed
    # events have no date yet.
    with django_assert_max_num_queries(3):
        response = client.get("/workshops/calendar/?year=2022&month=1")

    days = [(entries, more) for week in response.context["weeks"] for _, entries, more in week]
    # Every event is on the calendar, at most three a day: a busy day says how many more.
    assert sum(len(entries) + more for entries, more in days) >= events
    assert max(len(entries) for entries, _ in days) <= 3
    shown = sum(len(entries) for entries, _ in days)
    assert response.content.decode().count("Réunion de haut niveau CUA-CER") == shown
    assert response.context["undated"] == events


def test_a_busy_month_weighs_the_same_with_60_or_300_events(client, secretariat_user):
    def add(count):
        for n in range(count):
            start = dt.datetime(2022, 1, 1 + n % 28, 9, tzinfo=BAMAKO)
            factories.EventFactory(start=start, end=start + dt.timedelta(days=2))

    client.force_login(secretariat_user)
    add(60)
    small = len(client.get("/workshops/calendar/?year=2022&month=1").content)
    add(240)

    response = client.get("/workshops/calendar/?year=2022&month=1")

    assert abs(len(response.content) - small) < 1000
    # 300 events of three days over 28 days: some 32 on each day, three of them shown.
    assert re.search(r"and \d\d more</a>", response.content.decode())


# --- An event's .ics file -------------------------------------------------------------------------


def test_ics_of_the_bamako_workshop_gives_its_days_as_dates_its_place_and_title(
    client, focal_point_user
):
    event = seeded(client, focal_point_user)

    response = client.get(f"/workshops/{event.pk}/event.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="atelier-national-de-mise-en-place-de-lalliance-des.ics"'
    )
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    # Whole days, the end the day after the last (RFC 5545), in no zone.
    assert vevent.start == dt.date(2022, 1, 26)
    assert vevent.end == dt.date(2022, 1, 28)
    assert b"DTSTART;VALUE=DATE:20220126" in response.content
    assert b"DTEND;VALUE=DATE:20220128" in response.content
    assert "TZID" not in vevent["DTSTART"].params
    assert calendar.timezones == []
    assert str(vevent["SUMMARY"]) == MALI_TITLE
    assert str(vevent["LOCATION"]) == "Bamako, Mali"
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(vevent["URL"]) == f"http://testserver/workshops/{event.pk}/"
    assert str(vevent["UID"]) == f"event-{event.pk}@testserver"
    assert str(vevent["DESCRIPTION"]).startswith("Du 26 au 27 Janvier 2022, s’est tenu à Bamako")
    assert (
        "a) faciliter la mise en réseau des acteurs de la société civile" in vevent["DESCRIPTION"]
    )
    assert "ORGANIZER" not in vevent
    assert vevent["DTSTAMP"]


def test_ics_of_a_timed_event_gives_its_times_in_its_own_zone(client, focal_point_user):
    event = timed_bamako_workshop()
    client.force_login(focal_point_user)

    calendar = icalendar.Calendar.from_ical(client.get(f"/workshops/{event.pk}/event.ics").content)

    [vevent] = calendar.walk("VEVENT")
    assert vevent.start == dt.datetime(2022, 1, 26, 9, 0, tzinfo=BAMAKO)
    assert vevent.start.tzinfo.key == "Africa/Bamako"
    assert vevent["DTSTART"].params["TZID"] == "Africa/Bamako"
    assert vevent.end == dt.datetime(2022, 1, 27, 17, 0, tzinfo=BAMAKO)
    assert [tz.tz_name for tz in calendar.timezones] == ["Africa/Bamako"]
    assert str(vevent["LOCATION"]) == "Bamako, Mali"


def test_ics_uid_stays_and_sequence_grows_when_the_event_changes(client, secretariat_user):
    event = factories.EventFactory(status="planned")
    client.force_login(secretariat_user)
    before = vevents(client.get(f"/workshops/{event.pk}/event.ics").content)[0]

    event.status = "cancelled"
    event.save()
    after = vevents(client.get(f"/workshops/{event.pk}/event.ics").content)[0]

    assert (str(before["UID"]), before["SEQUENCE"], str(before["STATUS"])) == (
        f"event-{event.pk}@testserver",
        0,
        "TENTATIVE",
    )
    assert (str(after["UID"]), after["SEQUENCE"], str(after["STATUS"])) == (
        f"event-{event.pk}@testserver",
        1,
        "CANCELLED",
    )


def test_ics_of_an_online_event_gives_its_link_and_its_contact_as_organizer(
    client, secretariat_user
):
    event = factories.EventFactory(online_url="https://meet.example.org/jlmp", status="confirmed")
    factories.EventContactFactory(
        event=event, person=factories.PersonFactory(full_name="Oumar Diop", email="")
    )
    factories.EventContactFactory(
        event=event,
        person=factories.PersonFactory(full_name="Gamal Karrar", email="g.karrar@example.org"),
    )
    client.force_login(secretariat_user)

    [vevent] = vevents(client.get(f"/workshops/{event.pk}/event.ics").content)

    assert str(vevent["LOCATION"]) == "https://meet.example.org/jlmp"
    assert str(vevent["ORGANIZER"]) == "mailto:g.karrar@example.org"
    assert vevent["ORGANIZER"].params["CN"] == "Gamal Karrar"
    assert vevent.start == dt.datetime(
        2020, 12, 7, 10, tzinfo=zoneinfo.ZoneInfo("Africa/Addis_Ababa")
    )


def test_ics_of_an_unknown_event_is_not_found(client, secretariat_user):
    client.force_login(secretariat_user)

    assert client.get("/workshops/999999/event.ics").status_code == 404


# --- The subscribable feed ------------------------------------------------------------------------


@pytest.fixture
def feed_events():
    old = factories.EventFactory(
        title="Held long ago", start=days_from_now(-90), end=days_from_now(-89)
    )
    recent = factories.EventFactory(
        title="Held last week", status="held", start=days_from_now(-8), end=days_from_now(-7)
    )
    cancelled = factories.EventFactory(
        title="Cancelled meeting",
        status="cancelled",
        start=days_from_now(10),
        end=days_from_now(11),
    )
    upcoming = factories.EventFactory(
        title="Validation meeting, Abuja",
        status="confirmed",
        start=days_from_now(20),
        end=days_from_now(21),
    )
    return old, recent, cancelled, upcoming


def test_feed_with_a_valid_token_lists_last_month_and_upcoming_events(
    client, focal_point_user, feed_events
):
    response = client.get(f"/workshops/feed/{feed_token(focal_point_user)}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [(str(e["SUMMARY"]), str(e["STATUS"])) for e in calendar.walk("VEVENT")] == [
        ("Held last week", "CONFIRMED"),
        ("Cancelled meeting", "CANCELLED"),
        ("Validation meeting, Abuja", "CONFIRMED"),
    ]
    assert str(calendar["X-WR-CALNAME"]) == "SSR Coordination Portal events"
    assert str(calendar["UID"]) == f"calendar-feed-{focal_point_user.pk}@testserver"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT1H"
    assert calendar["X-PUBLISHED-TTL"].to_ical() == b"PT1H"
    assert [tz.tz_name for tz in calendar.timezones] == ["Africa/Addis_Ababa"]


def test_feed_token_is_the_same_on_every_visit_and_revoked_by_a_new_password(
    client, secretariat_user, feed_events
):
    token = feed_token(secretariat_user)
    assert feed_token(secretariat_user) == token

    secretariat_user.set_password("a brand new passphrase 2026")
    secretariat_user.save()

    assert client.get(f"/workshops/feed/{token}.ics").status_code == 404
    assert client.get(f"/workshops/feed/{feed_token(secretariat_user)}.ics").status_code == 200
    assert client.head(f"/workshops/feed/{feed_token(secretariat_user)}.ics").status_code == 200


def test_feed_refuses_altered_tokens_and_accounts_without_a_role(client, secretariat_user):
    token = feed_token(secretariat_user)
    pk, rest = token.split(".", 1)
    nobody = factories.UserFactory(username="no-role")
    inactive = factories.UserFactory(username="gone", is_active=False)
    inactive.groups.add(*secretariat_user.groups.all())

    assert client.get(f"/workshops/feed/{pk}0.{rest}.ics").status_code == 404
    assert client.get(f"/workshops/feed/{token[:-1]}x.ics").status_code == 404
    assert client.get(f"/workshops/feed/{feed_token(nobody)}.ics").status_code == 404
    assert client.get(f"/workshops/feed/{feed_token(inactive)}.ics").status_code == 404


def test_subscribe_page_shows_the_readers_own_https_address(client, focal_point_user):
    client.force_login(focal_point_user)

    response = client.get(
        "/workshops/calendar/subscribe/", HTTP_X_FORWARDED_PROTO="https", secure=True
    )

    page = response.content.decode()
    token = feed_token(focal_point_user)
    assert f'value="https://testserver/workshops/feed/{token}.ics"' in page
    assert f'href="webcal://testserver/workshops/feed/{token}.ics"' in page
    assert 'href="/accounts/password_change/">Change your password</a>' in page


@pytest.mark.parametrize("events", [1, 200])
def test_feed_and_ics_cost_the_same_queries_for_one_or_many_events(
    client, secretariat_user, django_assert_max_num_queries, events
):
    for n in range(events):
        event = factories.EventFactory(
            start=days_from_now(n), end=days_from_now(n + 1), country=factories.country("ML")
        )
        factories.EventObjectiveFactory.create_batch(2, event=event)
        factories.EventContactFactory(event=event)
    token = feed_token(secretariat_user)
    calendar_app = Client()  # sends no cookie
    calendar_app.get(f"/workshops/feed/{token}.ics")
    client.force_login(secretariat_user)
    client.get(f"/workshops/{event.pk}/event.ics")

    # The feed: the user of the token, the events (with country and number of versions), their
    # objectives, their contacts with the people.
    with django_assert_max_num_queries(4):
        feed = calendar_app.get(f"/workshops/feed/{token}.ics")
    # The .ics: the same four, the first being the signed-in user.
    with django_assert_max_num_queries(4):
        ics = client.get(f"/workshops/{event.pk}/event.ics")

    assert len(vevents(feed.content)) == events
    assert len(vevents(ics.content)) == 1
