"""The event list's search (workshops/search.py): by city, country, organiser alias, translated
title, and on PostgreSQL without accents and across inflections."""

import datetime as dt
import zoneinfo

import pytest

from tests import factories
from workshops.models import Event, EventOrganiser
from workshops.search import search_events

pytestmark = pytest.mark.django_db

BANJUL = zoneinfo.ZoneInfo("Africa/Banjul")

ATELIER = "Atelier régional de validation du cadre d’évaluation de la RSS"
FORMACAO = "Formação de formadores em governação do setor de segurança"
IGAD_TRAINING = "Regional training of trainers on border management"
EARLY_WARNING = "Experts review the regional early warning framework"
JLMP = "AUC-RECs High-Level Meeting to launch the Joint Labour Migration Programme"


def record(title: str, *, days_ago: int, organisers=(), **fields) -> Event:
    """A held event, ``days_ago`` days ago, organised by the organisations of ``organisers``
    (acronyms of the reference data)."""
    start = dt.datetime(2018, 12, 12, tzinfo=BANJUL) - dt.timedelta(days=days_ago)
    event = factories.EventFactory(
        title=title, status="held", start=start, end=start + dt.timedelta(days=2), **fields
    )
    EventOrganiser.objects.bulk_create(
        EventOrganiser(
            event=event, organisation=factories.organisation(acronym), role_id="organiser"
        )
        for acronym in organisers
    )
    return event


@pytest.fixture
def records():
    """Five records in the style of the press releases the secretariat enters."""
    record(
        ATELIER,
        days_ago=0,
        language="fr",
        kind="workshop",
        venue="Centre international de conférences Sir Dawda Kairaba Jawara",
        city="Banjul",
        country=factories.country("GM"),
        summary=(
            "Les experts des États membres ont examiné les missions d’évaluation planifiées "
            "pour 2019 et adopté une feuille de route commune."
        ),
        organisers=["ECOWAS"],
    )
    record(
        FORMACAO,
        days_ago=40,
        language="pt",
        kind="training",
        city="Bissau",
        country=factories.country("GW"),
        summary="Cerca de 30 oficiais das forças de defesa participaram na formação.",
    )
    record(
        IGAD_TRAINING,
        days_ago=80,
        kind="training",
        city="Djibouti",
        country=factories.country("DJ"),
        summary=(
            "Some forty immigration and customs officers from the member states took part in "
            "the week-long training on risk analysis at shared crossings."
        ),
        organisers=["IGAD"],
    )
    record(
        EARLY_WARNING,
        days_ago=120,
        city="Abuja",
        country=factories.country("NG"),
        summary="Analysts from the member states met to update the indicators they report on.",
        organisers=["ECOWAS"],
    )
    record(
        JLMP,
        days_ago=160,
        format="online",
        summary="The launch brings together the CEOs of the eight RECs and the JLMP partners.",
        organisers=["AUC"],
    )


@pytest.fixture
def reader(client, focal_point_user):
    client.force_login(focal_point_user)
    return client


def found(reader, text: str) -> list[str]:
    response = reader.get("/workshops/", {"tab": "all", "q": text})
    assert response.status_code == 200
    return [event.title for event in response.context["events"]]


# Every database.


def test_city_finds_the_workshop_held_there(reader, records):
    assert found(reader, "Banjul") == [ATELIER]


@pytest.mark.parametrize("text", ["CEDEAO", "cedeao", "ECOWAS"])
def test_french_acronym_finds_the_events_ecowas_organised(reader, records, text):
    assert found(reader, text) == [ATELIER, EARLY_WARNING]


def test_every_word_must_be_found_in_one_place_or_another(reader, records):
    assert found(reader, "CEDEAO Abuja") == [EARLY_WARNING]
    assert found(reader, "IGAD Djibouti border") == [IGAD_TRAINING]
    assert found(reader, "CEDEAO Djibouti") == []


def test_country_name_in_french_finds_the_event_held_there(reader, records):
    assert found(reader, "Gambie") == [ATELIER]


def test_venue_and_summary_are_searched(reader, records):
    assert found(reader, "Kairaba") == [ATELIER]
    assert found(reader, "crossings") == [IGAD_TRAINING]


def test_word_typed_with_its_accents_finds_it(reader, records):
    assert found(reader, "formação") == [FORMACAO]


def test_title_in_another_language_is_searched(reader, records):
    igad = Event.objects.get(title=IGAD_TRAINING)
    factories.EventTranslationFactory(
        event=igad,
        language="fr",
        title="Formation régionale de formateurs en gestion des frontières",
    )

    assert found(reader, "frontières") == [IGAD_TRAINING]


def test_organisation_names_are_matched_as_whole_words(reader, records):
    assert found(reader, "Intergovernmental") == [IGAD_TRAINING]
    assert found(reader, "Intergov") == []


def test_an_unrelated_word_finds_nothing(reader, records):
    response = reader.get("/workshops/", {"tab": "all", "q": "hydrography"})

    assert list(response.context["events"]) == []
    assert "No event matches these filters." in response.content.decode()


ODD_TEXTS = [
    "Banjul\x00",
    "\x00",
    "x" * 5_000,
    "atelier " * 625,
    "\"-- ' % _ \\ Hawai\u02bbi \u2019",  # an okina and a curly apostrophe: unaccent makes them '
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_or_very_long_texts_answer_200(reader, records, text):
    response = reader.get("/workshops/", {"tab": "all", "q": text})

    assert response.status_code == 200


def test_only_the_newest_records_among_the_matches_are_kept(records):
    newest = search_events(Event.objects.all(), "CEDEAO", limit=1)

    assert list(newest.values_list("title", flat=True)) == [EARLY_WARNING]


def test_search_keeps_the_other_filters(reader, records):
    response = reader.get("/workshops/", {"tab": "all", "q": "CEDEAO", "kind": "workshop"})

    assert [event.title for event in response.context["events"]] == [ATELIER]


def many_ecowas_events(count: int) -> None:
    ecowas, mali = factories.organisation("ECOWAS"), factories.country("ML")
    for number in range(count):
        event = record(
            f"Atelier national de la CEDEAO sur la RSS no {number}",
            days_ago=number,
            language="fr",
            city="Bamako",
            country=mali,
        )
        EventOrganiser.objects.create(event=event, organisation=ecowas, role_id="funder")
        factories.EventTranslationFactory(event=event, title=f"ECOWAS national workshop {number}")


@pytest.mark.parametrize("count", [1, 200])
def test_a_search_costs_the_same_queries_for_1_or_200_events(
    reader, django_assert_max_num_queries, count
):
    many_ecowas_events(count)
    reader.get("/workshops/?tab=all")

    # The user; the filters' choices (one union); the tab counts (one aggregate, also the
    # paginator's count); the page of events with country and reader-language title; organisers.
    # The search runs inside the last three.
    with django_assert_max_num_queries(5):
        response = reader.get("/workshops/", {"tab": "all", "q": "cedeao Mali atelier"})

    assert response.context["paginator"].count == count


# PostgreSQL: language-aware and accent-insensitive.


def test_unaccented_word_finds_the_portuguese_training(reader, records, on_postgresql):
    assert found(reader, "formacao") == [FORMACAO]
    assert found(reader, "Formacão") == [FORMACAO]


def test_plural_finds_the_singular_in_portuguese(reader, records, on_postgresql):
    assert found(reader, "formações") == [FORMACAO]
    assert found(reader, "formacoes") == [FORMACAO]


def test_french_inflection_finds_the_planned_missions(reader, records, on_postgresql):
    assert found(reader, "planifier") == [ATELIER]
    assert found(reader, "planifie evaluation") == [ATELIER]


def test_english_inflection_finds_the_training(reader, records, on_postgresql):
    assert found(reader, "trained") == [IGAD_TRAINING]
    assert found(reader, "trainings managing borders") == [IGAD_TRAINING]


def test_unaccented_country_name_finds_the_event_held_there(reader, records, on_postgresql):
    assert found(reader, "Guinee") == [FORMACAO]


def test_a_french_stop_word_is_not_asked_of_a_french_record(reader, records, on_postgresql):
    assert found(reader, "atelier au Banjul") == [ATELIER]
    # "AU" alone is no stop word: the AUC, also called "AU Commission", organised the meeting.
    assert found(reader, "au") == [JLMP]


def test_unaccented_translated_title_is_found(reader, records, on_postgresql):
    igad = Event.objects.get(title=IGAD_TRAINING)
    factories.EventTranslationFactory(
        event=igad, language="fr", title="Formation régionale sur la sécurité des frontières"
    )

    assert found(reader, "securite") == [IGAD_TRAINING]


def test_a_letter_that_unaccent_makes_an_apostrophe_is_saved_and_found(reader, on_postgresql):
    # U+02BC, the Hausa apostrophe: unaccent turns it into ', which the vector must quote.
    record(
        "Training of security officers in Kano",
        days_ago=0,
        city="Kano",
        country=factories.country("NG"),
        summary="Known locally as horar da jami\u02bcan tsaro.",
    )

    assert found(reader, "jami\u02bcan") == ["Training of security officers in Kano"]


BODY = (
    "Members of parliament, civil society organisations and the inspectorates of the police "
    "and the gendarmerie discussed how the budget of the security sector is prepared, voted "
    "and audited, and agreed on a calendar of hearings for the coming session. The meeting "
    "closed with the adoption of recommendations addressed to the committees on defence and "
    "security, to the ministries of finance and of the interior, and to the supreme audit "
    "institution, which will report on their implementation at the next regional meeting."
)


def test_gin_index_serves_the_search_of_a_title_word(on_postgresql):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def held(n: int, **fields) -> Event:
        start = dt.datetime(2019, 1, 1, tzinfo=BANJUL) + dt.timedelta(days=n)
        return Event(
            kind="workshop", status="held", start=start, end=start + dt.timedelta(days=1), **fields
        )

    Event.objects.bulk_create(
        [
            held(n, title=f"Regional workshop on police oversight {n}", summary=BODY)
            for n in range(2_950)
        ]
        + [
            held(n, title=f"Atelier sur les frontières {n}", language="fr", summary=BODY)
            for n in range(50)
        ]
    )
    with connection.cursor() as cursor:
        # Autovacuum would move the new rows from the GIN index's pending list into the index.
        cursor.execute("SELECT gin_clean_pending_list('workshops_event_search_gin'::regclass)")
        cursor.execute("ANALYZE workshops_event")

    # search_events finds the candidates at once, in one query: its plan is the one to read.
    with CaptureQueriesContext(connection) as queries:
        search_events(Event.objects.all(), "frontieres")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + queries.captured_queries[0]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "workshops_event_search_gin" in plan, plan
    assert search_events(Event.objects.all(), "frontière").count() == 50
