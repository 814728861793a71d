"""Who may see, edit, comment on and move lessons, and submit lessons for an event.

Which moves exist from each stage is the stage machine's business (``lessons.services``);
screens ask ``services.allowed_moves(lesson, user)``, which combines both.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from ssrportal.roles import ADMIN, FOCAL_POINT, SECRETARIAT, roles_of
from workshops.models import Event, EventOrganiser, Participant

from .models import Lesson, Stage, Visibility

# Validated or later: what the register shows beyond the submitting organisation.
PUBLISHED_STAGES = frozenset(
    {Stage.VALIDATED, Stage.ACTION_ASSIGNED, Stage.IMPLEMENTED, Stage.LEARNED}
)
EDITABLE_STAGES = frozenset({Stage.DRAFT, Stage.RETURNED})


def _is_reviewer(user) -> bool:
    return bool(roles_of(user) & {SECRETARIAT, ADMIN})


def _speaks_for(user, lesson: Lesson) -> bool:
    """A focal point of the lesson's organisation."""
    return (
        FOCAL_POINT in roles_of(user)
        and user.organisation_id is not None
        and user.organisation_id == lesson.organisation_id
    )


def _wrote_as_reviewer(user, lesson: Lesson) -> bool:
    """A lesson the secretariat (or an admin) wrote itself is theirs to revise and submit."""
    return _is_reviewer(user) and lesson.author_id is not None and lesson.author_id == user.pk


def visible_lessons(user) -> QuerySet[Lesson]:
    """The lessons ``user`` may know exist; scope with this before fetching one (else 404).

    The secretariat and admins see all. A focal point sees validated-or-later lessons of every
    organisation and every lesson of its own organisation, drafts and rejected ones included.
    Anyone else, signed in without a role or not signed in, sees public validated-or-later
    lessons only: internal lessons never show to a user without an account.
    """
    lessons = Lesson.objects.all()
    roles = roles_of(user)
    if roles & {SECRETARIAT, ADMIN}:
        return lessons
    published = Q(stage__in=PUBLISHED_STAGES)
    if FOCAL_POINT in roles:
        if user.organisation_id is None:
            return lessons.filter(published)
        return lessons.filter(published | Q(organisation_id=user.organisation_id))
    return lessons.filter(published, visibility=Visibility.PUBLIC)


def can_edit_lesson(user, lesson: Lesson) -> bool:
    """Focal points of the lesson's organisation edit its text while it is draft or returned.

    The secretariat never edits the author's text: it comments, or returns the lesson with a
    comment for the author to revise (except a lesson it wrote itself). Admins may always edit,
    to correct a record.
    """
    if ADMIN in roles_of(user):
        return True
    if lesson.stage not in EDITABLE_STAGES:
        return False
    return _speaks_for(user, lesson) or _wrote_as_reviewer(user, lesson)


def can_move_lesson(user, lesson: Lesson, to_stage: str) -> bool:
    """Whether ``user`` is the person who makes a move into ``to_stage`` on ``lesson``.

    Submitting is the author's side: focal points of the lesson's organisation (or the
    secretariat for a lesson it wrote). Every other move (return, validate, reject, assign an
    action, record implementation, close as learned) is the secretariat's or an admin's.
    Whether the move exists from the lesson's current stage is ``services.ALLOWED_MOVES``.
    """
    if to_stage == Stage.SUBMITTED:
        return _speaks_for(user, lesson) or _wrote_as_reviewer(user, lesson)
    return _is_reviewer(user)


def can_comment_on_lesson(user, lesson: Lesson) -> bool:
    """The review conversation: the lesson's organisation's focal points and the secretariat."""
    return _is_reviewer(user) or _speaks_for(user, lesson)


def can_submit_lessons(user) -> bool:
    """Who writes lessons at all: the secretariat and admins, and focal points of an
    organisation."""
    roles = roles_of(user)
    if roles & {SECRETARIAT, ADMIN}:
        return True
    return FOCAL_POINT in roles and user.organisation_id is not None


def can_review_lessons(user) -> bool:
    """The secretariat (and admins): every lesson, every move but submitting, the follow-up."""
    return _is_reviewer(user)


def events_for_lessons(user) -> QuerySet[Event]:
    """The events ``user`` may submit lessons for (can_submit_lesson_for), started ones only."""
    events = Event.objects.filter(start__lte=timezone.now())
    roles = roles_of(user)
    if roles & {SECRETARIAT, ADMIN}:
        return events
    if FOCAL_POINT not in roles or user.organisation_id is None:
        return events.none()
    return _involving(events, user.organisation_id)


def _involving(events: QuerySet[Event], organisation_id: int) -> QuerySet[Event]:
    """The events the organisation organised (any role) or took part in (a participant)."""
    return events.filter(
        Exists(EventOrganiser.objects.filter(event=OuterRef("pk"), organisation_id=organisation_id))
        | Exists(Participant.objects.filter(event=OuterRef("pk"), organisation_id=organisation_id))
    )


def can_submit_lesson_for(user, event: Event, *, involved: set[int] | None = None) -> bool:
    """The secretariat and admins, or a focal point whose organisation organised the event
    (any organiser role) or was represented among its participants.

    ``involved``: the ids of those organisations when the caller has them (the event page),
    which saves the query.
    """
    roles = roles_of(user)
    if roles & {SECRETARIAT, ADMIN}:
        return True
    if FOCAL_POINT not in roles or user.organisation_id is None:
        return False
    if involved is not None:
        return user.organisation_id in involved
    return _involving(Event.objects.filter(pk=event.pk), user.organisation_id).exists()
