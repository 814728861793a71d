"""Generated notices (workshops.Notice rows), in the states the sender leaves them: invitations,
reminders (sent, skipped for those who declined or for a cancelled event, queued for events
after the anchor), updates, cancellations and postponements, thank-yous, and the notices
about lessons; a few failed with the server's reason, a few waiting for a retry."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from lessons.models import Lesson
from workshops.models import Notice

from .context import ANCHOR, Context, EventRef, ParticipantRef
from .lesson_words import REVIEW_COMMENTS
from .words import VENUES

NOON = dt.time(12)
ANCHOR_TIME = dt.datetime.combine(ANCHOR, dt.time(0), tzinfo=dt.UTC)
REJECTED = "550 5.1.1 <{email}>: Recipient address rejected: User unknown in virtual mailbox table"
TEMPORARY = "421 4.7.0 Temporary server error. Please try again later."
STOPPED = "The event is cancelled or postponed."
DECLINED = "The participant declined."
PUBLISHED = {"validated", "action_assigned", "implemented", "learned"}


def create_notices(ctx: Context) -> None:
    """As many notices as the volume says: those about lessons first (about one for four
    lessons at scale 1.0), the rest spread over the participants with an e-mail address, each
    getting the first notices of what its event's story would have sent."""
    rng = ctx.rng
    total = ctx.volumes["notices"]
    lesson_share = min(total, max(0, total - 3 * len(ctx.participants)))
    lesson_notices = _lesson_notices(ctx, lesson_share)
    eligible = [p for p in ctx.participants if ctx.people[p.person].email]
    left = total - len(lesson_notices)
    each, extra = divmod(left, len(eligible)) if eligible else (0, 0)
    more = set(rng.sample(range(len(eligible)), extra)) if eligible else set()
    numbers = iter(range(1, total + 1))
    domain = settings.NOTICE_MESSAGE_ID_DOMAIN

    def rows():
        for values in lesson_notices:
            yield Notice(message_id=f"<bench.{ctx.seed}.{next(numbers)}@{domain}>", **values)
        for position, participant in enumerate(eligible):
            count = each + (position in more)
            for values in _participant_notices(ctx, participant, count):
                yield Notice(message_id=f"<bench.{ctx.seed}.{next(numbers)}@{domain}>", **values)

    ctx.inserter.insert(Notice, rows(), label="Notices", expected=total, discard=True)


def _participant_notices(ctx: Context, participant: ParticipantRef, count: int) -> list[dict]:
    """The first ``count`` notices of the participant's story, padded with updates."""
    event = ctx.events[participant.event]
    person = ctx.people[participant.person]
    story = _Story(ctx, event, participant, person)
    notices = story.told()
    while len(notices) < count:
        notices.append(story.update())
    return notices[:count]


class _Story:
    """What the sender would have recorded for one participant of one event."""

    def __init__(self, ctx: Context, event: EventRef, participant: ParticipantRef, person):
        self.ctx, self.rng, self.event = ctx, ctx.rng, event
        self.participant = participant
        self.base = {
            "event_id": event.pk,
            "participant_id": participant.pk,
            "recipient_name": person.name,
            "recipient_email": person.email,
            "language": participant.language,
            "recorded_by_id": self.rng.choice(ctx.secretariat),
        }
        self.rejected = self.rng.random() < 0.025
        invited = event.created_at + dt.timedelta(days=self.rng.randint(1, 10), hours=2)
        latest = event.start - dt.timedelta(days=1)
        invited = min(invited, latest) if latest > event.created_at else event.created_at
        self.invited = min(invited, ANCHOR_TIME - dt.timedelta(hours=1))

    def told(self) -> list[dict]:
        event, answer = self.event, self.participant.answer
        notices = [self.invitation()]
        stopped = event.status in ("cancelled", "postponed")
        if stopped and answer != "declined":
            notices.append(self.stop())
        for days in (7, 1):
            due = event.start - dt.timedelta(days=days)
            if due > self.invited:
                notices.append(self.reminder(days, due, stopped))
        if event.status == "held" and self.participant.attendance == "attended":
            notices.append(self.thank_you())
        return notices

    def _sent(self, kind: str, recorded: dt.datetime, *, due=None, **fields) -> dict:
        rng = self.rng
        leaves = (due or recorded) + dt.timedelta(seconds=rng.randint(3, 900))
        values = {
            **self.base,
            "kind": kind,
            "created_at": recorded,
            "not_before": due,
            "details": {},
            **fields,
        }
        if leaves > ANCHOR_TIME:
            return {**values, "state": "queued"}
        if self.rejected:
            return {
                **values,
                "state": "failed",
                "attempts": 1,
                "last_error": REJECTED.format(email=self.base["recipient_email"]),
            }
        return {**values, "state": "sent", "attempts": 1, "sent_at": leaves}

    def invitation(self) -> dict:
        if self.event.start > ANCHOR_TIME and self.rng.random() < 0.01:
            return {
                **self.base,
                "kind": "invitation",
                "created_at": self.invited,
                "state": "retrying",
                "attempts": 2,
                "last_error": TEMPORARY,
                "not_before": ANCHOR_TIME + dt.timedelta(minutes=5),
                "details": {},
            }
        return self._sent("invitation", self.invited)

    def stop(self) -> dict:
        event = self.event
        span = max(event.start, ANCHOR_TIME) - self.invited
        recorded = min(self.invited + span * self.rng.uniform(0.3, 0.9), ANCHOR_TIME)
        kind = "cancellation" if event.status == "cancelled" else "postponement"
        details = {
            "start": event.start.isoformat(),
            "end": event.end.isoformat(),
            "all_day": event.all_day,
            "open_end": event.open_end,
        }
        return self._sent(kind, recorded, details=details)

    def reminder(self, days: int, due: dt.datetime, stopped: bool) -> dict:
        answer = self.participant.answer
        details = {"days": days}
        if due > ANCHOR_TIME and not stopped:
            return {
                **self.base,
                "kind": "reminder",
                "created_at": self.invited,
                "not_before": due,
                "state": "queued",
                "details": details,
            }
        if stopped or answer == "declined":
            return {
                **self.base,
                "kind": "reminder",
                "created_at": self.invited,
                "not_before": due,
                "state": "skipped",
                "details": details,
                "last_error": STOPPED if stopped else DECLINED,
            }
        kind = "reminder" if answer == "confirmed" else "reminder_unanswered"
        return self._sent(kind, self.invited, due=due, details=details)

    def thank_you(self) -> dict:
        recorded = self.event.end + dt.timedelta(days=self.rng.randint(2, 14), hours=3)
        return self._sent("thank_you", min(recorded, ANCHOR_TIME - dt.timedelta(hours=2)))

    def update(self) -> dict:
        rng, event = self.rng, self.event
        before, after = rng.sample(VENUES, 2)
        room = max(event.start, self.invited + dt.timedelta(hours=2)) - self.invited
        recorded = min(self.invited + room * rng.uniform(0.1, 0.9), ANCHOR_TIME)
        details = {"changes": [{"field": "venue", "before": before, "after": after}]}
        return self._sent("update", recorded, details=details)


def _lesson_notices(ctx: Context, wanted: int) -> list[dict]:
    """Up to ``wanted`` notices about lessons: submitted (to the secretariat), returned,
    validated, action assigned and overdue (to the author), in a random order of lessons."""
    if not wanted or not ctx.lessons:
        return []
    rng = ctx.rng
    about_type = ContentType.objects.get_for_model(Lesson).pk
    rows = []
    for index in rng.sample(range(len(ctx.lessons)), len(ctx.lessons)):
        lesson = ctx.lessons[index]
        base = {
            "event_id": ctx.events[lesson.event].pk,
            "about_type_id": about_type,
            "about_id": lesson.pk,
            "language": lesson.language,
            "details": {},
            "state": "sent",
            "attempts": 1,
        }
        story = []
        if lesson.submitted_at:
            story.append((rng.choice(ctx.secretariat), "lesson_submitted", lesson.submitted_at, {}))
        if lesson.author and lesson.reviewed_at:
            comment = REVIEW_COMMENTS[lesson.language][3]
            if lesson.stage == "returned":
                story.append(
                    (lesson.author, "lesson_returned", lesson.reviewed_at, {"comment": comment})
                )
            elif lesson.stage in PUBLISHED:
                story.append(
                    (lesson.author, "lesson_validated", lesson.reviewed_at, {"comment": ""})
                )
            if lesson.action:
                story.append(
                    (
                        lesson.author,
                        "lesson_action_assigned",
                        lesson.reviewed_at + dt.timedelta(days=1),
                        {"action": lesson.action},
                    )
                )
            if lesson.overdue:
                noticed = dt.datetime.combine(
                    lesson.action_due + dt.timedelta(days=1), dt.time(6), tzinfo=dt.UTC
                )
                story.append(
                    (lesson.author, "lesson_action_overdue", noticed, {"action": lesson.action})
                )
        for user, kind, at, details in story:
            name, email = ctx.user_emails[user]
            at = min(at, ANCHOR_TIME - dt.timedelta(hours=1))
            rows.append(
                {
                    **base,
                    "kind": kind,
                    "user_id": user,
                    "recipient_name": name,
                    "recipient_email": email,
                    "created_at": at,
                    "details": details,
                    "sent_at": at + dt.timedelta(seconds=rng.randint(3, 600)),
                    "recorded_by_id": rng.choice(ctx.secretariat),
                }
            )
            if len(rows) == wanted:
                return rows
    return rows
