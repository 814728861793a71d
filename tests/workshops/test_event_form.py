"""The event form: create, edit and duplicate an event with its ordered rows (issue 4)."""

import datetime as dt
import re
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests import factories
from workshops.demo import MANDATE_000_OBJECTIVES
from workshops.models import (
    Event,
    EventContact,
    EventExpectedResult,
    EventObjective,
    EventOrganiser,
    EventTranslation,
    MandateObjective,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC


class _FormReader(HTMLParser):
    """What a browser would submit from <form id="main-form">: rows in <template> excluded."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self.in_form = self.in_template = False
        self.textarea = self.select = None
        self.select_chosen = self.select_multiple = False
        self.first_option = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "main-form":
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.in_template = True
        if self.in_template or ("name" not in attrs and tag != "option"):
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(attrs["name"], attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._add(attrs["name"], attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = [attrs["name"], ""]
        elif tag == "select":
            self.select, self.select_chosen, self.first_option = attrs["name"], False, None
            # A browser posts nothing for a multiple select with nothing chosen.
            self.select_multiple = "multiple" in attrs
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self._add(self.select, attrs.get("value", ""))
                self.select_chosen = True

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "template":
            self.in_template = False
        elif tag == "textarea" and self.textarea:
            name, text = self.textarea
            self._add(name, text.removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select:
            if not (self.select_chosen or self.select_multiple) and self.first_option is not None:
                self._add(self.select, self.first_option)
            self.select = None


def form_data(response) -> dict:
    """The fields of the page's main form as a browser would post them, to change and post."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    return {name: values if len(values) > 1 else values[0] for name, values in reader.data.items()}


def set_rows(data: dict, prefix: str, rows: list[dict]) -> None:
    """Fill the formset ``prefix`` with ``rows`` (field -> value), numbered as the script does."""
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        for name, value in row.items():
            data[f"{prefix}-{index}-{name}"] = value
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(max(total, len(rows)))


def error_next_to(response, field_id: str) -> list[str]:
    """The messages crispy shows under the field ``field_id`` (e.g. "id_end_date")."""
    pattern = rf'<(?:p|span) id="error_\d+_{re.escape(field_id)}"[^>]*>\s*<strong>(.*?)</strong>'
    return re.findall(pattern, response.content.decode(), flags=re.S)


def seed_000_data(client) -> dict:
    data = form_data(client.get("/workshops/new/"))
    data.update(
        title="AU/REC Workshop",
        kind="workshop",
        start_date="2016-12-01",
        start_time="09:00",
        end_date="2016-12-17",
        end_time="17:00",
        time_zone="Africa/Addis_Ababa",
    )
    set_rows(data, "objectives", [{"text": text} for text in MANDATE_000_OBJECTIVES])
    return data


def row_counts() -> dict:
    models = [Event, EventObjective, EventExpectedResult, EventOrganiser, EventContact]
    return {model.__name__: model.objects.count() for model in [*models, EventTranslation]}


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def seed_000_event(secretariat):
    secretariat.post("/workshops/new/", seed_000_data(secretariat))
    return Event.objects.get(title="AU/REC Workshop")


def test_creating_the_seed_000_workshop_saves_its_seven_objectives_in_order(secretariat):
    data = seed_000_data(secretariat)

    response = secretariat.post("/workshops/new/", data)

    event = Event.objects.get(title="AU/REC Workshop")
    assert response.status_code == 302
    assert response["Location"] == f"/workshops/{event.pk}/"
    assert list(event.objectives.values_list("position", "text")) == list(
        enumerate(MANDATE_000_OBJECTIVES, 1)
    )
    addis = zoneinfo.ZoneInfo("Africa/Addis_Ababa")
    assert event.start == dt.datetime(2016, 12, 1, 9, 0, tzinfo=addis)
    assert event.end == dt.datetime(2016, 12, 17, 17, 0, tzinfo=addis)
    assert event.status == "planned"
    assert [str(m) for m in secretariat.get(response["Location"]).context["messages"]] == [
        "Event created."
    ]


def test_swapping_two_objectives_saves_the_new_order(secretariat, seed_000_event):
    url = f"/workshops/{seed_000_event.pk}/edit/"
    data = form_data(secretariat.get(url))
    # The script swaps rows 2 and 3 on the page and renumbers the positions.
    data["objectives-1-ORDER"], data["objectives-2-ORDER"] = "3", "2"
    ids_before = list(seed_000_event.objectives.values_list("pk", flat=True))

    response = secretariat.post(url, data)

    assert response.status_code == 302
    first, second, third, *rest = MANDATE_000_OBJECTIVES
    assert list(seed_000_event.objectives.values_list("text", flat=True)) == [
        first,
        third,
        second,
        *rest,
    ]
    assert list(seed_000_event.objectives.values_list("position", flat=True)) == list(range(1, 8))
    ids = ids_before
    assert list(seed_000_event.objectives.values_list("pk", flat=True)) == [
        ids[0],
        ids[2],
        ids[1],
        *ids[3:],
    ]


def test_reversing_every_objective_saves_the_new_order(secretariat, seed_000_event):
    url = f"/workshops/{seed_000_event.pk}/edit/"
    data = form_data(secretariat.get(url))
    for index in range(7):
        data[f"objectives-{index}-ORDER"] = str(7 - index)

    secretariat.post(url, data)

    texts = list(seed_000_event.objectives.values_list("text", flat=True))
    assert texts == list(reversed(MANDATE_000_OBJECTIVES))


def test_end_before_start_shows_the_message_next_to_the_end_and_saves_nothing(secretariat):
    data = seed_000_data(secretariat)
    data.update(start_date="2016-12-17", end_date="2016-12-01")
    before = row_counts()

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert error_next_to(response, "id_end_date") == ["The end cannot be before the start."]
    assert row_counts() == before
    page = response.content.decode()
    assert "There is 1 problem to fix before saving." in page
    assert 'href="#id_end_date">End date: The end cannot be before the start.</a>' in page
    assert MANDATE_000_OBJECTIVES[6] in page
    assert 'value="AU/REC Workshop"' in page


def test_end_time_before_start_time_on_one_day_is_shown_next_to_the_end_time(secretariat):
    data = seed_000_data(secretariat)
    data.update(end_date="2016-12-01", start_time="14:00", end_time="09:00")

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert error_next_to(response, "id_end_time") == ["The end cannot be before the start."]


def test_an_organiser_row_without_organisation_saves_nothing_of_the_event(
    secretariat, seed_000_event
):
    url = f"/workshops/{seed_000_event.pk}/edit/"
    data = form_data(secretariat.get(url))
    data["title"] = "AU/REC Workshop, second edition"
    data["objectives-0-text"] = "Changed objective"
    set_rows(data, "organisers", [{"organisation": "", "role": "funder"}])
    before = row_counts()

    response = secretariat.post(url, data)

    assert response.status_code == 200
    assert error_next_to(response, "id_organisers-0-organisation") == ["This field is required."]
    seed_000_event.refresh_from_db()
    assert seed_000_event.title == "AU/REC Workshop"
    assert seed_000_event.objectives.first().text == MANDATE_000_OBJECTIVES[0]
    assert row_counts() == before
    assert "Organiser 1, Organisation: This field is required." in response.content.decode()


def test_the_same_organiser_twice_in_one_role_is_flagged_on_the_row(secretariat):
    data = seed_000_data(secretariat)
    ecowas = str(factories.organisation("ECOWAS").pk)
    set_rows(
        data,
        "organisers",
        [
            {"organisation": ecowas, "role": "organiser"},
            {"organisation": str(factories.organisation("AUC").pk), "role": "funder"},
            {"organisation": ecowas, "role": "organiser"},
        ],
    )

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert Event.objects.count() == 0
    page = response.content.decode()
    row = page[page.index('id="organisers-2-row"') :]
    row = row[: row.index("data-formset-removed-note")]
    assert "This organisation is already listed with this role." in row
    assert "Organiser 3: This organisation is already listed with this role." in page


def test_organisers_contacts_and_other_languages_are_saved_in_order(secretariat):
    data = seed_000_data(secretariat)
    person = factories.PersonFactory(full_name="Oumar Diop")
    set_rows(
        data,
        "organisers",
        [
            {"organisation": str(factories.organisation("AUC").pk), "role": "organiser"},
            {"organisation": str(factories.organisation("ECOWAS").pk), "role": "co_organiser"},
        ],
    )
    set_rows(data, "results", [{"text": "A joint plan."}, {"text": "A calendar."}])
    set_rows(data, "contacts", [{"person": str(person.pk), "purpose": "For media inquiries"}])
    set_rows(
        data,
        "translations",
        [{"language": "fr", "title": "Atelier UA/CER", "summary": "Planification conjointe."}],
    )

    secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    assert [
        (o.organisation.acronym, o.role_id, o.position) for o in event.organiser_roles.all()
    ] == [
        ("AUC", "organiser", 1),
        ("ECOWAS", "co_organiser", 2),
    ]
    assert list(event.expected_results.values_list("position", "text")) == [
        (1, "A joint plan."),
        (2, "A calendar."),
    ]
    assert list(event.contacts.values_list("person__full_name", "purpose")) == [
        ("Oumar Diop", "For media inquiries")
    ]
    assert list(event.translations.values_list("language", "title", "summary")) == [
        ("fr", "Atelier UA/CER", "Planification conjointe.")
    ]


def test_a_title_in_the_language_of_the_record_is_refused(secretariat):
    data = seed_000_data(secretariat)
    data["language"] = "en"
    set_rows(data, "translations", [{"language": "en", "title": "AU/REC Workshop"}])

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert error_next_to(response, "id_translations-0-language") == [
        "This is the language of the record: its title is the one above."
    ]


def test_removing_a_row_deletes_it(secretariat, seed_000_event):
    url = f"/workshops/{seed_000_event.pk}/edit/"
    data = form_data(secretariat.get(url))
    data["objectives-1-DELETE"] = "on"
    for index in range(2, 7):
        data[f"objectives-{index}-ORDER"] = str(index)

    response = secretariat.post(url, data)

    assert response.status_code == 302
    expected = [MANDATE_000_OBJECTIVES[0], *MANDATE_000_OBJECTIVES[2:]]
    assert list(seed_000_event.objectives.values_list("text", flat=True)) == expected
    assert list(seed_000_event.objectives.values_list("position", flat=True)) == list(range(1, 7))


def test_a_new_row_with_only_a_position_is_left_out(secretariat):
    data = seed_000_data(secretariat)
    # The script numbers every row, the empty ones too.
    data["results-0-ORDER"] = "1"
    data["contacts-0-ORDER"] = "1"

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 302
    assert EventExpectedResult.objects.count() == 0
    assert EventContact.objects.count() == 0


def test_a_form_posted_without_its_row_counts_is_refused_without_error(secretariat):
    data = seed_000_data(secretariat)
    del data["objectives-TOTAL_FORMS"]

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert Event.objects.count() == 0
    assert "ManagementForm data is missing or has been tampered with" in response.content.decode()


def test_times_typed_in_bamako_are_stored_in_utc_and_shown_back_as_typed(secretariat):
    data = seed_000_data(secretariat)
    data.update(
        time_zone="Africa/Bamako",
        start_date="2022-01-26",
        start_time="09:00",
        end_date="2022-01-27",
        end_time="17:30",
    )

    secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    assert event.time_zone == "Africa/Bamako"
    assert event.start.astimezone(UTC) == dt.datetime(2022, 1, 26, 9, 0, tzinfo=UTC)
    assert event.end.astimezone(UTC) == dt.datetime(2022, 1, 27, 17, 30, tzinfo=UTC)
    shown = form_data(secretariat.get(f"/workshops/{event.pk}/edit/"))
    assert (shown["start_date"], shown["start_time"]) == ("2022-01-26", "09:00")
    assert (shown["end_date"], shown["end_time"]) == ("2022-01-27", "17:30")
    assert shown["time_zone"] == "Africa/Bamako"


def test_times_are_shown_in_the_events_zone_not_the_readers(secretariat):
    # 10:00 in Addis Ababa (UTC+3) is 07:00 UTC and 08:00 in Lagos (UTC+1).
    event = factories.EventFactory(
        time_zone="Africa/Lagos",
        start=dt.datetime(2020, 12, 7, 7, 0, tzinfo=UTC),
        end=dt.datetime(2020, 12, 7, 10, 0, tzinfo=UTC),
    )

    shown = form_data(secretariat.get(f"/workshops/{event.pk}/edit/"))

    assert (shown["start_time"], shown["end_time"]) == ("08:00", "11:00")


def test_dates_without_times_make_an_all_day_event(secretariat):
    data = seed_000_data(secretariat)
    data.update(start_time="", end_time="", time_zone="Africa/Bamako")

    secretariat.post("/workshops/new/", data)

    event = Event.objects.get()
    assert event.all_day and not event.open_end
    assert event.start == dt.datetime(2016, 12, 1, 0, 0, tzinfo=UTC)
    assert event.end == dt.datetime(2016, 12, 17, 23, 59, 59, tzinfo=UTC)
    shown = form_data(secretariat.get(f"/workshops/{event.pk}/edit/"))
    assert (shown["start_date"], shown["start_time"], shown["end_date"], shown["end_time"]) == (
        "2016-12-01",
        "",
        "2016-12-17",
        "",
    )


def test_the_event_serves_only_objectives_of_its_mandate(secretariat):
    mandate = factories.MandateFactory()
    served = MandateObjective.objects.create(mandate=mandate, position=1, text="Coordinate.")
    other = MandateObjective.objects.create(
        mandate=factories.MandateFactory(), position=1, text="Another mandate's objective"
    )
    data = seed_000_data(secretariat)
    data.update(mandate=str(mandate.pk), served_objectives=[str(served.pk), str(other.pk)])

    refused = secretariat.post("/workshops/new/", data)
    data["served_objectives"] = [str(served.pk)]
    accepted = secretariat.post("/workshops/new/", data)

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert list(Event.objects.get().served_objectives.all()) == [served]


def test_choosing_a_mandate_lists_its_objectives(secretariat):
    mandate = factories.MandateFactory()
    MandateObjective.objects.create(mandate=mandate, position=1, text="Enhance coordination.")

    without = secretariat.get("/workshops/new/").content.decode()
    chosen = secretariat.get(f"/workshops/new/?mandate={mandate.pk}").content.decode()

    assert "Choose a mandate to list the outcome objectives this event serves." in without
    assert "1. Enhance coordination." in chosen
    assert 'hx-get="/workshops/new/"' in without


def test_an_online_link_without_scheme_is_taken_as_https(secretariat):
    data = seed_000_data(secretariat)
    data.update(format="online", online_url="meet.example.org/au-rec")

    secretariat.post("/workshops/new/", data)

    assert Event.objects.get().online_url == "https://meet.example.org/au-rec"


def test_editing_records_who_changed_the_event(secretariat, secretariat_user, seed_000_event):
    url = f"/workshops/{seed_000_event.pk}/edit/"
    data = form_data(secretariat.get(url))
    data["status"] = "confirmed"

    secretariat.post(url, data)

    latest = seed_000_event.history.first()
    assert (latest.status, latest.history_user) == ("confirmed", secretariat_user)


def test_duplicate_copies_objectives_and_organisers_but_not_participants(secretariat):
    event = factories.EventFactory(status="held", working_languages=["en", "fr"])
    EventObjective.objects.create(event=event, position=1, text="Launch the framework.")
    EventObjective.objects.create(event=event, position=2, text="Agree on next steps.")
    EventExpectedResult.objects.create(event=event, position=1, text="A joint plan.")
    factories.EventOrganiserFactory(event=event, organisation=factories.organisation("AUC"))
    factories.EventOrganiserFactory(event=event, role_id="technical_partner")
    factories.EventContactFactory(event=event)
    factories.EventTranslationFactory(event=event)
    factories.ParticipantFactory(event=event)
    factories.DocumentFactory(event=event)
    event.target_countries.set([factories.country("ML")])

    response = secretariat.post(f"/workshops/{event.pk}/duplicate/")

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/workshops/{copy.pk}/edit/"
    assert (copy.title, copy.status, copy.start, copy.end) == (
        event.title,
        "planned",
        event.start,
        event.end,
    )
    assert list(copy.objectives.values_list("position", "text")) == [
        (1, "Launch the framework."),
        (2, "Agree on next steps."),
    ]
    assert list(copy.organiser_roles.values_list("organisation__acronym", "role")) == [
        ("AUC", "organiser"),
        ("IOM", "technical_partner"),
    ]
    assert copy.expected_results.count() == 1
    assert copy.contacts.count() == 1
    assert list(copy.translations.values_list("language", flat=True)) == ["fr"]
    assert list(copy.target_countries.values_list("iso2", flat=True)) == ["ML"]
    assert copy.working_languages == ["en", "fr"]
    assert copy.participants.count() == 0
    assert copy.documents.count() == 0
    messages = [str(m) for m in secretariat.get(response["Location"]).context["messages"]]
    assert messages == ["Copy created: set its dates."]


def test_duplicate_answers_get_with_405(secretariat):
    event = factories.EventFactory()

    response = secretariat.get(f"/workshops/{event.pk}/duplicate/")

    assert response.status_code == 405
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/workshops/new/"),
        ("post", "/workshops/new/"),
        ("get", "/workshops/{pk}/edit/"),
        ("post", "/workshops/{pk}/edit/"),
        ("post", "/workshops/{pk}/duplicate/"),
    ],
)
def test_a_focal_point_cannot_create_edit_or_duplicate(client, focal_point_user, method, path):
    event = factories.EventFactory(title="Unchanged")
    client.force_login(focal_point_user)

    response = getattr(client, method)(path.format(pk=event.pk), {"title": "Changed"})

    assert response.status_code == 403
    assert list(Event.objects.values_list("title", flat=True)) == ["Unchanged"]


def test_an_unknown_event_is_404(secretariat):
    assert secretariat.get("/workshops/999999/edit/").status_code == 404
    assert secretariat.post("/workshops/999999/duplicate/").status_code == 404


@pytest.mark.parametrize("objectives", [1, 50])
def test_the_edit_page_costs_the_same_queries_for_1_or_50_objectives(
    secretariat, django_assert_max_num_queries, objectives
):
    mandate = factories.MandateFactory()
    event = factories.EventFactory(mandate=mandate)
    for position in range(1, objectives + 1):
        EventObjective.objects.create(event=event, position=position, text="Launch it.")
        EventExpectedResult.objects.create(event=event, position=position, text="A plan.")
        MandateObjective.objects.create(mandate=mandate, position=position, text="Plan.")
    for acronym in ("AUC", "ECOWAS", "SADC"):
        factories.EventOrganiserFactory(event=event, organisation=factories.organisation(acronym))
    factories.EventContactFactory.create_batch(3, event=event)
    url = f"/workshops/{event.pk}/edit/"
    secretariat.get(url)

    # The user; the event with the ids of its target countries, thematic areas and served
    # objectives; choices: the mandate's objectives (countries, thematic areas, roles and
    # frameworks come from the cache); rows: objectives and expected results (one query),
    # organisers, contacts, titles in other languages, participant groups, links, sources; the
    # labels of the chosen mandate, organisations and people (those typed in search fields: one
    # query per field whatever the rows).
    with django_assert_max_num_queries(13):
        response = secretariat.get(url)

    assert response.status_code == 200


def test_the_new_event_page_costs_a_fixed_number_of_queries(
    secretariat, django_assert_max_num_queries
):
    secretariat.get("/workshops/new/")

    # The user; choices: countries, thematic areas, mandates, frameworks, organisations, people.
    with django_assert_max_num_queries(7):
        response = secretariat.get("/workshops/new/")

    assert response.status_code == 200


def test_the_form_leaves_its_empty_rows_out_and_answers_each_on_demand(secretariat):
    page = secretariat.get("/workshops/new/").content.decode()

    row = secretariat.get("/workshops/new/?row=organisers")
    missing = secretariat.get("/workshops/new/?row=nothing")

    assert 'data-src="?row=organisers"' in page
    assert "organisers-__prefix__-organisation" not in page
    assert row.status_code == 200
    assert 'name="organisers-__prefix__-organisation"' in row.content.decode()
    assert missing.status_code == 404


def test_a_focal_point_gets_no_empty_row_either(client, focal_point_user):
    client.force_login(focal_point_user)

    assert client.get("/workshops/new/?row=organisers").status_code == 403


def test_a_save_from_a_form_opened_before_a_colleagues_save_is_refused(secretariat, seed_000_event):
    colleague = factories.UserFactory(username="colleague-amina")
    colleague.groups.add(Group.objects.get(name="Secretariat"))
    other = Client()
    other.force_login(colleague)
    url = f"/workshops/{seed_000_event.pk}/edit/"
    mine = form_data(secretariat.get(url))
    theirs = form_data(other.get(url))
    theirs["venue"] = "AU Conference Centre, Room 3"
    empty_row = int(theirs["objectives-TOTAL_FORMS"]) - 1  # the page's one empty row
    theirs[f"objectives-{empty_row}-text"] = "Agree a joint work plan for 2017"
    theirs[f"objectives-{empty_row}-ORDER"] = str(empty_row + 1)
    assert other.post(url, theirs).status_code == 302
    mine["title"] = "AU/REC Workshop on SSR coordination (revised)"

    response = secretariat.post(url, mine)

    page = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this record after you opened this form" in page
    assert re.search(r"<li>colleague-amina, [^<]*: Venue</li>", page)  # who saved what
    assert "AU/REC Workshop on SSR coordination (revised)" in page  # what I typed is kept
    assert "removed by someone else" not in page
    seed_000_event.refresh_from_db()
    assert seed_000_event.title != "AU/REC Workshop on SSR coordination (revised)"
    assert seed_000_event.venue == "AU Conference Centre, Room 3"
    assert seed_000_event.objectives.filter(text="Agree a joint work plan for 2017").exists()


def test_a_list_sent_without_its_saved_rows_deletes_nothing(secretariat, seed_000_event):
    url = f"/workshops/{seed_000_event.pk}/edit/"
    data = form_data(secretariat.get(url))
    rows_before = seed_000_event.objectives.count()
    data = {key: value for key, value in data.items() if not key.startswith("objectives-")}
    data.update({"objectives-TOTAL_FORMS": "0", "objectives-INITIAL_FORMS": "0"})

    response = secretariat.post(url, data)

    assert response.status_code == 200
    assert "came back without some of its saved rows" in response.content.decode()
    assert seed_000_event.objectives.count() == rows_before
