"""The notices about lessons as their recipients read them: recorded by the register's moves and
the overdue check, sent in-process to Django's test mailbox once the transaction commits."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from lessons import tasks
from lessons.models import ActionStatus, FollowUpAction, Lesson, Stage
from lessons.services import move_lesson, record_overdue_notices
from tests import factories
from workshops.models import Notice, NoticeKind
from workshops.notices.compose import load_notices, prepare

pytestmark = pytest.mark.django_db

DUE = dt.date(2031, 6, 30)
TITLE = "Invite the RECs before the agenda is set"


@pytest.fixture(autouse=True)
def _portal_url(settings):
    settings.PORTAL_URL = "https://ssr.example.org"


@pytest.fixture
def auc_focal_point(db):
    user = factories.UserFactory(
        username="focal-auc",
        first_name="Amina",
        last_name="Mohamed",
        email="amina@au.int",
        organisation=factories.organisation("AUC"),
        language="en",
    )
    user.groups.add(Group.objects.get(name="Focal point"))
    return user


@pytest.fixture
def ecowas_focal_point(focal_point_user):
    focal_point_user.first_name, focal_point_user.last_name = "Kofi", "Mensah"
    focal_point_user.email, focal_point_user.language = "kofi@ecowas.int", "en"
    focal_point_user.save()
    return focal_point_user


def received_by(address):
    return [message for message in mail.outbox if message.to[0].endswith(f"<{address}>")]


def link_to(lesson):
    return f"https://ssr.example.org/lessons/{lesson.pk}/"


def overdue_action(*, due_date, status=ActionStatus.OPEN):
    lesson = factories.LessonFactory(
        title=TITLE,
        stage=Stage.ACTION_ASSIGNED,
        action_body=factories.organisation("AUC"),
        due_date=due_date,
    )
    return factories.FollowUpActionFactory(lesson=lesson, due_date=due_date, status=status)


# --- The register's moves -------------------------------------------------------------------------


def test_returned_lesson_reaches_the_focal_point_with_the_comment_and_an_absolute_link(
    ecowas_focal_point, secretariat_user, django_capture_on_commit_callbacks
):
    lesson = factories.LessonFactory(stage=Stage.SUBMITTED, title=TITLE)

    with django_capture_on_commit_callbacks(execute=True):
        move_lesson(
            lesson=lesson,
            to_stage=Stage.RETURNED,
            by=secretariat_user,
            comment="Name the RECs that raised it.",
        )

    [message] = mail.outbox
    assert message.to == ["Kofi Mensah <kofi@ecowas.int>"]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == f"Lesson returned for revision: {TITLE}"
    assert f"Dear Kofi Mensah,\n\nThe secretariat returned the lesson “{TITLE}” (" in message.body
    assert lesson.event.title in message.body
    assert "for revision:\nName the RECs that raised it.\n" in message.body
    assert f"Revise and submit it again in the portal: {link_to(lesson)}\n" in message.body
    assert f'href="{link_to(lesson)}"' in message.alternatives[0].content
    notice = Notice.objects.get()
    assert (notice.state, notice.details) == ("sent", {"comment": "Name the RECs that raised it."})


def test_validated_lesson_reaches_the_focal_point_with_the_comment(
    ecowas_focal_point, secretariat_user, django_capture_on_commit_callbacks
):
    lesson = factories.LessonFactory(stage=Stage.SUBMITTED, title=TITLE)

    with django_capture_on_commit_callbacks(execute=True):
        move_lesson(
            lesson=lesson, to_stage=Stage.VALIDATED, by=secretariat_user, comment="Well argued."
        )

    [message] = received_by("kofi@ecowas.int")
    assert message.subject == f"Lesson validated: {TITLE}"
    assert f"validated the lesson “{TITLE}” ({lesson.event.title}).\nWell argued.\n" in (
        message.body
    )
    assert f"See it in the portal: {link_to(lesson)}\n" in message.body


def test_submitted_lesson_names_the_organisation_to_the_secretariat(
    ecowas_focal_point, secretariat_user, django_capture_on_commit_callbacks
):
    secretariat_user.email = "ssr@au.int"
    secretariat_user.save()
    lesson = factories.LessonFactory(title=TITLE)

    with django_capture_on_commit_callbacks(execute=True):
        move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=ecowas_focal_point)

    [message] = mail.outbox
    assert message.to == ["secretariat <ssr@au.int>"]
    assert (
        "Economic Community of West African States submitted a lesson identified at "
        f"{lesson.event.title}:\n{TITLE}\n\nReview it in the portal: {link_to(lesson)}\n"
    ) in message.body


def test_assigned_action_names_the_body_what_to_do_and_the_due_date(
    ecowas_focal_point, auc_focal_point, secretariat_user, django_capture_on_commit_callbacks
):
    lesson = factories.LessonFactory(stage=Stage.VALIDATED, title=TITLE)

    with django_capture_on_commit_callbacks(execute=True):
        move_lesson(
            lesson=lesson,
            to_stage=Stage.ACTION_ASSIGNED,
            by=secretariat_user,
            action_body=factories.organisation("AUC"),
            due_date=DUE,
            comment="Share the draft agenda with the REC focal points.",
        )

    assert sorted(address for m in mail.outbox for address in m.to) == [
        "Amina Mohamed <amina@au.int>",
        "Kofi Mensah <kofi@ecowas.int>",
    ]
    [message] = received_by("amina@au.int")
    assert message.subject == f"Action assigned: {TITLE}"
    assert (
        f"An action was assigned to AUC on the lesson “{TITLE}” ({lesson.event.title}), "
        "due on 30 June 2031:\nShare the draft agenda with the REC focal points.\n\n"
        f"Follow it in the portal: {link_to(lesson)}\n"
    ) in message.body
    action = FollowUpAction.objects.get()
    assert list(Notice.objects.values_list("details", flat=True)) == [{"action": action.pk}] * 2


def test_due_date_reads_in_the_recipients_language(
    auc_focal_point, secretariat_user, django_capture_on_commit_callbacks
):
    auc_focal_point.language = "fr"
    auc_focal_point.save()
    lesson = factories.LessonFactory(stage=Stage.VALIDATED, title=TITLE)

    with django_capture_on_commit_callbacks(execute=True):
        move_lesson(
            lesson=lesson,
            to_stage=Stage.ACTION_ASSIGNED,
            by=secretariat_user,
            action_body=factories.organisation("AUC"),
            due_date=DUE,
        )

    [message] = received_by("amina@au.int")
    assert message.extra_headers["Content-Language"] == "fr"
    assert "30 juin 2031" in message.body


# --- Overdue actions ------------------------------------------------------------------------------


def test_overdue_action_is_noticed_once_to_each_concerned(
    ecowas_focal_point, auc_focal_point, secretariat_user, other_focal_point_user
):
    action = overdue_action(due_date=timezone.localdate() - dt.timedelta(days=1))

    first = record_overdue_notices()
    second = record_overdue_notices()

    assert (first, second) == (3, 0)
    assert sorted(
        Notice.objects.values_list("kind", "recipient_email", "about_id", "details")
    ) == sorted(
        (NoticeKind.LESSON_ACTION_OVERDUE, address, action.lesson_id, {"action": action.pk})
        for address in ["amina@au.int", "kofi@ecowas.int", "secretariat@example.org"]
    )
    action.refresh_from_db()
    assert action.overdue_noticed_at is not None


@pytest.mark.parametrize(
    ("days_left", "status"),
    [
        (-3, ActionStatus.DONE),
        (-3, ActionStatus.DROPPED),
        (0, ActionStatus.OPEN),
        (5, ActionStatus.OPEN),
    ],
    ids=["done", "dropped", "due-today", "not-yet-due"],
)
def test_action_done_or_not_yet_due_is_not_noticed(
    ecowas_focal_point, secretariat_user, days_left, status
):
    action = overdue_action(
        due_date=timezone.localdate() + dt.timedelta(days=days_left), status=status
    )

    recorded = record_overdue_notices()

    assert recorded == 0
    assert Notice.objects.count() == 0
    action.refresh_from_db()
    assert action.overdue_noticed_at is None


def test_overdue_notice_says_what_was_due_and_when(
    auc_focal_point, django_capture_on_commit_callbacks
):
    action = overdue_action(due_date=dt.date(2024, 3, 15))

    with django_capture_on_commit_callbacks(execute=True):
        record_overdue_notices()

    [message] = received_by("amina@au.int")
    assert message.subject == f"Action overdue: {TITLE}"
    assert (
        f"The action assigned to AUC on the lesson “{TITLE}” ({action.lesson.event.title}) was "
        "due on 15 March 2024 and is not marked as done:\n"
        "Share the draft agenda with the REC focal points.\n\n"
        f"Follow it in the portal: {link_to(action.lesson)}\n"
    ) in message.body


def test_overdue_task_runs_through_celery(ecowas_focal_point, django_capture_on_commit_callbacks):
    overdue_action(due_date=dt.date(2024, 3, 15))

    with django_capture_on_commit_callbacks(execute=True):
        tasks.record_overdue_notices.delay()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.record_overdue_notices.delay()

    assert [m.to for m in mail.outbox] == [["Kofi Mensah <kofi@ecowas.int>"]]
    assert FollowUpAction.objects.get().overdue_noticed_at is not None


# --- Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [3, 30])
def test_lesson_placeholders_cost_the_same_queries_for_3_or_30_notices(
    rows, django_assert_num_queries
):
    lesson_type = ContentType.objects.get_for_model(Lesson)
    pks = []
    for _ in range(rows):
        action = overdue_action(due_date=DUE)  # each on its own lesson and event
        notice = factories.NoticeFactory(
            kind=NoticeKind.LESSON_ACTION_ASSIGNED,
            event=action.lesson.event,
            about_type=lesson_type,
            about_id=action.lesson_id,
            details={"action": action.pk},
        )
        pks.append(notice.pk)
    notices = load_notices(pks)

    # Expect 8 queries: the events, their objectives, contacts and translations; the wordings;
    # then the provider's: the lessons, their events' translations, the actions.
    with django_assert_num_queries(8):
        batch = prepare(notices)

    assert len(batch.provided) == rows
    assert {context["due"] for context in batch.provided.values()} == {"30 June 2031"}
