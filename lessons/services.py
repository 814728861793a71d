"""The lessons register's stage machine, comment thread and overdue-action notices, and its
reference data (the lesson categories of lessons/data/).

Every move is ``move_lesson``: one transaction that locks the lesson, checks the move, saves
the new stage and writes one StageChange. Who may make a move is ``lessons.permissions``.
"""

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Country, Organisation
from partners.services import Loaded
from ssrportal.roles import FOCAL_POINT, SECRETARIAT, group_name
from workshops.models import NoticeKind, ThematicArea
from workshops.services import _load_vocabulary, name_in_own_folder, record_notices

from .models import (
    ActionStatus,
    Attachment,
    Comment,
    FollowUpAction,
    Lesson,
    LessonCategory,
    Stage,
    StageChange,
)
from .permissions import can_comment_on_lesson, can_move_lesson

DATA_DIR = Path(__file__).resolve().parent / "data"

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
    Assigning an action also opens a FollowUpAction for the action body (what is to be done:
    ``comment``, else the lesson's recommendation); implemented closes the open ones as done.
    Submitting, returning, validating and assigning an action record notices (NOTICES) in the
    same transaction: for the secretariat on submitting, for the lesson's organisation's focal
    points otherwise, and the action body's focal points too on assigning. The rows keep what
    their message repeats: the comment of a return or validation, the assigned action's id.
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
    details = {"comment": comment} if to_stage in {Stage.RETURNED, Stage.VALIDATED} else {}
    if to_stage == Stage.ACTION_ASSIGNED:
        action = FollowUpAction.objects.create(
            lesson=locked,
            action_body=action_body,
            due_date=due_date,
            description=comment or locked.recommendation or locked.statement or locked.title,
        )
        details = {"action": action.pk}
    if to_stage == Stage.IMPLEMENTED:
        locked.actions.filter(status=ActionStatus.OPEN).update(
            status=ActionStatus.DONE, done_on=timezone.localdate(), result=done
        )
        comment = "\n\n".join(text for text in (done, comment) if text)
    change = StageChange.objects.create(
        lesson=locked, from_stage=from_stage, to_stage=to_stage, by=by, comment=comment
    )
    if to_stage in NOTICES:
        record_notices(
            kind=NOTICES[to_stage],
            event=lesson.event,
            users=concerned_by(locked, to_stage),
            about=locked,
            by=by,
            details=details,
        )
    return change


# The notice each move records, for the people concerned_by() it.
NOTICES = {
    Stage.SUBMITTED: NoticeKind.LESSON_SUBMITTED,
    Stage.RETURNED: NoticeKind.LESSON_RETURNED,
    Stage.VALIDATED: NoticeKind.LESSON_VALIDATED,
    Stage.ACTION_ASSIGNED: NoticeKind.LESSON_ACTION_ASSIGNED,
}


def concerned_by(lesson: Lesson, to_stage: str) -> list:
    """Who is told of ``lesson``'s move to ``to_stage``: active accounts, by name.

    Submitted: the secretariat, who reviews. Returned, validated: the focal points of the
    lesson's organisation and its author. Action assigned: those, and the focal points of the
    action body.
    """
    if to_stage == Stage.SUBMITTED:
        return _accounts(secretariat=True)
    organisations = [lesson.organisation_id]
    if to_stage == Stage.ACTION_ASSIGNED and lesson.action_body_id:
        organisations.append(lesson.action_body_id)
    return _accounts(focal_points_of=organisations, author_id=lesson.author_id)


def _accounts(*, focal_points_of=(), author_id=None, secretariat: bool = False) -> list:
    """Active accounts among the focal points of ``focal_points_of``, the author and, if asked,
    the secretariat: each once, by name."""
    who = Q(groups__name=group_name(FOCAL_POINT), organisation_id__in=list(focal_points_of))
    if author_id:
        who |= Q(pk=author_id)
    if secretariat:
        who |= Q(groups__name=group_name(SECRETARIAT))
    users = get_user_model().objects.filter(is_active=True).filter(who).distinct()
    return list(users.order_by("last_name", "first_name", "username"))


def record_overdue_notices(*, now: dt.datetime | None = None) -> int:
    """Record an "action overdue" notice for each open action past its due date; how many rows.

    The action's concerned are told once: the focal points of its action body and of the
    lesson's organisation, the lesson's author (as on assigning) and the secretariat. Each
    action is its own transaction: its notices are recorded and it is marked
    (``overdue_noticed_at``) together, the mark taken first by a conditional update, so two
    runs at once record its notices once. Safe to run again: a marked action is not noticed
    twice, even if its due date is later postponed and passes again (the follow-up page still
    shows it overdue). Run hourly by Celery beat (lessons.tasks.record_overdue_notices).
    """
    now = now or timezone.now()
    overdue = FollowUpAction.objects.filter(
        status=ActionStatus.OPEN,
        due_date__lt=timezone.localdate(now),
        overdue_noticed_at__isnull=True,
    )
    recorded = 0
    for action in overdue.select_related("lesson__event").order_by("due_date", "pk"):
        with transaction.atomic():
            if not overdue.filter(pk=action.pk).update(overdue_noticed_at=now):
                continue  # done, or marked by another run, since the list was read
            lesson = action.lesson
            recorded += len(
                record_notices(
                    kind=NoticeKind.LESSON_ACTION_OVERDUE,
                    event=lesson.event,
                    users=_accounts(
                        focal_points_of=[action.action_body_id, lesson.organisation_id],
                        author_id=lesson.author_id,
                        secretariat=True,
                    ),
                    about=lesson,
                    details={"action": action.pk},
                )
            )
    return recorded


def add_comment(*, lesson: Lesson, by, text: str) -> Comment:
    """Add ``by``'s comment to ``lesson``'s thread. One row; raises ValidationError, saving
    nothing, when the text is empty or ``by`` may not take part in the thread."""
    text = text.strip()
    if not can_comment_on_lesson(by, lesson):
        raise ValidationError(_("You may not comment on this lesson."), code="role")
    if not text:
        raise ValidationError({"text": _("Write a comment.")}, code="required")
    return Comment.objects.create(lesson=lesson, author=by, text=text)


@transaction.atomic
def save_lesson(
    *,
    lesson: Lesson,
    values: dict,
    thematic_areas: Sequence[ThematicArea] = (),
    countries: Sequence[Country] = (),
    new_attachments: Sequence[tuple[str, UploadedFile]] = (),
    removed_attachments: Sequence[Attachment] = (),
    submit: bool = False,
    by,
) -> Lesson:
    """Save ``lesson``'s text and labels, add and remove attachments, and submit it if asked.

    ``values`` are the lesson's own fields (title, observation...); a new lesson records ``by``
    as its author. Atomic: the text, the labels, the files and the move to submitted are saved
    together or not at all (a refused submission raises MoveRefused and keeps nothing, files
    included). Each attachment's type was checked by the form (workshops' document check).
    """
    if lesson._state.adding:
        lesson.author = by
    for name, value in values.items():
        setattr(lesson, name, value)
    stored = []
    try:
        lesson.save()
        lesson.thematic_areas.set(thematic_areas)
        lesson.countries.set(countries)
        for title, upload in new_attachments:
            attachment = Attachment(lesson=lesson, title=title, uploaded_by=by)
            attachment.file.save(name_in_own_folder(upload.name), upload, save=False)
            stored.append(attachment.file)
            attachment.save()
        removed = [a for a in removed_attachments if a.lesson_id == lesson.pk]
        Attachment.objects.filter(pk__in=[a.pk for a in removed]).delete()
        if submit:
            move_lesson(lesson=lesson, to_stage=Stage.SUBMITTED, by=by)
    except Exception:
        for file in stored:
            file.delete(save=False)
        raise
    # Removed files leave the disk only once their rows are gone for good.
    transaction.on_commit(lambda: [a.file.delete(save=False) for a in removed])
    return lesson


# --- Reference data -------------------------------------------------------------------------------


def load_lesson_categories(*, path: Path = DATA_DIR / "lesson_categories.csv") -> Loaded:
    """Create or update the lesson categories, keyed on code. Atomic; safe to run again."""
    return _load_vocabulary(
        LessonCategory, path=path, what="lesson categories", text_fields=["name_en", "name_fr"]
    )


def load_reference_data() -> list[Loaded]:
    """The register's reference data, the lesson categories; run by ``load_reference_data``
    after the partners' and workshops' (LessonsConfig.ready registers it). Safe to run again."""
    return [load_lesson_categories()]
