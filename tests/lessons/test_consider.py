"""Lessons to consider: validated lessons of past events that share an event's countries,
thematic areas or organisers, best first, each with why; on the event page and the event form."""

import datetime as dt

import pytest

from tests import factories
from workshops.models import EventOrganiser, ThematicArea

pytestmark = pytest.mark.django_db

PAST = {
    "start": dt.datetime(2022, 1, 26, 9, 0, tzinfo=dt.UTC),
    "end": dt.datetime(2022, 1, 27, 17, 0, tzinfo=dt.UTC),
}


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def past_event(**kwargs):
    return factories.EventFactory(**PAST, **kwargs)


def consider(client, query: str, htmx: bool = True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(f"/lessons/consider/?{query}", headers=headers)


def suggested(response) -> list[str]:
    return [lesson.title for lesson in response.context["lessons"]]


def test_a_new_event_for_mali_is_offered_the_validated_lessons_about_mali(secretariat):
    mali = factories.country("ML")
    about_mali = factories.LessonFactory(event=past_event(), title="Mali lesson", stage="validated")
    about_mali.countries.add(mali)
    factories.LessonFactory(event=past_event(), title="Draft about Mali").countries.add(mali)
    factories.LessonFactory(event=past_event(), title="Elsewhere", stage="validated")

    response = consider(secretariat, f"country=&target_countries={mali.pk}")

    assert suggested(response) == ["Mali lesson"]
    assert "same country (Mali)" in response.content.decode()
    assert response.templates[0].name == "lessons/includes/lessons_to_consider.html"


def test_more_shared_labels_come_first_and_each_says_why(secretariat):
    mali, area = factories.country("ML"), ThematicArea.objects.get(code="ssr-policy-strategy")
    ecowas = factories.organisation("ECOWAS")
    one = factories.LessonFactory(event=past_event(), title="Country only", stage="validated")
    one.countries.add(mali)
    event = past_event()
    EventOrganiser.objects.create(event=event, organisation=ecowas, role_id="organiser", position=1)
    three = factories.LessonFactory(event=event, title="Country, area, organiser", stage="learned")
    three.countries.add(mali)
    three.thematic_areas.add(area)

    response = consider(
        secretariat,
        f"country={mali.pk}&thematic_areas={area.pk}&organisers-0-organisation={ecowas.pk}",
    )

    assert suggested(response) == ["Country, area, organiser", "Country only"]
    page = response.content.decode()
    assert "same country (Mali); same thematic area (" in page
    assert "same organiser (ECOWAS)" in page


def test_an_organiser_row_marked_for_deletion_does_not_count(secretariat):
    ecowas = factories.organisation("ECOWAS")
    event = past_event()
    EventOrganiser.objects.create(event=event, organisation=ecowas, role_id="organiser", position=1)
    factories.LessonFactory(event=event, title="ECOWAS lesson", stage="validated")

    response = consider(
        secretariat,
        f"country=&organisers-0-organisation={ecowas.pk}&organisers-0-DELETE=on",
    )

    assert suggested(response) == []


def test_a_saved_event_is_offered_lessons_of_other_past_events_not_its_own(secretariat):
    mali = factories.country("ML")
    planned = factories.EventFactory(
        start=dt.datetime(2031, 5, 1, tzinfo=dt.UTC), end=dt.datetime(2031, 5, 2, tzinfo=dt.UTC)
    )
    planned.target_countries.add(mali)
    held = past_event(country=mali)
    factories.LessonFactory(event=held, title="Held in Mali", stage="validated")
    factories.LessonFactory(event=planned, title="Its own", stage="validated").countries.add(mali)

    response = consider(secretariat, f"event={planned.pk}", htmx=False)

    assert suggested(response) == ["Held in Mali"]
    assert response.templates[0].name == "lessons/lesson_consider.html"


def test_nothing_chosen_yet_says_what_to_choose(secretariat):
    response = consider(secretariat, "country=")

    assert suggested(response) == []
    assert "Choose countries, thematic areas or organisers" in response.content.decode()


def test_bad_ids_are_ignored_not_a_500(secretariat):
    response = consider(secretariat, "event=x&target_countries=abc&country=1e9")

    assert response.status_code == 200
    assert suggested(response) == []


def test_focal_points_are_not_offered_another_organisations_drafts(client, focal_point_user):
    mali = factories.country("ML")
    factories.LessonFactory(
        event=past_event(), organisation=factories.organisation("SADC"), title="SADC draft"
    ).countries.add(mali)
    client.force_login(focal_point_user)

    response = consider(client, f"country={mali.pk}")

    assert suggested(response) == []


@pytest.mark.parametrize("rows", [1, 200])
def test_lessons_to_consider_cost_the_same_queries_for_1_or_200_matches(
    secretariat, django_assert_max_num_queries, rows
):
    mali, area = factories.country("ML"), ThematicArea.objects.get(code="ssr-policy-strategy")
    event = past_event(country=mali)
    event.target_countries.add(mali)
    EventOrganiser.objects.create(
        event=event, organisation=factories.organisation("ECOWAS"), role_id="organiser", position=1
    )
    for n in range(rows):
        lesson = factories.LessonFactory(event=event, title=f"Lesson {n}", stage="validated")
        lesson.countries.add(mali)
        lesson.thematic_areas.add(area)
    planned = factories.EventFactory(
        start=dt.datetime(2031, 5, 1, tzinfo=dt.UTC), end=dt.datetime(2031, 5, 2, tzinfo=dt.UTC)
    )
    planned.target_countries.add(mali)
    planned.thematic_areas.add(area)
    EventOrganiser.objects.create(
        event=planned,
        organisation=factories.organisation("ECOWAS"),
        role_id="organiser",
        position=1,
    )
    consider(secretariat, f"event={planned.pk}")

    # The user; the event's countries, areas and organisers (one union); the closest past
    # events (one union); the candidate lessons of those events, naming the countries, by the
    # organisers (three); the 10 best lessons; the countries, target countries, areas and
    # organisers they share (one query each).
    with django_assert_max_num_queries(11):
        response = consider(secretariat, f"event={planned.pk}")

    assert len(suggested(response)) == min(rows, 10)
