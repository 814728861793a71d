"""Recording the notices to participants, in the transaction of what causes them.

Each function writes queued rows and asks for them to be handed to the workers once the
transaction commits (sending.enqueue_on_commit): if the transaction rolls back, there is no
row and nothing is sent. Reminders are rows with a ``not_before`` time, sent by the sweep.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from workshops.ical import place_of
from workshops.models import (
    Answer,
    Attendance,
    Event,
    EventStatus,
    Notice,
    NoticeKind,
    NoticeState,
    Participant,
)

from .sending import PENDING, REMINDERS, STOPPED, enqueue_on_commit

# What an update names when it changes: the dates, the venue, the online link.
# And the place (snapshot).
WATCHED = ("start", "end", "all_day", "open_end", "time_zone", "online_url", "status")
LIVE = [NoticeState.QUEUED, NoticeState.SENDING, NoticeState.RETRYING, NoticeState.SENT]


def notice_to(participant: Participant, kind: str, *, by=None, **fields) -> Notice:
    """An unsaved ``kind`` notice to ``participant``: their name, address and notice language
    as the directory holds them now; ``fields`` add to or replace these."""
    person = participant.person
    values = {
        "recipient_name": " ".join(part for part in [person.title, person.full_name] if part),
        "recipient_email": person.email.strip(),
        "language": participant.notice_language,
        **fields,
    }
    return Notice(
        kind=kind,
        event_id=participant.event_id,
        participant=participant,
        recorded_by=by,
        **values,
    )


@transaction.atomic
def record_invitations(*, event: Event, participants: Iterable[Participant], by) -> list[Notice]:
    """An invitation to each of ``participants`` with an e-mail address, and their reminders.

    The reminders are rows due NOTICE_REMINDER_DAYS before the start (those still ahead).
    Returns the invitations; they leave when the transaction commits.
    """
    participants = [p for p in participants if p.person.email.strip()]
    invitations = Notice.objects.bulk_create(
        notice_to(participant, NoticeKind.INVITATION, by=by) for participant in participants
    )
    plan_reminders(event=event, participants=participants, by=by)
    enqueue_on_commit(notice.pk for notice in invitations)
    return invitations


def plan_reminders(*, event: Event, participants: list[Participant], by) -> list[Notice]:
    """Reminder rows for ``participants``, one per reminder day still ahead and not yet planned.

    Whether a reminder says "see you soon" or "will you come?" — or is not sent at all — is
    decided when it is due, on the participant's answer then.
    """
    if event.status in {EventStatus.CANCELLED, EventStatus.POSTPONED} or event.start is None:
        return []
    now = timezone.now()
    days = [d for d in settings.NOTICE_REMINDER_DAYS if event.start - dt.timedelta(days=d) > now]
    planned = set(
        Notice.objects.filter(
            event=event,
            participant__in=participants,
            kind__in=REMINDERS,
            state__in=PENDING,
        ).values_list("participant_id", "details__days")
    )
    return Notice.objects.bulk_create(
        notice_to(
            participant,
            NoticeKind.REMINDER,
            by=by,
            not_before=event.start - dt.timedelta(days=d),
            details={"days": d},
        )
        for participant in participants
        for d in days
        if (participant.pk, d) not in planned
    )


def snapshot(event: Event) -> dict:
    """The values an update watches, taken before a save (save_event)."""
    values = {name: getattr(event, name) for name in WATCHED}
    values["place"] = place_of(event)
    return values


def invited(event: Event):
    """Participants with an invitation recorded (not failed) who have not declined."""
    return (
        Participant.objects.filter(
            event=event, notices__kind=NoticeKind.INVITATION, notices__state__in=LIVE
        )
        .exclude(answer=Answer.DECLINED)
        .select_related("person")
        .distinct()
    )


def record_event_changes(*, event: Event, before: dict, by) -> list[Notice]:
    """After ``event`` was saved: tell the invited what changed; keep the reminders in step.

    - cancelled or postponed: a cancellation or postponement notice; pending reminders are
      not sent;
    - dates, venue or online link changed on an event still ahead: an update naming the
      changes; pending reminders move with the start (or are dropped when their time has
      passed) and reminders are planned again for an event postponed before.
    Call it inside save_event's transaction.
    """
    now = timezone.now()
    status = event.status
    if status != before["status"] and status in {EventStatus.CANCELLED, EventStatus.POSTPONED}:
        kind = (
            NoticeKind.CANCELLATION if status == EventStatus.CANCELLED else NoticeKind.POSTPONEMENT
        )
        _drop_reminders(event, STOPPED)
        details = span_details(before) if before["start"] else {}
        return _record_for(list(invited(event)), kind, by=by, details=details)
    if event.start is None:
        _drop_reminders(event, DATE_UNKNOWN)
        return []
    if status in {EventStatus.CANCELLED, EventStatus.HELD} or event.end <= now:
        return []
    changes = _changes(event, before)
    if not changes and before["status"] != EventStatus.POSTPONED:
        return []
    if event.start != before["start"]:
        _move_reminders(event, now)
    people = list(invited(event))
    plan_reminders(event=event, participants=people, by=by)
    if not changes:
        return []
    return _record_for(people, NoticeKind.UPDATE, by=by, details={"changes": changes})


SPAN = ("start", "end", "time_zone", "all_day", "open_end")
DATE_UNKNOWN = "The event's date is no longer known."


def span_details(values: dict) -> dict:
    """The dates as a notice must repeat them: ISO instants, and whether they are whole days
    or a start only (compose.when_text reads them back)."""
    return {
        "start": values["start"].isoformat(),
        "end": values["end"].isoformat(),
        "all_day": values["all_day"],
        "open_end": values["open_end"],
    }


def _changes(event: Event, before: dict) -> list[dict]:
    changes = []
    after = {name: getattr(event, name) for name in SPAN}
    if before["start"] is not None and after != {name: before[name] for name in SPAN}:
        changes.append(
            {"field": "dates", "before": span_details(before), "after": span_details(after)}
        )
    place = place_of(event)
    if place != before["place"]:
        changes.append({"field": "venue", "before": before["place"], "after": place})
    if event.online_url != before["online_url"]:
        changes.append(
            {"field": "online_link", "before": before["online_url"], "after": event.online_url}
        )
    return changes


def _record_for(people: list[Participant], kind: str, *, by, details: dict) -> list[Notice]:
    rows = Notice.objects.bulk_create(
        notice_to(participant, kind, by=by, details=details)
        for participant in people
        if participant.person.email.strip()
    )
    enqueue_on_commit(notice.pk for notice in rows)
    return rows


def _drop_reminders(event: Event, reason: str) -> None:
    Notice.objects.filter(event=event, kind__in=REMINDERS, state__in=PENDING).update(
        state=NoticeState.SKIPPED, last_error=reason
    )


def _move_reminders(event: Event, now: dt.datetime) -> None:
    pending = Notice.objects.filter(event=event, kind__in=REMINDERS, state__in=PENDING)
    for days in set(pending.values_list("details__days", flat=True)):
        due = event.start - dt.timedelta(days=days or 0)
        rows = pending.filter(details__days=days)
        if due > now:
            rows.update(not_before=due)
        else:
            rows.update(state=NoticeState.SKIPPED, last_error="The event moved closer than this.")


def record_thank_you(*, event: Event, by) -> list[Notice]:
    """After a held event's report is uploaded: a thank-you to those who took part, once.

    Those marked as attended; if no attendance was recorded, those who confirmed.
    """
    if event.end is None or event.end > timezone.now() or event.status == EventStatus.CANCELLED:
        return []
    people = Participant.objects.filter(event=event).select_related("person")
    if people.filter(attendance=Attendance.ATTENDED).exists():
        people = people.filter(attendance=Attendance.ATTENDED)
    else:
        people = people.filter(answer=Answer.CONFIRMED)
    people = people.exclude(notices__kind=NoticeKind.THANK_YOU)
    rows = Notice.objects.bulk_create(
        notice_to(participant, NoticeKind.THANK_YOU, by=by)
        for participant in people
        if participant.person.email.strip()
    )
    enqueue_on_commit(notice.pk for notice in rows)
    return rows


@transaction.atomic
def resend(notice: Notice, *, by) -> Notice:
    """A new row sending ``notice`` again (its own Message-ID); the first keeps its history.

    A participant's notice goes to the address and language the directory holds now: resending
    is how a corrected address gets the notice that failed.
    """
    if notice.participant_id:
        copy = notice_to(notice.participant, notice.kind, by=by, details=notice.details)
    else:
        copy = Notice(
            kind=notice.kind,
            event_id=notice.event_id,
            user_id=notice.user_id,
            recipient_name=notice.recipient_name,
            recipient_email=notice.recipient_email,
            language=notice.language,
            details=notice.details,
            recorded_by=by,
        )
    copy.about_type_id, copy.about_id = notice.about_type_id, notice.about_id
    copy.save()
    enqueue_on_commit([copy.pk])
    return copy
