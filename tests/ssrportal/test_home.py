import datetime as dt

import pytest
from django.utils import timezone

from tests import factories
from workshops.models import Answer, Document

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=n)


@pytest.fixture
def calendar_of_events():
    upcoming = factories.EventFactory(title="Validation meeting, Abuja", start=days(5), end=days(6))
    factories.ParticipantFactory(event=upcoming, answer=Answer.INVITED)
    factories.ParticipantFactory(event=upcoming, answer=Answer.INVITED)
    factories.ParticipantFactory(event=upcoming, answer=Answer.CONFIRMED)
    held_without = factories.EventFactory(
        title="Border workshop, Niamey", start=days(-9), end=days(-8)
    )
    held_with = factories.EventFactory(title="Training, Lusaka", start=days(-20), end=days(-19))
    factories.DocumentFactory(event=held_with, kind="report", title="Report")
    return upcoming, held_without, held_with


def test_secretariat_sees_what_to_do_next(client, secretariat_user, calendar_of_events):
    client.force_login(secretariat_user)

    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert [e.title for e in response.context["upcoming"]] == ["Validation meeting, Abuja"]
    assert [e.title for e in response.context["without_report"]] == ["Border workshop, Niamey"]
    assert [(e.title, e.unanswered) for e in response.context["unanswered"]] == [
        ("Validation meeting, Abuja", 2)
    ]
    assert "2 unanswered" in page


def test_focal_point_sees_upcoming_events_and_its_own_lessons_only(
    client, focal_point_user, calendar_of_events
):
    event = calendar_of_events[1]
    factories.LessonFactory(
        event=event, organisation=focal_point_user.organisation, title="Our draft", stage="draft"
    )
    factories.LessonFactory(
        event=event, organisation=factories.organisation("SADC"), title="Their draft", stage="draft"
    )
    client.force_login(focal_point_user)

    response = client.get("/")

    assert "without_report" not in response.context
    assert "unanswered" not in response.context
    assert [lesson.title for lesson in response.context["lessons_waiting"]] == ["Our draft"]


def test_focal_point_is_asked_for_lessons_of_recent_events_its_organisation_was_at(
    client, focal_point_user, calendar_of_events
):
    _, niamey, lusaka = calendar_of_events
    ecowas = focal_point_user.organisation
    for event in (niamey, lusaka):
        factories.ParticipantFactory(event=event, organisation=ecowas)
    factories.LessonFactory(event=lusaka, organisation=ecowas, title="Lusaka lesson")
    long_ago = factories.EventFactory(title="Old workshop", start=days(-800), end=days(-799))
    factories.ParticipantFactory(event=long_ago, organisation=ecowas)
    client.force_login(focal_point_user)

    response = client.get("/")

    assert [e.title for e in response.context["awaiting_lessons"]] == ["Border workshop, Niamey"]
    assert f'href="/lessons/new/?event={niamey.pk}"' in response.content.decode()


def test_signed_out_visitor_is_sent_to_sign_in(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


@pytest.mark.parametrize("events", [1, 200])
def test_home_page_queries_do_not_grow_with_events(
    client, secretariat_user, django_assert_max_num_queries, events
):
    for n in range(events):
        event = factories.EventFactory(title=f"Event {n}", start=days(n - 100), end=days(n - 99))
        factories.ParticipantFactory(event=event)
    Document.objects.all().delete()
    client.force_login(secretariat_user)
    client.get("/")  # warm-up: fills the roles cache

    # Expect 5 queries: the user, upcoming events, held without report, unanswered, lessons.
    with django_assert_max_num_queries(5):
        client.get("/")
