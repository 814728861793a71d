"""Records as the texts give them: whole days, a start only, no date yet, a mandate's window,
roles, participant groups with approximate counts, links between events, sources."""

import datetime as dt
import html
import re
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from tests import factories
from workshops.models import Event, EventLink, EventOrganiser, Notice, ParticipantGroup, Source
from workshops.notices import recording, sending

from .test_event_form import form_data, set_rows

pytestmark = pytest.mark.django_db

BANJUL = zoneinfo.ZoneInfo("Africa/Banjul")
BANJUL_TITLE = "Regional workshop on the governance of border security in West Africa"


def text_of(page: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip()
    return html.unescape(text.replace(" ,", ","))


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def banjul_workshop(**values) -> Event:
    """ "Banjul, 12 to 14 December 2018": days, no times."""
    defaults = {
        "title": BANJUL_TITLE,
        "kind": "workshop",
        "format": "in_person",
        "city": "Banjul",
        "country": factories.country("GM"),
        "time_zone": "Africa/Banjul",
        "all_day": True,
        "start": dt.datetime(2018, 12, 12, tzinfo=BANJUL),
        "end": dt.datetime(2018, 12, 14, tzinfo=BANJUL),
    }
    return factories.EventFactory(**(defaults | values))


def new_event_data(client, **values) -> dict:
    data = form_data(client.get("/workshops/new/"))
    data.update({"title": BANJUL_TITLE, "kind": "workshop", "time_zone": "Africa/Banjul"} | values)
    return data


# --- Whole days ----------------------------------------------------------------------------------


def test_an_all_day_event_in_banjul_reads_12_14_december_everywhere_from_addis(
    secretariat, settings
):
    settings.TIME_ZONE = "Africa/Addis_Ababa"
    event = banjul_workshop()

    page = text_of(secretariat.get(event.get_absolute_url()).content.decode())
    listed = text_of(secretariat.get("/workshops/?tab=all").content.decode())
    month = text_of(secretariat.get("/workshops/calendar/?year=2018&month=12").content.decode())
    ics = icalendar.Calendar.from_ical(secretariat.get(f"/workshops/{event.pk}/event.ics").content)

    assert "When 12–14 December 2018 Where Banjul, Gambia" in page
    assert "Your time" not in page and "00:00" not in page and "23:59" not in page
    assert "12–14 December 2018" in listed and "23:59" not in listed
    assert "all day" in month and "00:00" not in month
    vevent = ics.walk("VEVENT")[0]
    assert vevent["DTSTART"].params["VALUE"] == "DATE"
    assert (vevent.start, vevent.end) == (dt.date(2018, 12, 12), dt.date(2018, 12, 15))
    assert b"DTSTART;VALUE=DATE:20181212" in ics.to_ical()


def test_an_all_day_invitation_gives_the_days_of_the_venue_to_a_reader_in_nairobi():
    event = banjul_workshop(
        start=timezone.now().replace(microsecond=0) + dt.timedelta(days=20),
        end=timezone.now().replace(microsecond=0) + dt.timedelta(days=22),
    )
    first, last = event.local_start.date(), event.local_end.date()
    person = factories.PersonFactory(time_zone="Africa/Nairobi")
    participant = factories.ParticipantFactory(event=event, person=person)
    recording.record_invitations(event=event, participants=[participant], by=None)

    sending.send(Notice.objects.values_list("pk", flat=True))

    body = mail.outbox[0].body
    assert f"{first.day}" in body and last.strftime("%Y") in body
    assert "00:00" not in body and "23:59" not in body and "UTC" not in body


def test_dates_without_times_from_the_form_make_whole_days_in_the_event_zone(secretariat):
    data = new_event_data(secretariat, start_date="2018-12-12", end_date="2018-12-14")

    response = secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    assert response.status_code == 302
    assert (event.all_day, event.open_end) == (True, False)
    assert (event.local_start.date(), event.local_end.date()) == (
        dt.date(2018, 12, 12),
        dt.date(2018, 12, 14),
    )


def test_a_record_with_only_a_start_keeps_its_end_open(secretariat):
    # "Bissau, 14 Mar 17": the dateline gives a day, nothing more.
    data = new_event_data(secretariat, start_date="2017-03-14", time_zone="Africa/Bissau")

    secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    assert (event.all_day, event.open_end) == (True, True)
    page = text_of(secretariat.get(event.get_absolute_url()).content.decode())
    assert "14 March 2017 (end not given)" in page
    shown = form_data(secretariat.get(f"/workshops/{event.pk}/edit/"))
    assert (shown["start_date"], shown["end_date"]) == ("2017-03-14", "")


def test_a_three_day_training_that_opened_on_4_may_ends_on_6_may(secretariat):
    data = new_event_data(secretariat, kind="training", start_date="2023-05-04", duration_days="3")

    secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    assert (event.local_start.date(), event.local_end.date(), event.open_end) == (
        dt.date(2023, 5, 4),
        dt.date(2023, 5, 6),
        False,
    )


def test_a_number_of_days_that_contradicts_the_end_date_is_refused_next_to_it(secretariat):
    data = new_event_data(
        secretariat, start_date="2023-05-04", end_date="2023-05-09", duration_days="3"
    )

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert "3 days from the start end on 6 May 2023" in response.content.decode()
    assert not Event.objects.exists()


def test_a_planned_meeting_whose_date_is_unknown_is_listed_honestly(secretariat):
    data = new_event_data(secretariat, title="Second REC consultation", date_unknown="on")

    secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    assert (event.start, event.end) == (None, None)
    page = text_of(secretariat.get(event.get_absolute_url()).content.decode())
    assert "When Date not known yet" in page
    upcoming = text_of(secretariat.get("/workshops/").content.decode())
    assert "Second REC consultation" in upcoming and "Date not known yet" in upcoming
    month = text_of(secretariat.get("/workshops/calendar/").content.decode())
    assert "1 planned event has no date yet: it is not in the calendar." in month
    assert secretariat.get(f"/workshops/{event.pk}/event.ics").status_code == 404


def test_a_held_event_without_date_is_refused_with_the_reason(secretariat):
    data = new_event_data(secretariat, status="held", date_unknown="on")

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert "Only a planned, postponed or cancelled event may have no date yet." in (
        response.content.decode()
    )
    assert not Event.objects.exists()


def test_no_date_and_no_tick_asks_for_the_start_date(secretariat):
    response = secretariat.post("/workshops/new/", new_event_data(secretariat))

    assert "Give the start date, or tick “date not known yet”." in response.content.decode()
    assert not Event.objects.exists()


def test_an_event_outside_its_mandates_window_shows_a_note_and_is_saved(secretariat):
    mandate = factories.MandateFactory()  # 1 to 17 December 2016
    outside = banjul_workshop(mandate=mandate)
    inside = factories.EventFactory(
        mandate=mandate,
        all_day=True,
        start=dt.datetime(2016, 12, 5, tzinfo=BANJUL),
        end=dt.datetime(2016, 12, 6, tzinfo=BANJUL),
    )

    outside_page = text_of(secretariat.get(outside.get_absolute_url()).content.decode())
    inside_page = text_of(secretariat.get(inside.get_absolute_url()).content.decode())

    assert "Held outside the dates of its mandate (1–17 December 2016)." in outside_page
    assert "outside the dates of its mandate" not in inside_page


# --- Who: roles, participant groups, counts ----------------------------------------------------


def test_a_joint_mission_led_by_ecowas_names_its_head_without_making_him_an_organiser(
    secretariat,
):
    event = banjul_workshop(kind="joint_assessment_mission")
    head = factories.PersonFactory(full_name="Ibrahim Sanogo", title="Gen.")
    EventOrganiser.objects.create(
        event=event,
        organisation=factories.organisation("ECOWAS"),
        role_id="lead",
        represented_by=head,
        capacity="head of mission",
        position=1,
    )
    EventOrganiser.objects.create(
        event=event, organisation=factories.organisation("AUC"), role_id="member", position=2
    )
    EventOrganiser.objects.create(
        event=event, organisation=factories.organisation("EU"), role_id="sponsor", position=3
    )

    page = text_of(secretariat.get(event.get_absolute_url()).content.decode())

    assert "Led by Economic Community of West African States (ECOWAS)" in page
    assert "Gen. Ibrahim Sanogo, head of mission" in page
    assert page.index("Led by") < page.index("Under the auspices of")
    assert page.index("Under the auspices of") < page.index("Members of the mission")
    assert "Organised by" not in page


def test_participant_groups_with_approximate_counts_from_the_form(secretariat):
    osc = factories.organisation("ECOWAS")
    data = new_event_data(
        secretariat,
        start_date="2022-01-26",
        end_date="2022-01-27",
        reported_participants="250",
        reported_participants_approximation="about",
        reported_women="80",
        reported_women_approximation="at_least",
    )
    set_rows(
        data,
        "groups",
        [
            {
                "name": "représentants des OSC",
                "count": "30",
                "count_approximation": "about",
                "count_kind": "reported",
                "countries": str(factories.country("ML").pk),
            },
            {
                "name": "experts gouvernementaux des États membres",
                "count": "40",
                "count_approximation": "at_least",
                "count_kind": "expected",
                "organisations": str(osc.pk),
            },
        ],
    )

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 302
    event = Event.objects.get()
    groups = list(event.participant_groups.order_by("position"))
    assert [(g.name, g.count, g.count_approximation, g.count_kind) for g in groups] == [
        ("représentants des OSC", 30, "about", "reported"),
        ("experts gouvernementaux des États membres", 40, "at_least", "expected"),
    ]
    page = text_of(secretariat.get(event.get_absolute_url()).content.decode())
    assert "Reported: about 250 participants, of whom at least 80 women." in page
    assert "représentants des OSC (about 30)" in page
    assert "(at least 40 expected)" in page
    assert "From: Mali" in page


def test_more_women_than_participants_is_refused(secretariat):
    data = new_event_data(
        secretariat, start_date="2022-01-26", reported_participants="30", reported_women="45"
    )

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert "There cannot be more women than participants." in response.content.decode()
    assert not Event.objects.exists()


def test_editing_a_group_keeps_its_participants_in_it(secretariat):
    event = banjul_workshop()
    group = ParticipantGroup.objects.create(event=event, position=1, name="CSO representatives")
    participant = factories.ParticipantFactory(event=event, group=group)
    url = f"/workshops/{event.pk}/edit/"
    data = form_data(secretariat.get(url))
    data["groups-0-count"] = "30"
    data["groups-0-count_approximation"] = "about"

    secretariat.post(url, data)

    participant.refresh_from_db()
    assert participant.group_id == group.pk
    assert ParticipantGroup.objects.get(pk=group.pk).count == 30


# --- Links and sources ------------------------------------------------------------------------


def test_a_seminar_that_follows_up_a_mission_shows_the_link_on_both_pages(secretariat):
    mission = banjul_workshop(title="Joint assessment mission to Guinea-Bissau")
    seminar = factories.EventFactory(title="Seminar on the mission's recommendations")
    url = f"/workshops/{seminar.pk}/edit/"
    data = form_data(secretariat.get(url))
    set_rows(data, "links", [{"kind": "follow_up", "to_event": str(mission.pk)}])

    response = secretariat.post(url, data)

    assert response.status_code == 302
    seminar_page = text_of(secretariat.get(seminar.get_absolute_url()).content.decode())
    mission_page = text_of(secretariat.get(mission.get_absolute_url()).content.decode())
    assert "Follows up: Joint assessment mission to Guinea-Bissau (12–14 December 2018)" in (
        seminar_page
    )
    assert "Followed up by: Seminar on the mission's recommendations" in mission_page


def test_an_event_cannot_be_linked_to_itself(secretariat):
    event = banjul_workshop()
    url = f"/workshops/{event.pk}/edit/"
    data = form_data(secretariat.get(url))
    set_rows(data, "links", [{"kind": "same", "to_event": str(event.pk)}])

    response = secretariat.post(url, data)

    assert response.status_code == 200
    assert "An event cannot be linked to itself." in response.content.decode()
    assert not EventLink.objects.exists()


def test_duplicate_as_the_next_of_the_series_links_the_copy(secretariat):
    first = banjul_workshop()

    response = secretariat.post(f"/workshops/{first.pk}/duplicate/", {"next_in_series": "1"})

    copy = Event.objects.exclude(pk=first.pk).get()
    assert response["Location"] == f"/workshops/{copy.pk}/edit/"
    assert EventLink.objects.filter(from_event=copy, kind="series", to_event=first).exists()
    page = text_of(secretariat.get(first.get_absolute_url()).content.decode())
    assert f"Followed in the series by: {BANJUL_TITLE}" in page


def test_a_press_release_is_kept_as_a_source_with_its_own_date(secretariat):
    data = new_event_data(secretariat, start_date="2018-12-12", end_date="2018-12-14")
    set_rows(
        data,
        "sources",
        [
            {
                "headline": "ECOWAS and partners validate border security roadmap",
                "url": "https://www.example.org/press/2018-231",
                "published_on": "2018-12-17",
                "dateline": "Abuja",
                "language": "en",
            }
        ],
    )

    secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    source = Source.objects.get(event=event)
    assert source.published_on == dt.date(2018, 12, 17)
    assert event.local_start.date() == dt.date(2018, 12, 12)
    page = text_of(secretariat.get(event.get_absolute_url()).content.decode())
    assert "ECOWAS and partners validate border security roadmap" in page
    assert "published 17 December 2018, Abuja" in page
    assert "When 12–14 December 2018" in page


@pytest.mark.parametrize("rows", [1, 30])
def test_the_event_page_costs_the_same_queries_for_1_or_30_groups_links_and_sources(
    secretariat, django_assert_max_num_queries, rows
):
    event = banjul_workshop()
    for position in range(1, rows + 1):
        group = ParticipantGroup.objects.create(
            event=event, position=position, name=f"Group {position}", count=position
        )
        group.organisations.add(factories.organisation("ECOWAS"))
        group.countries.add(factories.country("GM"))
        other = factories.EventFactory(title=f"Earlier meeting {position}")
        EventLink.objects.create(from_event=event, kind="follow_up", to_event=other)
        Source.objects.create(event=event, headline=f"Press release {position}", position=position)
    secretariat.get(event.get_absolute_url())

    # As EventDetailView's docstring counts them (the user; the event; its lists; organisers;
    # groups with their organisations and countries; how many each group has; the first 20 of
    # each; their organisations; contacts; documents; sources; links), plus the lessons panel.
    with django_assert_max_num_queries(15):
        response = secretariat.get(event.get_absolute_url())

    assert response.status_code == 200
    assert f"Press release {rows}" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_the_event_form_costs_the_same_queries_for_1_or_30_groups_links_and_sources(
    secretariat, django_assert_max_num_queries, rows
):
    event = banjul_workshop()
    for position in range(1, rows + 1):
        group = ParticipantGroup.objects.create(event=event, position=position, name=f"G{position}")
        group.organisations.add(factories.organisation("ECOWAS"))
        other = factories.EventFactory(title=f"Earlier meeting {position}")
        EventLink.objects.create(from_event=event, kind="follow_up", to_event=other)
        Source.objects.create(event=event, headline=f"Press release {position}", position=position)
    roles = ["organiser", "lead", "host", "convener", "facilitator", "sponsor"]
    for position, acronym in enumerate(["AUC", "ECOWAS", "SADC", "IGAD", "EAC"][:rows], 1):
        for role in roles[: 1 if rows == 1 else len(roles)]:
            EventOrganiser.objects.create(
                event=event,
                organisation=factories.organisation(acronym),
                role_id=role,
                represented_by=factories.PersonFactory(),
                position=position,
            )
    url = f"/workshops/{event.pk}/edit/"
    secretariat.get(url)

    # The user; the event; its rows (objectives and results in one, organisers, contacts,
    # translations, groups, links, sources); the labels of the chosen organisations (organiser
    # rows, group rows), people (organisers' representatives, contacts), linked events and the
    # mandate: one query per searched field whatever the rows.
    with django_assert_max_num_queries(16):
        response = secretariat.get(url)

    assert response.status_code == 200
    assert f"Earlier meeting {rows}" in response.content.decode()
