# The seed texts keep their own typography (curly apostrophes, en dashes).
import csv
import datetime as dt
import io
import re
import zoneinfo

import openpyxl
import pytest
from django.core.management import call_command
from django.utils import timezone

from partners.models import Person
from tests import factories
from workshops.models import (
    Event,
    EventOrganiser,
    Participant,
    ParticipantGroup,
    ThematicArea,
)

pytestmark = pytest.mark.django_db

ADDIS = zoneinfo.ZoneInfo("Africa/Addis_Ababa")
BAMAKO = zoneinfo.ZoneInfo("Africa/Bamako")
JLMP_TITLE = (
    "AUC-RECs High-Level Meeting to launch the Joint Labour Migration Programme Strategic Framework"
)
MALI_TITLE = (
    "Atelier national de mise en place de l’alliance des organisations de la société civile sur "
    "la RSS au Mali"
)


def seed_demo() -> None:
    call_command("seed_demo", stdout=io.StringIO())


def event_in(days: int, title: str, **fields) -> Event:
    """An event starting ``days`` from now (negative: in the past), lasting three hours."""
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    return factories.EventFactory(
        title=title, start=start, end=start + dt.timedelta(hours=3), **fields
    )


def listed(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def text_of(html: str) -> str:
    """The page's text: tags dropped, white space collapsed, none before a comma."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
    return text.replace(" ,", ",")


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def focal_point(client, focal_point_user):
    client.force_login(focal_point_user)
    return client


# --- The list: filters, search, tabs, sorting, pages ----------------------------------------------


def test_status_filter_keeps_the_events_with_that_status(focal_point):
    event_in(5, "Validation of the ECOWAS SSR policy", status="confirmed")
    event_in(6, "Steering committee of the JLMP", status="planned")

    response = focal_point.get("/workshops/", {"status": "confirmed"})

    assert listed(response) == ["Validation of the ECOWAS SSR policy"]


def test_kind_filter_keeps_the_events_of_that_kind(focal_point):
    event_in(5, "Training of trainers", kind="training")
    event_in(6, "High-level meeting", kind="high_level_meeting")

    response = focal_point.get("/workshops/", {"kind": "training"})

    assert listed(response) == ["Training of trainers"]


def test_date_range_keeps_the_events_starting_between_the_two_days(focal_point):
    for day, title in [(1, "Before"), (10, "Within"), (20, "After")]:
        factories.EventFactory(
            title=title,
            start=dt.datetime(2030, 3, day, 9, tzinfo=ADDIS),
            end=dt.datetime(2030, 3, day, 17, tzinfo=ADDIS),
        )

    response = focal_point.get(
        "/workshops/", {"tab": "all", "start_from": "2030-03-05", "start_to": "2030-03-15"}
    )

    assert listed(response) == ["Within"]


def test_country_filter_finds_events_held_in_or_targeting_the_country(focal_point):
    mali = factories.country("ML")
    event_in(3, "Held in Bamako", city="Bamako", country=mali, format="in_person")
    event_in(4, "Online, for Mali").target_countries.add(mali)
    event_in(5, "Held in Dakar", city="Dakar", country=factories.country("SN"))

    response = focal_point.get("/workshops/", {"country": mali.pk})

    assert listed(response) == ["Held in Bamako", "Online, for Mali"]


def test_organisation_filter_finds_events_where_it_has_any_role_including_a_rec(focal_point):
    ecowas = factories.organisation("ECOWAS")
    funded = event_in(3, "Funded by ECOWAS")
    factories.EventOrganiserFactory(event=funded, organisation=ecowas, role_id="funder")
    organised = event_in(4, "Organised by ECOWAS")
    factories.EventOrganiserFactory(event=organised, organisation=ecowas, role_id="organiser")
    factories.EventOrganiserFactory(event=event_in(5, "Organised by IOM"))

    response = focal_point.get("/workshops/", {"organisation": ecowas.pk})

    assert listed(response) == ["Funded by ECOWAS", "Organised by ECOWAS"]
    assert f'<option value="{ecowas.pk}" selected>ECOWAS – ' in response.content.decode()


def test_thematic_area_filter_keeps_the_events_tagged_with_it(focal_point):
    area = ThematicArea.objects.get(code="border-management")
    event_in(3, "Border management in the Sahel").thematic_areas.add(area)
    event_in(4, "Police reform")

    response = focal_point.get("/workshops/", {"thematic_area": area.pk})

    assert listed(response) == ["Border management in the Sahel"]


def test_mandate_filter_keeps_the_events_held_under_it(focal_point):
    mandate = factories.MandateFactory()
    event_in(3, "AU/REC Workshop", mandate=mandate)
    event_in(4, "A meeting on its own")

    response = focal_point.get("/workshops/", {"mandate": mandate.pk})

    assert listed(response) == ["AU/REC Workshop"]


def test_search_finds_a_word_of_a_french_title(focal_point):
    event_in(-30, MALI_TITLE, language="fr")
    event_in(-20, "Regional workshop on police reform")

    response = focal_point.get("/workshops/", {"tab": "past", "q": "alliance"})

    assert listed(response) == [MALI_TITLE]


def test_search_looks_in_translated_titles_summaries_and_backgrounds(focal_point):
    factories.EventTranslationFactory(
        event=event_in(1, "High-level meeting"), title="Réunion de haut niveau sur la migration"
    )
    event_in(2, "Workshop", summary="On labour migration statistics")
    event_in(3, "Seminar", background="Migration governance since 2015")
    event_in(4, "Training on police oversight")

    response = focal_point.get("/workshops/", {"q": "migration"})

    assert listed(response) == ["High-level meeting", "Workshop", "Seminar"]


def test_tabs_split_upcoming_soonest_first_and_past_latest_first(focal_point):
    event_in(-40, "Held long ago")
    event_in(-4, "Held last week")
    event_in(30, "Next month")
    event_in(3, "This week")

    upcoming = focal_point.get("/workshops/")
    past = focal_point.get("/workshops/", {"tab": "past"})
    everything = focal_point.get("/workshops/", {"tab": "all"})

    assert listed(upcoming) == ["This week", "Next month"]
    assert listed(past) == ["Held last week", "Held long ago"]
    assert listed(everything) == ["Next month", "This week", "Held last week", "Held long ago"]
    assert "2 events found" in upcoming.content.decode()


def test_an_event_under_way_is_upcoming_until_it_ends(focal_point):
    start = timezone.now() - dt.timedelta(hours=1)
    factories.EventFactory(title="Under way", start=start, end=start + dt.timedelta(hours=3))

    response = focal_point.get("/workshops/")

    assert listed(response) == ["Under way"]


def test_sorting_by_title_and_status_both_ways(focal_point):
    event_in(1, "Bravo", status="held")
    event_in(2, "alpha", status="cancelled")
    event_in(3, "Charlie", status="planned")

    by_title = focal_point.get("/workshops/", {"sort": "title"})
    by_title_desc = focal_point.get("/workshops/", {"sort": "-title"})
    by_status = focal_point.get("/workshops/", {"sort": "status"})
    by_start_desc = focal_point.get("/workshops/", {"sort": "-start"})

    assert listed(by_title) == ["alpha", "Bravo", "Charlie"]
    assert listed(by_title_desc) == ["Charlie", "Bravo", "alpha"]
    assert listed(by_status) == ["Charlie", "Bravo", "alpha"]  # planned, held, cancelled
    assert listed(by_start_desc) == ["Charlie", "alpha", "Bravo"]


def test_pages_hold_25_events_and_keep_the_filters(focal_point):
    for day in range(1, 31):
        event_in(day, f"Training {day:02d}", kind="training")
    event_in(40, "A seminar", kind="seminar")

    first = focal_point.get("/workshops/", {"kind": "training"})
    second = focal_point.get("/workshops/", {"kind": "training", "page": 2})

    assert len(listed(first)) == 25
    assert listed(second) == [f"Training {day:02d}" for day in range(26, 31)]
    assert "30 events found" in first.content.decode()
    assert 'href="?kind=training&amp;page=2"' in first.content.decode()


def test_a_bad_filter_value_is_shown_next_to_its_field_not_a_500(focal_point):
    event_in(1, "Workshop")

    response = focal_point.get("/workshops/", {"status": "finished", "start_from": "31/02/2030"})

    assert response.status_code == 200
    assert listed(response) == ["Workshop"]
    assert "Select a valid choice. finished is not one of the available choices." in (
        response.content.decode()
    )


def test_the_new_event_button_shows_for_the_secretariat_only(secretariat, client, focal_point_user):
    secretariat_page = secretariat.get("/workshops/").content.decode()
    client.force_login(focal_point_user)
    focal_point_page = client.get("/workshops/").content.decode()

    assert 'href="/workshops/new/"' in secretariat_page
    assert 'href="/workshops/new/"' not in focal_point_page


def test_a_row_shows_the_dates_in_the_event_time_zone_the_place_and_organisers(focal_point):
    event = factories.EventFactory(
        title="Atelier national",
        start=dt.datetime(2031, 1, 26, 9, tzinfo=BAMAKO),
        end=dt.datetime(2031, 1, 27, 17, tzinfo=BAMAKO),
        time_zone="Africa/Bamako",
        format="in_person",
        city="Bamako",
        country=factories.country("ML"),
        status="confirmed",
        kind="workshop",
    )
    for acronym, role in [("EU", "funder"), ("FES", "co_organiser"), ("EU", "organiser")]:
        factories.EventOrganiserFactory(
            event=event, organisation=factories.organisation(acronym), role_id=role
        )

    page = text_of(focal_point.get("/workshops/").content.decode())

    assert (
        "Atelier national 26–27 January 2031 26 January 09:00 – 27 January 17:00 Bamako (UTC+0) "
        "Bamako, Mali EU, FES Confirmed Workshop"
    ) in page


# --- Export ---------------------------------------------------------------------------------------

HEADER = [
    "id",
    "title",
    "kind",
    "status",
    "start",
    "end",
    "time zone",
    "city",
    "country",
    "online link",
    "organisers",
    "target countries",
    "thematic areas",
    "mandate",
]


@pytest.fixture
def exported_events():
    mandate = factories.MandateFactory()
    mali = factories.country("ML")
    bamako = factories.EventFactory(
        title="Atelier national de mise en place de l’alliance",
        language="fr",
        kind="workshop",
        status="held",
        start=dt.datetime(2022, 1, 26, 9, tzinfo=BAMAKO),
        end=dt.datetime(2022, 1, 27, 17, tzinfo=BAMAKO),
        time_zone="Africa/Bamako",
        format="in_person",
        city="Bamako",
        country=mali,
        mandate=mandate,
    )
    bamako.target_countries.add(mali, factories.country("SN"))
    bamako.thematic_areas.add(ThematicArea.objects.get(code="civil-society-oversight"))
    for position, (acronym, role) in enumerate([("EU", "funder"), ("FES", "co_organiser")], 1):
        factories.EventOrganiserFactory(
            event=bamako,
            organisation=factories.organisation(acronym),
            role_id=role,
            position=position,
        )
    online = factories.EventFactory(online_url="https://meet.example.org/jlmp", status="held")
    factories.EventOrganiserFactory(event=online, organisation=factories.organisation("IOM"))
    event_in(10, "Next month, not in the past tab")
    return bamako, online


def test_csv_export_has_a_bom_the_header_and_the_filtered_rows(focal_point, exported_events):
    bamako, online = exported_events

    response = focal_point.get("/workshops/export/", {"format": "csv", "tab": "past"})

    content = response.content.decode("utf-8")
    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="events-{today}.csv"'
    assert content.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(content[1:]))) == [
        HEADER,
        [
            str(bamako.pk),
            "Atelier national de mise en place de l’alliance",
            "workshop",
            "held",
            "2022-01-26T09:00:00+00:00",
            "2022-01-27T17:00:00+00:00",
            "Africa/Bamako",
            "Bamako",
            "Mali",
            "",
            "EU:funder; FES:co-organiser",
            "Mali; Senegal",
            "Civil society oversight",
            "AU/REC Workshop",
        ],
        [
            str(online.pk),
            JLMP_TITLE,
            "high-level meeting",
            "held",
            "2020-12-07T10:00:00+03:00",
            "2020-12-07T13:00:00+03:00",
            "Africa/Addis_Ababa",
            "",
            "",
            "https://meet.example.org/jlmp",
            "IOM:organiser",
            "",
            "",
            "",
        ],
    ]


def test_export_applies_the_list_filters(focal_point, exported_events):
    bamako, _online = exported_events

    response = focal_point.get(
        "/workshops/export/", {"format": "csv", "tab": "all", "q": "alliance"}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [str(bamako.pk)]


def test_xlsx_export_opens_with_the_rows(focal_point, exported_events):
    bamako, online = exported_events

    response = focal_point.get("/workshops/export/", {"format": "xlsx", "tab": "past"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell if cell is not None else "" for cell in row] for row in sheet.values]
    assert rows[0] == HEADER
    assert [(row[0], row[1], row[4], row[10]) for row in rows[1:]] == [
        (
            bamako.pk,
            "Atelier national de mise en place de l’alliance",
            "2022-01-26T09:00:00+00:00",
            "EU:funder; FES:co-organiser",
        ),
        (online.pk, JLMP_TITLE, "2020-12-07T10:00:00+03:00", "IOM:organiser"),
    ]
    assert response["Content-Disposition"].endswith('.xlsx"')


def test_xlsx_export_drops_control_characters_a_spreadsheet_cannot_hold(focal_point):
    event_in(3, "Validation\x0b workshop")

    response = focal_point.get("/workshops/export/", {"format": "xlsx"})

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet["B2"].value == "Validation workshop"


def test_an_unknown_export_format_is_refused(focal_point):
    response = focal_point.get("/workshops/export/", {"format": "pdf"})

    assert response.status_code == 400
    assert response.content.decode() == "Choose the format csv or xlsx."


# --- The event page -------------------------------------------------------------------------------


def test_seed_001_reads_like_its_notice(focal_point):
    seed_demo()
    event = Event.objects.get(title=JLMP_TITLE)

    page = text_of(focal_point.get(f"/workshops/{event.pk}/").content.decode())

    assert (
        "Who Organised by Health, Humanitarian Affairs and Social Development (HHS) "
        "International Organization for Migration (IOM) International Labour Organization (ILO) "
        "When 7 December 2020 Where Online link not given Why Since 2015, projects totaling"
    ) in page
    assert (
        "Objectives a) Present and launch the JLMP Strategic and MERL Frameworks; "
        "b) Update the CEOs of the Regional Economic Communities on the activities and "
        "achievements of the JLMP till date; "
        "c) Highlight existing and potential challenges with JLMP implementation; "
        "d) Discuss a draft guidance on complementarity and synergy between migration/labour "
        "migration programmes and projects at continental, regional and national levels; "
        "e) Jointly review the efficiency of existing communication channels at the RECs and AUC "
        "with a view of improvement; and "
        "f) Sensitize more development partners about JLMP and to seek opportunities for "
        "partnerships. "
        "Expected results a) Dissemination of and awareness of the JLMP Strategic Framework among "
        "the RECs and other key stakeholders, at highest political level, for ownership and "
        "buy-in; b) Implementation challenges assessed and documented; c) Guidance document on "
        "synergy and complementarity endorsed; and d) Basic joint communication plan endorsed. "
        "Participants"
    ) in page
    assert (
        "Contacts For more information related to the consultation Mr. Oumar Diop, JLMP Support "
        "Unit Coordinator, African Union Commission "
        "For media inquiries Mr. Gamal Eldin Ahmed A. Karrar, Senior Communication Officer, "
        "Information and Communications Directorate, African Union Commission "
        "Linked events No linked event. Sources No source given. Documents No document yet."
    ) in page


def test_seed_001_lists_the_participant_groups_in_order(focal_point):
    seed_demo()
    event = Event.objects.get(title=JLMP_TITLE)

    html = focal_point.get(f"/workshops/{event.pk}/").content.decode()

    groups = re.findall(r'<h3 class="participant-group-name" id="group-\d+">([^<]+)</h3>', html)
    assert groups == [
        "CEOs of 8 recognized AU RECs",
        "RECs Liaison Offices and Focal persons at HQ involved with coordination of the JLMP",
        "Relevant AUC Departments",
        "JLMP partners",
        "Donor partners",
        "International/UN Organizations",
        "Chair of STC of Labour &amp; Migration",
        "Representatives of the media",
    ]
    assert (
        "CEOs of 8 recognized AU RECs namely CENSAD, COMESA, EAC, ECOWAS, ECCAS, SADC, IGAD, UMA "
        "Organisations: CEN-SAD, COMESA, EAC, ECCAS, ECOWAS, IGAD, SADC, UMA"
    ) in text_of(html)


def test_seed_002_declares_french_on_its_texts_and_shows_its_two_days_without_times(focal_point):
    seed_demo()
    event = Event.objects.get(title=MALI_TITLE)

    html = focal_point.get(f"/workshops/{event.pk}/").content.decode()

    assert '<html lang="en">' in html
    assert f'<h1 id="event-title" class="h2" lang="fr">{MALI_TITLE}</h1>' in html
    assert '<p class="text-pre-line" lang="fr">Du 26 au 27 Janvier 2022' in html
    assert '<div class="text-pre-line" lang="fr">L’objectif était de faciliter' in html
    assert '<ol class="lettered-list" lang="fr">' in html
    page = text_of(html)
    assert "When 26–27 January 2022 Where Bamako, Mali" in page
    assert "Your time" not in page
    assert "00:00" not in page and "23:59" not in page
    assert "Organised by Coalition Citoyenne" in page
    assert (
        "Co-organised by Friedrich-Ebert-Stiftung (FES) "
        "Co-funded by European Union (EU) Friedrich-Ebert-Stiftung (FES) When"
    ) in page


def test_a_timed_event_shows_its_times_in_its_zone_then_in_the_readers(focal_point):
    event = factories.EventFactory(
        title="Atelier de validation du plan d’action de l’alliance",
        language="fr",
        start=dt.datetime(2022, 1, 26, 9, tzinfo=BAMAKO),
        end=dt.datetime(2022, 1, 27, 17, tzinfo=BAMAKO),
        time_zone="Africa/Bamako",
        format="in_person",
        city="Bamako",
        country=factories.country("ML"),
    )

    page = text_of(focal_point.get(f"/workshops/{event.pk}/").content.decode())

    assert (
        "When 26–27 January 2022 26 January 09:00 – 27 January 17:00 Bamako (UTC+0) "
        "Your time: 26 January 12:00 – 27 January 20:00 Addis Ababa (UTC+3) Where Bamako, Mali"
    ) in page


def test_a_french_reader_sees_the_french_title_and_the_original_below(
    client, focal_point_user, other_focal_point_user
):
    event = factories.EventFactory()
    factories.EventTranslationFactory(event=event, title="Réunion de haut niveau CUA-CER")
    focal_point_user.language = "fr"
    focal_point_user.save()
    client.force_login(focal_point_user)
    french = client.get(f"/workshops/{event.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    client.force_login(other_focal_point_user)
    english = client.get(f"/workshops/{event.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<h1 id="event-title" class="h2" lang="fr">Réunion de haut niveau CUA-CER</h1>' in french
    assert f'<span lang="en">{JLMP_TITLE}</span>' in french
    assert f'<h1 id="event-title" class="h2" lang="en">{JLMP_TITLE}</h1>' in english
    assert "Réunion de haut niveau" not in english


def test_the_list_shows_the_title_in_the_reader_language(client, focal_point_user):
    event = event_in(3, "High-level meeting")
    factories.EventTranslationFactory(event=event, title="Réunion de haut niveau")
    focal_point_user.language = "fr"
    focal_point_user.save()
    client.force_login(focal_point_user)

    french = client.get("/workshops/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert f'<a href="/workshops/{event.pk}/" lang="fr">Réunion de haut niveau</a>' in french


def test_editor_buttons_show_for_the_secretariat_not_for_a_focal_point(
    client, secretariat_user, focal_point_user
):
    event = factories.EventFactory()
    client.force_login(secretariat_user)
    secretariat_page = client.get(f"/workshops/{event.pk}/").content.decode()
    client.force_login(focal_point_user)
    focal_point_page = client.get(f"/workshops/{event.pk}/").content.decode()

    editor_links = [
        f'href="/workshops/{event.pk}/edit/"',
        f'action="/workshops/{event.pk}/duplicate/"',
        f'href="/workshops/{event.pk}/participants/"',
        f'href="/workshops/{event.pk}/documents/upload/"',
    ]
    for link in editor_links:
        assert link in secretariat_page
        assert link not in focal_point_page
    for page in (secretariat_page, focal_point_page):
        assert f'href="/workshops/{event.pk}/event.ics"' in page
        assert f'href="/workshops/{event.pk}/history/"' in page


def test_the_page_shows_participants_by_group_then_the_others(focal_point):
    event = factories.EventFactory()
    donors = factories.ParticipantGroupFactory(event=event, position=1, name="Donor partners")
    donors.organisations.add(factories.organisation("EU"))
    factories.ParticipantFactory(
        event=event,
        group=donors,
        person=factories.PersonFactory(title="Ms.", full_name="Aïcha Traoré"),
        organisation=factories.organisation("EU"),
        answer="confirmed",
    )
    factories.ParticipantFactory(
        event=event, person=factories.PersonFactory(title="", full_name="Kwame Mensah")
    )

    page = text_of(focal_point.get(f"/workshops/{event.pk}/").content.decode())

    assert (
        "Participants 2 Donor partners Organisations: EU Name Organisation Role Answer "
        "Ms. Aïcha Traoré EU Participant Confirmed "
        "Other participants Name Organisation Role Answer Kwame Mensah Participant Invited "
        "Contacts"
    ) in page


def test_the_page_names_the_mandate_and_the_objectives_it_serves(focal_point):
    objective = factories.MandateObjectiveFactory(position=5, text="Share experience.")
    factories.MandateObjectiveFactory(mandate=objective.mandate, position=6, text="Not served.")
    event = factories.EventFactory(mandate=objective.mandate)
    event.served_objectives.add(objective)

    html = focal_point.get(f"/workshops/{event.pk}/").content.decode()

    assert '<li value="5">Share experience.</li>' in html
    assert "Not served." not in html


def test_documents_link_to_their_download(focal_point):
    document = factories.DocumentFactory(title="Agenda of the Meeting")

    html = focal_point.get(f"/workshops/{document.event_id}/").content.decode()

    assert (
        f'<a href="/workshops/documents/{document.pk}/" lang="en">Agenda of the Meeting</a>'
    ) in html
    assert "No document yet." not in html


def test_an_unknown_event_is_a_404(focal_point):
    assert focal_point.get("/workshops/999999/").status_code == 404
    assert focal_point.get("/workshops/999999/history/").status_code == 404


# --- History --------------------------------------------------------------------------------------


def test_history_shows_who_changed_the_title_from_what_to_what(focal_point, secretariat_user):
    secretariat_user.first_name, secretariat_user.last_name = "Amina", "Yusuf"
    secretariat_user.save()
    event = factories.EventFactory(title="JLMP launch")
    event.title = "JLMP Strategic Framework launch"
    event._history_user = secretariat_user
    event.save()

    page = text_of(focal_point.get(f"/workshops/{event.pk}/history/").content.decode())

    assert (
        "Amina Yusuf Changed Title: JLMP launch → becomes JLMP Strategic Framework launch"
    ) in page
    assert "Created First version" in page


def test_history_shows_the_participants_changes(focal_point, secretariat_user):
    participant = factories.ParticipantFactory(
        person=factories.PersonFactory(title="Mr.", full_name="Oumar Diop")
    )
    participant.answer = "confirmed"
    participant._history_user = secretariat_user
    participant.save()

    page = text_of(focal_point.get(f"/workshops/{participant.event_id}/history/").content.decode())

    assert "secretariat Mr. Oumar Diop Changed Answer: invited → becomes confirmed" in page
    assert "Mr. Oumar Diop Added First version" in page


def test_history_names_the_records_and_labels_a_change_points_to(focal_point):
    event = factories.EventFactory(country=factories.country("ML"), status="planned")
    event.country = factories.country("SN")
    event.status = "confirmed"
    event.save()

    page = text_of(focal_point.get(f"/workshops/{event.pk}/history/").content.decode())

    assert "Status: planned → becomes confirmed Country: Mali → becomes Senegal" in page


def test_history_pages_hold_20_changes_each(focal_point):
    event = factories.EventFactory(title="Version 0")
    for number in range(1, 25):
        event.title = f"Version {number}"
        event.save()

    first = text_of(focal_point.get(f"/workshops/{event.pk}/history/").content.decode())
    second = text_of(focal_point.get(f"/workshops/{event.pk}/history/?page=2").content.decode())

    assert "Title: Version 23 → becomes Version 24" in first
    assert "Title: Version 4 → becomes Version 5" in first
    assert "Version 3 → becomes Version 4" not in first
    assert "Title: Version 3 → becomes Version 4" in second
    assert "Created First version" in second
    assert "Older changes" in first
    assert "Older changes" not in second


# --- Queries --------------------------------------------------------------------------------------


def many_events(count: int) -> None:
    iom, ecowas = factories.organisation("IOM"), factories.organisation("ECOWAS")
    mali = factories.country("ML")
    for number in range(count):
        event = event_in(number % 50 - 25, f"Event {number}", city="Bamako", country=mali)
        EventOrganiser.objects.bulk_create(
            [
                EventOrganiser(event=event, organisation=iom, role_id="organiser"),
                EventOrganiser(event=event, organisation=ecowas, role_id="funder"),
            ]
        )
        event.target_countries.add(mali)
        factories.EventTranslationFactory(event=event, title=f"Événement {number}")


@pytest.mark.parametrize("count", [1, 200])
def test_the_list_costs_the_same_queries_for_1_or_200_events(
    secretariat, django_assert_max_num_queries, count
):
    many_events(count)
    secretariat.get("/workshops/?tab=all")

    # The user; the filters' choices (one union); the tab counts (one aggregate, also the
    # paginator's count); the page of events with country and reader-language title; organisers.
    with django_assert_max_num_queries(5):
        response = secretariat.get("/workshops/?tab=all&sort=title&q=Event")

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 200])
def test_the_export_costs_the_same_queries_for_1_or_200_events(
    secretariat, django_assert_max_num_queries, count
):
    many_events(count)
    secretariat.get("/workshops/export/?format=csv&tab=all")

    # The user; the filters' choices; the events with country and mandate; organisers; target
    # countries; thematic areas.
    with django_assert_max_num_queries(6):
        response = secretariat.get("/workshops/export/?format=xlsx&tab=all")

    assert response.status_code == 200


def crowded_event(participants: int, groups: int) -> Event:
    event = factories.EventFactory()
    factories.EventOrganiserFactory(event=event)
    factories.EventObjectiveFactory(event=event)
    factories.EventExpectedResultFactory(event=event)
    factories.EventContactFactory(event=event)
    factories.DocumentFactory(event=event)
    objective = factories.MandateObjectiveFactory()
    event.mandate = objective.mandate
    event.save()
    event.served_objectives.add(objective)
    event.target_countries.add(factories.country("ML"))
    event.thematic_areas.add(ThematicArea.objects.first())
    made_groups = ParticipantGroup.objects.bulk_create(
        ParticipantGroup(event=event, position=n, name=f"Group {n}") for n in range(1, groups + 1)
    )
    ecowas = factories.organisation("ECOWAS")
    for group in made_groups:
        group.organisations.add(ecowas)
    people = Person.objects.bulk_create(
        Person(full_name=f"Participant {n}", organisation=ecowas) for n in range(participants)
    )
    Participant.objects.bulk_create(
        Participant(event=event, person=person, group=made_groups[n % groups])
        for n, person in enumerate(people)
    )
    return event


@pytest.mark.parametrize(("participants", "groups"), [(1, 1), (500, 200)])
def test_the_event_page_costs_the_same_queries_for_1_or_500_participants(
    secretariat, django_assert_max_num_queries, participants, groups
):
    event = crowded_event(participants, groups)
    secretariat.get(f"/workshops/{event.pk}/")

    # The user; the event with country, mandate, framework and reader-language title; objectives,
    # expected results, served objectives, target countries and thematic areas (one union);
    # organisers with their roles; participant groups, their organisations and their countries
    # (three); how many each group has; the first 20 of each; the organisations participants
    # represent; contacts; documents; sources; linked events; the lessons of the event
    # (lessons' template tag).
    with django_assert_max_num_queries(15):
        response = secretariat.get(f"/workshops/{event.pk}/")

    assert response.content.decode().count("Participant ") >= participants


def test_a_group_of_120_names_its_first_20_and_counts_the_others(secretariat):
    event = crowded_event(30, 1)
    small = len(secretariat.get(f"/workshops/{event.pk}/").content)
    big = crowded_event(120, 1)

    response = secretariat.get(f"/workshops/{big.pk}/")

    page = response.content.decode()
    assert page.count('<th scope="row" class="fw-normal">Participant ') == 20
    assert "and 100 more participants" in page
    assert f'href="/workshops/{big.pk}/participants/">all participants</a>' in page
    # The page weighs the same for 30 or 120 participants: 20 names each, and a count.
    assert abs(len(response.content) - small) < 500


@pytest.mark.parametrize("versions", [1, 60])
def test_the_history_costs_the_same_queries_for_1_or_60_versions(
    secretariat, secretariat_user, django_assert_max_num_queries, versions
):
    event = factories.EventFactory(country=factories.country("ML"))
    participant = factories.ParticipantFactory(event=event)
    for number in range(versions):
        event.title = f"Version {number}"
        event.country = factories.country("SN" if number % 2 else "ML")
        event._history_user = secretariat_user
        event.save()
        participant.answer = "confirmed" if number % 2 else "declined"
        participant.save()
    secretariat.get(f"/workshops/{event.pk}/history/")

    # The user; the event; a page of event versions with their user and previous version's id;
    # those previous versions; the same two for participants; the names the changes point to.
    with django_assert_max_num_queries(7):
        response = secretariat.get(f"/workshops/{event.pk}/history/")

    assert response.status_code == 200
