"""The register's filters for events, mandates and organisations: chosen by typing, so that the
page holds the chosen row only, whatever the number of rows; the chosen row's label is shown
and costs one query; signed-out visitors, whom the search endpoints do not serve, keep a filter
a link chose.

The register's other behaviour is tests/lessons/test_views.py.
"""

import datetime as dt
import re

import pytest

from lessons.models import Lesson
from tests import factories
from workshops.models import Event

pytestmark = pytest.mark.django_db

START = dt.datetime(2019, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def focal_point(client, focal_point_user):
    client.force_login(focal_point_user)
    return client


def register_of(*, events: int, organisations: int, lessons: int = 200) -> None:
    """``lessons`` validated public lessons spread over ``events`` events and as many new
    organisations, every title and name as long as every other, so that only the number of
    rows differs."""
    made = Event.objects.bulk_create(
        Event(
            title=f"Atelier régional de validation de la stratégie RSS n° {n:04}",
            language="fr",
            kind="workshop",
            start=START + dt.timedelta(days=n),
            end=START + dt.timedelta(days=n, hours=8),
        )
        for n in range(events)
    )
    bodies = [
        factories.OrganisationFactory(name=f"Réseau de la société civile n° {n:04}")
        for n in range(organisations)
    ]
    Lesson.objects.bulk_create(
        Lesson(
            event=made[n % events],
            organisation=bodies[n % organisations],
            title=f"Associer les comités frontaliers dès la note conceptuelle {n:04}",
            statement="Inviter les comités frontaliers avant de fixer l’ordre du jour.",
            observation="Les comités frontaliers ont été invités tard.",
            language="fr",
            stage="validated",
            visibility="public",
        )
        for n in range(lessons)
    )


def options_of(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1)) if select else []


# --- Size ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["secretariat", "focal_point", "signed_out"])
def test_register_does_not_grow_with_its_events_and_organisations(request, reader):
    client = (
        request.getfixturevalue(reader)
        if reader != "signed_out"
        else request.getfixturevalue("client")
    )
    register_of(events=5, organisations=5)
    small = len(client.get("/lessons/").content)

    register_of(events=200, organisations=200)
    large = client.get("/lessons/")

    # 400 lessons instead of 200: "400 lessons found" and the pages' links are the same length.
    assert abs(len(large.content) - small) < 100, (small, len(large.content))
    assert len(re.findall(r"<option", large.content.decode())) < 150


def test_register_does_not_grow_with_its_lessons(secretariat):
    register_of(events=5, organisations=5, lessons=200)
    small = len(secretariat.get("/lessons/").content)

    register_of(events=5, organisations=5, lessons=1800)
    large = len(secretariat.get("/lessons/").content)

    # 25 lessons a page either way, and links to the first, last and nearby pages (of 8 or 80).
    assert abs(large - small) < 100, (small, large)


def test_register_lists_no_event_mandate_or_organisation_it_was_not_asked_for(secretariat):
    register_of(events=20, organisations=20, lessons=40)
    factories.MandateFactory(title="Appui à la réforme du secteur de la sécurité en Guinée-Bissau")

    html = secretariat.get("/lessons/").content.decode()

    assert options_of(html, "event") == ["—"]
    assert options_of(html, "mandate") == ["—"]
    assert options_of(html, "organisation") == ["—"]
    assert 'data-search-url="/workshops/search/"' in html
    assert 'data-search-url="/workshops/mandates/search/"' in html
    assert 'data-search-url="/partners/organisations/search/"' in html
    assert "vendor/tom-select/tom-select.complete.min.js" in html


# --- A chosen row --------------------------------------------------------------------------------


def test_chosen_event_mandate_and_organisation_show_their_labels_and_filter(
    secretariat, django_assert_max_num_queries
):
    mandate = factories.MandateFactory(title="Appui à la RSS au Mali")
    event = factories.EventFactory(
        title="Atelier national sur la RSS au Mali",
        mandate=mandate,
        start=dt.datetime(2022, 1, 26, 9, 0, tzinfo=dt.UTC),
        end=dt.datetime(2022, 1, 27, 17, 0, tzinfo=dt.UTC),
    )
    ecowas = factories.organisation("ECOWAS")
    factories.LessonFactory(title="Associer les OSC", event=event, organisation=ecowas)
    factories.LessonFactory(title="Another event's lesson", organisation=ecowas)
    secretariat.get("/lessons/")

    # The user; the event, the mandate and the organisation, each validated and labelled by one
    # query; the count; the page.
    with django_assert_max_num_queries(6):
        response = secretariat.get(
            f"/lessons/?event={event.pk}&mandate={mandate.pk}&organisation={ecowas.pk}"
        )

    html = response.content.decode()
    assert [lesson.title for lesson in response.context["lessons"]] == ["Associer les OSC"]
    assert options_of(html, "event") == ["—", "2022-01-26 – Atelier national sur la RSS au Mali"]
    assert options_of(html, "mandate") == ["—", "Appui à la RSS au Mali"]
    assert options_of(html, "organisation") == [
        "—",
        "ECOWAS – Economic Community of West African States",
    ]
    assert f'<option value="{event.pk}" selected>' in html


def test_a_mandate_without_lessons_shows_none_not_an_error(secretariat):
    mandate = factories.MandateFactory(title="Mission d’évaluation conjointe en Gambie")
    factories.LessonFactory(title="Unrelated lesson")

    response = secretariat.get(f"/lessons/?mandate={mandate.pk}")

    assert response.status_code == 200
    assert list(response.context["lessons"]) == []
    assert "No lesson matches this search." in response.content.decode()
    assert options_of(response.content.decode(), "mandate") == [
        "—",
        "Mission d’évaluation conjointe en Gambie",
    ]


def test_an_unknown_event_is_said_next_to_the_field(secretariat):
    factories.LessonFactory(title="Plan early")

    response = secretariat.get("/lessons/?event=999999")

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert options_of(response.content.decode(), "event") == ["—"]


def test_the_export_keeps_the_chosen_event(secretariat):
    event = factories.EventFactory(title="Atelier de Bamako")
    factories.LessonFactory(title="Associer les OSC", event=event)
    factories.LessonFactory(title="Another event's lesson")

    response = secretariat.get(f"/lessons/export/?event={event.pk}&format=csv")

    rows = response.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 2
    assert "Associer les OSC" in rows[1]


# --- Signed-out visitors -------------------------------------------------------------------------


def test_signed_out_visitor_is_offered_no_search_it_cannot_use(client):
    factories.LessonFactory(title="Public lesson", stage="validated", visibility="public")

    html = client.get("/lessons/").content.decode()

    assert 'name="event"' not in html
    assert 'name="mandate"' not in html
    assert 'name="organisation"' not in html
    assert 'name="country"' in html


def test_signed_out_visitor_keeps_the_event_a_link_chose(client):
    event = factories.EventFactory(
        title="Atelier de Bamako",
        start=dt.datetime(2022, 1, 26, 9, 0, tzinfo=dt.UTC),
        end=dt.datetime(2022, 1, 27, 17, 0, tzinfo=dt.UTC),
    )
    factories.LessonFactory(
        title="Public lesson", event=event, stage="validated", visibility="public"
    )
    factories.LessonFactory(title="Elsewhere", stage="validated", visibility="public")

    response = client.get(f"/lessons/?event={event.pk}")

    html = response.content.decode()
    assert [lesson.title for lesson in response.context["lessons"]] == ["Public lesson"]
    assert options_of(html, "event") == ["—", "2022-01-26 – Atelier de Bamako"]
    assert "data-search-select" not in html


def test_signed_out_visitor_is_not_told_the_title_of_an_event_without_public_lessons(client):
    event = factories.EventFactory(title="Réunion restreinte des chefs d’état-major")
    factories.LessonFactory(title="Internal lesson", event=event, stage="validated")

    response = client.get(f"/lessons/?event={event.pk}")

    html = response.content.decode()
    assert "chefs d’état-major" not in html
    assert "Internal lesson" not in html


# --- The mandate search --------------------------------------------------------------------------


def test_mandate_search_finds_every_word_of_the_title_newest_first(focal_point):
    factories.MandateFactory(
        title="Appui à la réforme du secteur de la sécurité en Guinée-Bissau",
        start_date=dt.date(2017, 3, 1),
        end_date=dt.date(2017, 3, 14),
    )
    factories.MandateFactory(
        title="Appui à la réforme de la police au Mali",
        start_date=dt.date(2019, 5, 6),
        end_date=None,
    )
    factories.MandateFactory(title="Joint assessment mission to The Gambia")

    answer = focal_point.get("/workshops/mandates/search/", {"q": "appui réforme"}).json()

    assert answer["results"][0]["text"] == "Appui à la réforme de la police au Mali"
    assert answer["results"][0]["detail"] == "from 6 May 2019"
    assert [row["text"] for row in answer["results"]] == [
        "Appui à la réforme de la police au Mali",
        "Appui à la réforme du secteur de la sécurité en Guinée-Bissau",
    ]


def test_mandate_search_needs_two_letters(focal_point):
    factories.MandateFactory(title="Appui à la RSS")

    assert focal_point.get("/workshops/mandates/search/", {"q": "a"}).json() == {"results": []}
