"""Sending the notice rows: claimed once, sent on one SMTP connection a batch, each outcome kept.

How a row travels:

- It is written queued, in the transaction of its cause. After that transaction commits,
  :func:`enqueue` gives its id to a Celery task (``workshops.tasks.send_notices``). If the
  broker is down, nothing waits for it: the row stays queued and :func:`sweep` (Celery beat)
  hands it to a task later. Reminders are rows with a ``not_before`` time that only the sweep
  picks up.
- :func:`send` claims the due rows of its batch in one short transaction (``SELECT … FOR UPDATE
  SKIP LOCKED`` on PostgreSQL): state "sending" and the claim's time. A row claimed by one
  worker is not due for another, so it is sent once.
- Each message goes out on the batch's one SMTP connection and its row is marked sent (or
  retrying, or failed, with the reason) in its own commit before the next message leaves. A
  worker killed mid-batch therefore leaves at most one message sent but not marked: the one in
  flight. The sweep frees the claims of a dead worker after NOTICE_CLAIM_SECONDS and that
  message is sent a second time; every other row of the batch is sent once.
- Temporary failures (4xx replies, lost or refused connections, timeouts) are tried again after
  NOTICE_RETRY_SECONDS, doubling each time, and fail after NOTICE_MAX_ATTEMPTS tries;
  permanent ones (5xx replies) fail at once. A connection that fails (or a server that does
  not answer within EMAIL_TIMEOUT) gives the rest of the batch back at once, as one batch for
  the next try: a hung server costs a batch one EMAIL_TIMEOUT, not one a row.
"""

import datetime as dt
import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from ssrportal.celery import publish
from workshops.models import Answer, EventStatus, Notice, NoticeKind, NoticeState

from .compose import NoticeNotComposable, compose, load_notices, prepare

logger = logging.getLogger(__name__)

PENDING = [NoticeState.QUEUED, NoticeState.RETRYING]
# Why a reminder is not sent (kept in English in the row, translated where shown).
STOPPED = gettext_noop("The event is cancelled or postponed.")
REMINDERS = [NoticeKind.REMINDER, NoticeKind.REMINDER_UNANSWERED]


def due(now: dt.datetime):
    """Rows waiting to be sent whose time has come."""
    return Notice.objects.filter(state__in=PENDING).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )


# --- Handing rows to the workers ------------------------------------------------------------------


def enqueue(pks: Iterable[int]) -> bool:
    """Give ``pks`` to send tasks, NOTICE_BATCH_SIZE a task; False if the broker is unreachable.

    Never raises: a row not handed over stays queued in the database, and the sweep sends it.
    """
    from workshops.tasks import send_notices  # the task module imports this one

    pks = sorted(pks)
    if not pks:
        return True
    size = settings.NOTICE_BATCH_SIZE
    # Publishing must never hold the request: a broker that does not answer is given up at once.
    calls = [{"args": [pks[start : start + size]]} for start in range(0, len(pks), size)]
    if not publish(send_notices, calls):
        logger.warning("Notices %s… not handed to a worker; the sweep will send them", pks[:5])
        return False
    return True


def enqueue_on_commit(pks: Iterable[int]) -> None:
    """Hand ``pks`` to the workers once the current transaction has committed."""
    pks = list(pks)
    if pks:
        transaction.on_commit(lambda: enqueue(pks))


def sweep(now: dt.datetime | None = None) -> int:
    """Free lapsed claims and hand every due row to a task; how many rows were handed over.

    Rows recorded in the last NOTICE_SWEEP_GRACE_SECONDS are left to the task their cause
    already queued. Run by Celery beat every NOTICE_SWEEP_SECONDS.
    """
    now = now or timezone.now()
    freed = Notice.objects.filter(
        state=NoticeState.SENDING,
        claimed_at__lt=now - dt.timedelta(seconds=settings.NOTICE_CLAIM_SECONDS),
    ).update(state=NoticeState.QUEUED, claimed_at=None)
    if freed:
        logger.warning("Freed %d notices claimed by a worker that did not finish", freed)
    grace = now - dt.timedelta(seconds=settings.NOTICE_SWEEP_GRACE_SECONDS)
    pks = list(
        due(now)
        .filter(Q(not_before__isnull=False) | Q(created_at__lte=grace))
        .order_by("pk")
        .values_list("pk", flat=True)[: settings.NOTICE_SWEEP_LIMIT]
    )
    enqueue(pks)
    return len(pks)


# --- Sending --------------------------------------------------------------------------------------


@dataclass
class Outcome:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0


def claim(pks: Iterable[int], now: dt.datetime) -> list[int]:
    """Mark the due rows among ``pks`` as being sent by this worker; their ids."""
    with transaction.atomic():
        ids = list(
            due(now)
            .filter(pk__in=list(pks))
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Notice.objects.filter(pk__in=ids).update(state=NoticeState.SENDING, claimed_at=now)
    return ids


def send(pks: Iterable[int]) -> Outcome:
    """Send the rows ``pks`` that are due and not claimed by another worker, on one connection."""
    started = timezone.now()
    outcome = Outcome()
    ids = claim(pks, started)
    if not ids:
        return outcome
    _wait_for_disk(False)
    try:
        return _send_claimed(ids, started, outcome)
    finally:
        _wait_for_disk(True)


def _wait_for_disk(wait: bool) -> None:
    """Each sent row is committed before the next message leaves; a worker's death cannot undo
    a commit, and not waiting for PostgreSQL's disk flush on each keeps the batch fast. Only
    for the batch: the connection (a web process's, in-process) waits again afterwards."""
    if db_connection.vendor == "postgresql":
        with db_connection.cursor() as cursor:
            cursor.execute(f"SET synchronous_commit TO {'DEFAULT' if wait else 'OFF'}")


def _send_claimed(ids: list[int], started: dt.datetime, outcome: Outcome) -> Outcome:
    notices = load_notices(ids)
    notices = [n for n in notices if not _skipped_reminder(n, outcome)]
    batch = prepare(notices)
    # The claim must not lapse while this batch runs: stop well before, free the rest.
    stop_at = started + dt.timedelta(seconds=settings.NOTICE_CLAIM_SECONDS / 2)
    smtp, connected = get_connection(fail_silently=False), False
    try:
        for position, notice in enumerate(notices):
            if timezone.now() > stop_at:
                release([n.pk for n in notices[position:]])
                break
            try:
                message = compose(notice, batch)
            except NoticeNotComposable as error:
                _failed(notice, str(error), outcome)
                continue
            except Exception as error:  # a record no message can be made of fails alone
                logger.exception("Notice %s could not be composed", notice.pk)
                _failed(notice, f"Could not be composed: {type(error).__name__}: {error}", outcome)
                continue
            if not connected:
                try:
                    smtp.open()
                    connected = True
                except (smtplib.SMTPException, OSError) as error:
                    # No server to talk to: the rest of the batch waits for the next try.
                    _retry(notices[position:], f"{type(error).__name__}: {error}", outcome)
                    break
            try:
                smtp.send_messages([message])
            except smtplib.SMTPRecipientsRefused as error:
                code, reply = next(iter(error.recipients.values()))
                _refused(notice, code, reply, outcome)
            except smtplib.SMTPResponseException as error:
                _refused(notice, error.smtp_code, error.smtp_error, outcome)
            except (smtplib.SMTPException, OSError) as error:
                # Lost, refused or timed-out connection: this row and the rest of the batch are
                # given back together, at once. Connecting again for each would make every row
                # of the batch wait EMAIL_TIMEOUT on a server that accepts and never answers.
                _retry(notices[position:], f"{type(error).__name__}: {error}", outcome)
                break
            else:
                _sent(notice, outcome)
    finally:
        _close(smtp)
    return outcome


def _close(smtp) -> None:
    try:
        smtp.close()
    except Exception:  # closing a broken connection may fail again: it is gone either way
        logger.debug("Closing the SMTP connection failed", exc_info=True)


def release(pks: list[int]) -> None:
    """Give claimed rows back, unsent, for another task."""
    Notice.objects.filter(pk__in=pks, state=NoticeState.SENDING).update(
        state=NoticeState.QUEUED, claimed_at=None
    )


def _skipped_reminder(notice: Notice, outcome: Outcome) -> bool:
    """Resolve a reminder on its participant's answer now: skip it, or pick its wording."""
    if notice.kind not in REMINDERS or notice.participant is None:
        return False
    event, participant = notice.event, notice.participant
    reason = ""
    if event.status in {EventStatus.CANCELLED, EventStatus.POSTPONED}:
        reason = STOPPED
    elif event.start is None:
        reason = gettext_noop("The event's date is no longer known.")
    elif event.start <= timezone.now():
        reason = gettext_noop("The event has started.")
    elif participant.answer == Answer.DECLINED:
        reason = gettext_noop("The participant declined.")
    if reason:
        Notice.objects.filter(pk=notice.pk).update(
            state=NoticeState.SKIPPED, last_error=reason, claimed_at=None
        )
        outcome.skipped += 1
        return True
    kind = (
        NoticeKind.REMINDER
        if participant.answer == Answer.CONFIRMED
        else NoticeKind.REMINDER_UNANSWERED
    )
    if kind != notice.kind:
        notice.kind = kind
        Notice.objects.filter(pk=notice.pk).update(kind=kind)
    return False


def _sent(notice: Notice, outcome: Outcome) -> None:
    Notice.objects.filter(pk=notice.pk).update(
        state=NoticeState.SENT,
        attempts=F("attempts") + 1,
        sent_at=timezone.now(),
        last_error="",
        claimed_at=None,
    )
    outcome.sent += 1


def _failed(notice: Notice, reason: str, outcome: Outcome, *, attempted: bool = True) -> None:
    Notice.objects.filter(pk=notice.pk).update(
        state=NoticeState.FAILED,
        attempts=F("attempts") + int(attempted),
        last_error=reason,
        claimed_at=None,
    )
    outcome.failed += 1


def _retry(notices: list[Notice], reason: str, outcome: Outcome) -> None:
    """Try ``notices`` again after their backoff, or fail those out of attempts: one update
    and one task for the rows at the same number of attempts (a batch given back is one
    batch again, not a task a row)."""
    by_attempts = defaultdict(list)
    for notice in notices:
        by_attempts[notice.attempts + 1].append(notice.pk)
    for attempts, pks in sorted(by_attempts.items()):
        if attempts >= settings.NOTICE_MAX_ATTEMPTS:
            Notice.objects.filter(pk__in=pks).update(
                state=NoticeState.FAILED, attempts=attempts, last_error=reason, claimed_at=None
            )
            outcome.failed += len(pks)
            continue
        delay = settings.NOTICE_RETRY_SECONDS * 2 ** (attempts - 1)
        Notice.objects.filter(pk__in=pks).update(
            state=NoticeState.RETRYING,
            attempts=attempts,
            last_error=reason,
            not_before=timezone.now() + dt.timedelta(seconds=delay),
            claimed_at=None,
        )
        outcome.retrying += len(pks)
        _retry_soon(pks, delay)


def _refused(notice: Notice, code: int, reply, outcome: Outcome) -> None:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    reason = f"{code} {reply}".strip()
    if 400 <= code < 500:
        _retry([notice], reason, outcome)
    else:
        _failed(notice, reason, outcome)


def _retry_soon(pks: list[int], delay: float) -> None:
    """Ask a worker to try again when the backoff ends; the sweep does it if this is lost."""
    from workshops.tasks import send_notices

    if send_notices.app.conf.task_always_eager:
        return  # in-process: the sweep tries again
    try:
        send_notices.apply_async(args=[pks], countdown=delay, retry=False)
    except Exception:
        logger.warning("Could not schedule the retry of notices %s…; the sweep will", pks[:5])
