"""A remedial action's due date outside 1900-2100 is a typing slip: refused next to the field
on the lesson page and in the admin, and kept out by the database (issue 13, point 5)."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from lessons.models import FollowUpAction, Lesson
from tests import factories

pytestmark = pytest.mark.django_db

WINDOW = "Give a date between 1900 and 2100."


@pytest.mark.parametrize("typed", ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_an_action_due_outside_the_window_is_refused_next_to_the_date(
    client, secretariat_user, typed
):
    client.force_login(secretariat_user)
    lesson = factories.LessonFactory(stage="validated")
    sadc = factories.organisation("SADC")

    response = client.post(
        f"/lessons/{lesson.pk}/move/",
        {"to_stage": "action_assigned", "action_body": sadc.pk, "due_date": typed},
    )

    form = next(m["form"] for m in response.context["moves"] if m["stage"] == "action_assigned")
    assert response.status_code == 200
    assert form.errors == {"due_date": [WINDOW]}
    assert form["due_date"].value() == typed
    lesson.refresh_from_db()
    assert (lesson.stage, lesson.due_date) == ("validated", None)
    assert not FollowUpAction.objects.exists()


def test_an_action_due_on_the_windows_last_day_is_assigned(client, secretariat_user):
    client.force_login(secretariat_user)
    lesson = factories.LessonFactory(stage="validated")

    response = client.post(
        f"/lessons/{lesson.pk}/move/",
        {
            "to_stage": "action_assigned",
            "action_body": factories.organisation("SADC").pk,
            "due_date": "2100-12-31",
        },
    )

    assert response.status_code == 302
    assert FollowUpAction.objects.get().due_date == dt.date(2100, 12, 31)


def test_the_admin_refuses_a_follow_up_action_done_in_year_9999_next_to_the_field(
    client, admin_user
):
    client.force_login(admin_user)
    action = factories.FollowUpActionFactory(due_date=dt.date(2027, 3, 31))

    response = client.post(
        f"/admin/lessons/followupaction/{action.pk}/change/",
        {
            "lesson": action.lesson_id,
            "action_body": action.action_body_id,
            "description": action.description,
            "due_date": "2027-03-31",
            "status": "done",
            "done_on": "9999-12-31",
            "result": "Shared a month ahead.",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"done_on": [WINDOW]}
    action.refresh_from_db()
    assert (action.status, action.done_on) == ("open", None)


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_the_database_keeps_lesson_and_action_dates_inside_the_window(day):
    lesson = factories.LessonFactory()
    action = factories.FollowUpActionFactory(lesson=lesson)

    for model, pk, values in (
        (Lesson, lesson.pk, {"due_date": day}),
        (FollowUpAction, action.pk, {"due_date": day}),
        (FollowUpAction, action.pk, {"done_on": day}),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(**values)
