"""The lessons register's stage machine and comment thread.

Every move is ``move_lesson``: one transaction that locks the lesson, checks the move, saves
the new stage and writes one StageChange. Who may make a move is ``lessons.permissions``.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners.models import Organisation

from .models import Comment, Lesson, Stage, StageChange
from .permissions import can_comment_on_lesson, can_move_lesson

# NATO's lessons process (DOMAIN.md) with the secretariat's review; learned and rejected are final.
ALLOWED_MOVES: dict[str, set[str]] = {
    Stage.DRAFT: {Stage.SUBMITTED},
    Stage.SUBMITTED: {Stage.RETURNED, Stage.VALIDATED, Stage.REJECTED},
    Stage.RETURNED: {Stage.SUBMITTED},
    Stage.VALIDATED: {Stage.ACTION_ASSIGNED, Stage.REJECTED},
    Stage.ACTION_ASSIGNED: {Stage.IMPLEMENTED},
    Stage.IMPLEMENTED: {Stage.LEARNED},
    Stage.LEARNED: set(),
    Stage.REJECTED: set(),
}


class MoveRefused(ValidationError):
    """A move the stage machine, the user's role or the missing data does not allow."""


def allowed_moves(lesson: Lesson, user) -> list[str]:
    """The stages ``user`` may move ``lesson`` to now, in the order of ``Stage``."""
    possible = ALLOWED_MOVES.get(lesson.stage, set())
    return [
        stage
        for stage in Stage.values
        if stage in possible and can_move_lesson(user, lesson, stage)
    ]


def _check_move(lesson: Lesson, to_stage: str, by) -> None:
    if to_stage not in ALLOWED_MOVES.get(lesson.stage, set()):
        raise MoveRefused(
            _("A lesson at stage “%(from)s” cannot move to “%(to)s”."),
            code="stage",
            params={"from": _label(lesson.stage), "to": _label(to_stage)},
        )
    if not can_move_lesson(by, lesson, to_stage):
        if to_stage == Stage.SUBMITTED:
            raise MoveRefused(
                _("Only a focal point of %(organisation)s may submit this lesson."),
                code="role",
                params={"organisation": lesson.organisation},
            )
        raise MoveRefused(
            _("Only the secretariat may move a lesson to “%(to)s”."),
            code="role",
            params={"to": _label(to_stage)},
        )


def _label(stage: str) -> str:
    return str(Stage(stage).label) if stage in Stage.values else stage


def _check_data(to_stage: str, *, comment: str, action_body, due_date, done: str) -> None:
    missing = {}
    if to_stage == Stage.RETURNED and not comment:
        missing["comment"] = _("Say what the author should revise.")
    if to_stage == Stage.REJECTED and not comment:
        missing["comment"] = _("Give the reason for rejecting this lesson.")
    if to_stage == Stage.ACTION_ASSIGNED:
        if action_body is None:
            missing["action_body"] = _("Name the action body that is to act on this lesson.")
        if due_date is None:
            missing["due_date"] = _("Give the date by which the action is due.")
    if to_stage == Stage.IMPLEMENTED and not done:
        missing["done"] = _("Say what was done.")
    if missing:
        raise MoveRefused(missing, code="required")


@transaction.atomic
def move_lesson(
    *,
    lesson: Lesson,
    to_stage: str,
    by,
    comment: str = "",
    action_body: Organisation | None = None,
    due_date: dt.date | None = None,
    done: str = "",
) -> StageChange:
    """Move ``lesson`` to ``to_stage`` on behalf of ``by`` and record who, when and why.

    Atomic: the lesson is re-read under a row lock (select_for_update), so two reviewers acting
    at once cannot both move it from the same stage; the second is refused. Raises MoveRefused,
    saving nothing, when the move does not exist from the current stage, when ``by`` may not
    make it, or when its data is missing: returning and rejecting need a ``comment``, assigning
    an action needs ``action_body`` and ``due_date``, implemented needs ``done`` (what was done,
    kept as the StageChange's comment, followed by ``comment`` if given).
    Not yet: the notice rows the register issue asks for on submitting, returning, validating
    and assigning an action need the Notice model of the notices issue (6); add them here, in
    this transaction, through a workshops service once it exists.
    Running it twice refuses the second call (the lesson is no longer at the first stage).
    """
    locked = Lesson.objects.select_for_update().get(pk=lesson.pk)
    comment = comment.strip()
    done = done.strip()
    _check_move(locked, to_stage, by)
    _check_data(to_stage, comment=comment, action_body=action_body, due_date=due_date, done=done)

    from_stage = locked.stage
    locked.stage = to_stage
    if to_stage == Stage.ACTION_ASSIGNED:
        locked.action_body = action_body
        locked.due_date = due_date
    locked.save(update_fields=["stage", "action_body", "due_date", "updated_at"])
    lesson.stage, lesson.action_body, lesson.due_date = (
        locked.stage,
        locked.action_body,
        locked.due_date,
    )
    if to_stage == Stage.IMPLEMENTED:
        comment = "\n\n".join(text for text in (done, comment) if text)
    return StageChange.objects.create(
        lesson=locked, from_stage=from_stage, to_stage=to_stage, by=by, comment=comment
    )


def add_comment(*, lesson: Lesson, by, text: str) -> Comment:
    """Add ``by``'s comment to ``lesson``'s thread. One row; raises ValidationError, saving
    nothing, when the text is empty or ``by`` may not take part in the thread."""
    text = text.strip()
    if not can_comment_on_lesson(by, lesson):
        raise ValidationError(_("You may not comment on this lesson."), code="role")
    if not text:
        raise ValidationError({"text": _("Write a comment.")}, code="required")
    return Comment.objects.create(lesson=lesson, author=by, text=text)
