import datetime as dt
import itertools
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from lessons.models import Attachment, Comment, Lesson, Stage, StageChange
from lessons.services import (
    ALLOWED_MOVES,
    MoveRefused,
    add_comment,
    allowed_moves,
    move_lesson,
    save_lesson,
)
from tests import factories
from workshops.models import Notice

pytestmark = pytest.mark.django_db

DUE = dt.date(2031, 6, 30)

ALLOWED = sorted(
    (from_stage, to_stage) for from_stage, to in ALLOWED_MOVES.items() for to_stage in to
)
REFUSED = sorted(
    pair
    for pair in itertools.product(Stage.values, repeat=2)
    if pair[1] not in ALLOWED_MOVES[pair[0]]
)


def _lesson_at(stage, **kwargs):
    if stage in {Stage.ACTION_ASSIGNED, Stage.IMPLEMENTED}:
        kwargs.update(action_body=factories.organisation("AUC"), due_date=DUE)
    return factories.LessonFactory(stage=stage, **kwargs)


def _mover(request, to_stage):
    """The user who makes this move: the ECOWAS focal point submits, the secretariat the rest."""
    name = "focal_point_user" if to_stage == Stage.SUBMITTED else "secretariat_user"
    return request.getfixturevalue(name)


def _all_data():
    """Everything any move needs, so that only the stage or the user can refuse it."""
    return {
        "comment": "Checked against the workshop report.",
        "action_body": factories.organisation("AUC"),
        "due_date": DUE,
        "done": "The agenda is now shared with the REC focal points a month ahead.",
    }


def test_allowed_moves_are_the_registers_stage_machine():
    assert ALLOWED == [
        ("action_assigned", "implemented"),
        ("draft", "submitted"),
        ("implemented", "learned"),
        ("returned", "submitted"),
        ("submitted", "rejected"),
        ("submitted", "returned"),
        ("submitted", "validated"),
        ("validated", "action_assigned"),
        ("validated", "rejected"),
    ]
    assert len(REFUSED) == 64 - 9


@pytest.mark.parametrize(("from_stage", "to_stage"), ALLOWED)
def test_allowed_move_succeeds_and_records_who_when_why(request, from_stage, to_stage):
    lesson = _lesson_at(from_stage)
    user = _mover(request, to_stage)
    before = timezone.now()

    change = move_lesson(lesson=lesson, to_stage=to_stage, by=user, **_all_data())

    lesson.refresh_from_db()
    assert lesson.stage == to_stage
    assert StageChange.objects.filter(lesson=lesson).count() == 1
    change.refresh_from_db()
    assert (change.from_stage, change.to_stage, change.by) == (from_stage, to_stage, user)
    assert before <= change.at <= timezone.now()
    if to_stage == Stage.IMPLEMENTED:
        assert change.comment == (
            "The agenda is now shared with the REC focal points a month ahead.\n\n"
            "Checked against the workshop report."
        )
    else:
        assert change.comment == "Checked against the workshop report."


@pytest.mark.parametrize(("from_stage", "to_stage"), REFUSED)
def test_move_outside_the_stage_machine_is_refused_and_changes_nothing(
    request, from_stage, to_stage
):
    lesson = _lesson_at(from_stage)
    user = _mover(request, to_stage)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=to_stage, by=user, **_all_data())

    assert refused.value.code == "stage"
    lesson.refresh_from_db()
    assert lesson.stage == from_stage
    assert StageChange.objects.count() == 0


def test_refused_move_says_which_stages(secretariat_user):
    lesson = _lesson_at(Stage.DRAFT)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=Stage.VALIDATED, by=secretariat_user)

    assert refused.value.messages == ["A lesson at stage “draft” cannot move to “validated”."]


def test_focal_point_of_another_organisation_cannot_submit(other_focal_point_user):
    lesson = _lesson_at(Stage.DRAFT)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=other_focal_point_user)

    assert refused.value.messages == [
        "Only a focal point of ECOWAS – Economic Community of West African States "
        "may submit this lesson."
    ]
    lesson.refresh_from_db()
    assert lesson.stage == Stage.DRAFT
    assert StageChange.objects.count() == 0


@pytest.mark.parametrize("reviewer", ["secretariat_user", "admin_user"])
def test_secretariat_cannot_submit_a_focal_points_draft(request, reviewer, focal_point_user):
    lesson = _lesson_at(Stage.DRAFT, author=focal_point_user)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=request.getfixturevalue(reviewer))

    assert refused.value.code == "role"
    lesson.refresh_from_db()
    assert lesson.stage == Stage.DRAFT


def test_secretariat_submits_a_lesson_it_wrote(secretariat_user):
    lesson = _lesson_at(Stage.DRAFT, author=secretariat_user)

    move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=secretariat_user)

    lesson.refresh_from_db()
    assert lesson.stage == Stage.SUBMITTED


@pytest.mark.parametrize("to_stage", [Stage.RETURNED, Stage.VALIDATED, Stage.REJECTED], ids=str)
def test_focal_point_cannot_review_its_own_lesson(focal_point_user, to_stage):
    lesson = _lesson_at(Stage.SUBMITTED)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=to_stage, by=focal_point_user, comment="Fine.")

    assert refused.value.messages == [
        f"Only the secretariat may move a lesson to “{Stage(to_stage).label}”."
    ]
    lesson.refresh_from_db()
    assert lesson.stage == Stage.SUBMITTED


def test_anonymous_user_cannot_move_a_lesson():
    lesson = _lesson_at(Stage.SUBMITTED)

    with pytest.raises(MoveRefused):
        move_lesson(lesson=lesson, to_stage=Stage.VALIDATED, by=AnonymousUser())

    assert StageChange.objects.count() == 0


def test_returning_without_a_comment_is_refused(secretariat_user):
    lesson = _lesson_at(Stage.SUBMITTED)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=Stage.RETURNED, by=secretariat_user, comment="  ")

    assert refused.value.message_dict == {"comment": ["Say what the author should revise."]}
    lesson.refresh_from_db()
    assert lesson.stage == Stage.SUBMITTED
    assert StageChange.objects.count() == 0


@pytest.mark.parametrize("from_stage", [Stage.SUBMITTED, Stage.VALIDATED], ids=str)
def test_rejecting_without_a_reason_is_refused(secretariat_user, from_stage):
    lesson = _lesson_at(from_stage)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=Stage.REJECTED, by=secretariat_user)

    assert refused.value.message_dict == {"comment": ["Give the reason for rejecting this lesson."]}
    lesson.refresh_from_db()
    assert lesson.stage == from_stage


def test_assigning_an_action_without_due_date_is_refused(secretariat_user):
    lesson = _lesson_at(Stage.VALIDATED)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(
            lesson=lesson,
            to_stage=Stage.ACTION_ASSIGNED,
            by=secretariat_user,
            action_body=factories.organisation("AUC"),
        )

    assert refused.value.message_dict == {"due_date": ["Give the date by which the action is due."]}
    lesson.refresh_from_db()
    assert (lesson.stage, lesson.action_body, lesson.due_date) == (Stage.VALIDATED, None, None)
    assert StageChange.objects.count() == 0


def test_assigning_an_action_without_action_body_is_refused(secretariat_user):
    lesson = _lesson_at(Stage.VALIDATED)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(
            lesson=lesson, to_stage=Stage.ACTION_ASSIGNED, by=secretariat_user, due_date=DUE
        )

    assert refused.value.message_dict == {
        "action_body": ["Name the action body that is to act on this lesson."]
    }


def test_assigning_an_action_stores_action_body_and_due_date(secretariat_user):
    lesson = _lesson_at(Stage.VALIDATED)
    auc = factories.organisation("AUC")

    move_lesson(
        lesson=lesson,
        to_stage=Stage.ACTION_ASSIGNED,
        by=secretariat_user,
        action_body=auc,
        due_date=DUE,
    )

    saved = Lesson.objects.get(pk=lesson.pk)
    assert (saved.stage, saved.action_body, saved.due_date) == (Stage.ACTION_ASSIGNED, auc, DUE)
    assert (lesson.stage, lesson.action_body, lesson.due_date) == (Stage.ACTION_ASSIGNED, auc, DUE)


def test_implemented_without_what_was_done_is_refused(secretariat_user):
    lesson = _lesson_at(Stage.ACTION_ASSIGNED)

    with pytest.raises(MoveRefused) as refused:
        move_lesson(lesson=lesson, to_stage=Stage.IMPLEMENTED, by=secretariat_user, comment="Done.")

    assert refused.value.message_dict == {"done": ["Say what was done."]}
    lesson.refresh_from_db()
    assert lesson.stage == Stage.ACTION_ASSIGNED


def test_move_reads_the_current_stage_not_the_callers_copy(secretariat_user):
    lesson = _lesson_at(Stage.SUBMITTED)
    stale = Lesson.objects.get(pk=lesson.pk)
    move_lesson(lesson=lesson, to_stage=Stage.VALIDATED, by=secretariat_user)

    with pytest.raises(MoveRefused):
        move_lesson(lesson=stale, to_stage=Stage.RETURNED, by=secretariat_user, comment="Revise.")

    lesson.refresh_from_db()
    assert lesson.stage == Stage.VALIDATED
    assert StageChange.objects.count() == 1


def test_return_and_resubmit_keeps_the_whole_trail(focal_point_user, secretariat_user):
    lesson = _lesson_at(Stage.DRAFT, author=focal_point_user)

    move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=focal_point_user)
    move_lesson(
        lesson=lesson, to_stage=Stage.RETURNED, by=secretariat_user, comment="Name the RECs."
    )
    move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=focal_point_user)
    move_lesson(lesson=lesson, to_stage=Stage.VALIDATED, by=secretariat_user)

    trail = list(
        lesson.stage_changes.values_list("from_stage", "to_stage", "by__username", "comment")
    )
    assert trail == [
        ("draft", "submitted", "focal-ecowas", ""),
        ("submitted", "returned", "secretariat", "Name the RECs."),
        ("returned", "submitted", "focal-ecowas", ""),
        ("submitted", "validated", "secretariat", ""),
    ]


def test_allowed_moves_offers_only_what_the_user_may_do(
    focal_point_user, other_focal_point_user, secretariat_user
):
    submitted = _lesson_at(Stage.SUBMITTED)
    draft = _lesson_at(Stage.DRAFT)

    assert allowed_moves(submitted, secretariat_user) == ["returned", "validated", "rejected"]
    assert allowed_moves(submitted, focal_point_user) == []
    assert allowed_moves(draft, focal_point_user) == ["submitted"]
    assert allowed_moves(draft, other_focal_point_user) == []
    assert allowed_moves(draft, secretariat_user) == []
    assert allowed_moves(_lesson_at(Stage.LEARNED), secretariat_user) == []


def test_comment_is_added_to_the_thread(focal_point_user, secretariat_user):
    lesson = _lesson_at(Stage.SUBMITTED)

    add_comment(lesson=lesson, by=secretariat_user, text="Which REC raised this first? ")
    add_comment(lesson=lesson, by=focal_point_user, text="ECOWAS, in the opening session.")

    assert list(lesson.comments.values_list("author__username", "text")) == [
        ("secretariat", "Which REC raised this first?"),
        ("focal-ecowas", "ECOWAS, in the opening session."),
    ]


def test_empty_comment_is_refused(secretariat_user):
    lesson = _lesson_at(Stage.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        add_comment(lesson=lesson, by=secretariat_user, text="   ")

    assert refused.value.message_dict == {"text": ["Write a comment."]}
    assert Comment.objects.count() == 0


def test_focal_point_of_another_organisation_cannot_comment(other_focal_point_user):
    lesson = _lesson_at(Stage.VALIDATED)

    with pytest.raises(ValidationError) as refused:
        add_comment(lesson=lesson, by=other_focal_point_user, text="We saw this too.")

    assert refused.value.messages == ["You may not comment on this lesson."]
    assert Comment.objects.count() == 0


# --- Notices and saving ---------------------------------------------------------------------------


def test_submitting_records_a_notice_for_each_secretariat_account_in_its_language(
    focal_point_user, secretariat_user
):
    secretariat_user.email, secretariat_user.language = "ssr@example.org", "fr"
    secretariat_user.save()
    lesson = factories.LessonFactory()

    move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=focal_point_user)

    assert list(
        Notice.objects.values_list("kind", "recipient_email", "language", "state", "about_id")
    ) == [("lesson_submitted", "ssr@example.org", "fr", "queued", lesson.pk)]


def test_a_refused_move_records_no_notice(secretariat_user, focal_point_user):
    focal_point_user.email = "focal@ecowas.int"
    focal_point_user.save()
    lesson = factories.LessonFactory(stage=Stage.SUBMITTED)

    with pytest.raises(MoveRefused):
        move_lesson(lesson=lesson, to_stage=Stage.RETURNED, by=secretariat_user, comment="")

    assert Notice.objects.count() == 0


def test_each_notice_has_its_own_stable_message_id(secretariat_user, focal_point_user):
    focal_point_user.email = "focal@ecowas.int"
    focal_point_user.save()
    other = factories.UserFactory(
        username="second-ecowas",
        email="second@ecowas.int",
        organisation=focal_point_user.organisation,
    )
    other.groups.add(*focal_point_user.groups.all())
    lesson = factories.LessonFactory(stage=Stage.SUBMITTED)

    move_lesson(lesson=lesson, to_stage=Stage.VALIDATED, by=secretariat_user)

    ids = list(Notice.objects.values_list("message_id", flat=True))
    assert len(ids) == len(set(ids)) == 2
    assert all(i.startswith("<notice.") and i.endswith("@ssr-portal.localhost>") for i in ids)


def test_a_refused_submission_saves_neither_the_lesson_nor_its_file(settings):
    someone = factories.UserFactory(username="no-role")
    lesson = Lesson(event=factories.EventFactory(), organisation=factories.organisation("ECOWAS"))
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n", "application/pdf")

    with pytest.raises(MoveRefused):
        save_lesson(
            lesson=lesson,
            values={"title": "A lesson", "observation": "Seen."},
            new_attachments=[("Report", upload)],
            submit=True,
            by=someone,
        )

    assert Lesson.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert not any(path.is_file() for path in Path(settings.MEDIA_ROOT).rglob("*"))
