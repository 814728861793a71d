"""Notices through the real parts: Celery workers started as processes, this machine's Redis (and
one of the test's own, stopped on purpose), PostgreSQL, and an SMTP server (aiosmtpd).

Each test commits its rows (transactional database) so the workers see them, and waits for
what the SMTP server receives.
"""

import time
from email.message import EmailMessage

import icalendar
import pytest
from django.db import transaction
from django.utils.timezone import now

from tests import factories
from tests.workshops.test_event_form import form_data
from workshops.models import Notice, NoticeKind, NoticeState, NoticeTemplate
from workshops.notices import recording

from .conftest import upcoming_event, wait_for

pytestmark = [pytest.mark.workers, pytest.mark.django_db(transaction=True)]


def participants(event, count: int, *, language: str = "en", **person_fields):
    return [
        factories.ParticipantFactory(
            event=event,
            person=factories.PersonFactory(**person_fields),
            notice_language=language,
        )
        for _ in range(count)
    ]


def invite(event, people) -> list[Notice]:
    """As the secretariat does: rows committed, then handed to the workers."""
    with transaction.atomic():
        return recording.record_invitations(event=event, participants=people, by=None)


def states(rows) -> set:
    return set(Notice.objects.filter(pk__in=[r.pk for r in rows]).values_list("state", flat=True))


def body(message: EmailMessage, subtype: str) -> str:
    return message.get_body(preferencelist=(subtype,)).get_content()


def test_invitations_arrive_in_each_language_with_a_calendar_file(smtp_server, workers):
    workers(smtp_server.port)
    event = upcoming_event()
    factories.EventObjectiveFactory(event=event, position=1, text="Valider la feuille de route")
    english = participants(event, 1, language="en", full_name="John Okello", title="Mr.")
    french = participants(event, 1, language="fr", full_name="Aminata Traoré", title="Mme")

    rows = invite(event, english + french)

    wait_for(lambda: len(smtp_server.messages) == 2, timeout=30, what="two invitations")
    received = {m["To"].addresses[0].addr_spec: m for m in smtp_server.messages}
    for participant, greeting, answer in [
        (english[0], "Dear Mr. John Okello", "Please confirm or decline"),
        (french[0], "Mme Aminata Traoré", "/workshops/answer/"),
    ]:
        message = received[participant.person.email]
        row = Notice.objects.get(participant=participant, kind=NoticeKind.INVITATION)
        assert message["Message-ID"] == row.message_id
        assert message["Content-Language"] == participant.notice_language
        text = body(message, "plain")
        assert greeting in text and answer in text
        assert "a) Valider la feuille de route" in text
        assert "Bamako (UTC+0)" in text
        assert participant.person.full_name in body(message, "html")
        (attachment,) = list(message.iter_attachments())
        assert attachment.get_content_type() == "text/calendar"
        vevent = icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
        assert str(vevent["SUMMARY"]) == event.title
        assert vevent.decoded("DTSTART") == event.start
        assert str(vevent["LOCATION"]) == "Hôtel de l'Amitié, Bamako, Mali"
    assert received[english[0].person.email]["Subject"].strip() == f"Invitation: {event.title}"
    assert received[french[0].person.email]["Subject"].strip() == f"Invitation\u00a0: {event.title}"
    wait_for(lambda: states(rows) == {NoticeState.SENT}, timeout=10, what="rows marked sent")


def test_a_server_that_defers_three_times_gets_each_notice_once(smtp_server, workers):
    smtp_server.defer = 3
    workers(smtp_server.port, max_attempts=5)
    event = upcoming_event(days=0.5)  # no reminders: they would be past
    rows = invite(event, participants(event, 4))

    wait_for(lambda: states(rows) == {NoticeState.SENT}, timeout=60, what="four deliveries")

    assert sorted(smtp_server.message_ids().values()) == [1, 1, 1, 1]
    assert set(smtp_server.tries.values()) == {4}  # three 451s, then accepted
    assert {
        (r.attempts, r.last_error) for r in Notice.objects.filter(pk__in=[r.pk for r in rows])
    } == {(4, "")}


def test_a_refused_address_fails_that_notice_and_the_rest_arrive(smtp_server, workers):
    event = upcoming_event(days=0.5)
    people = participants(event, 5)
    refused = people[2].person.email
    smtp_server.refuse = {refused}
    workers(smtp_server.port)

    rows = invite(event, people)

    wait_for(
        lambda: not states(rows) & {NoticeState.QUEUED, NoticeState.SENDING},
        timeout=30,
        what="the batch to be sent",
    )
    failed = Notice.objects.get(recipient_email=refused)
    assert failed.state == NoticeState.FAILED
    assert failed.last_error == "550 5.1.1 No such mailbox here"
    assert failed.attempts == 1
    delivered = {m["To"].addresses[0].addr_spec for m in smtp_server.messages}
    assert delivered == {p.person.email for p in people} - {refused}


def test_a_worker_killed_mid_batch_leaves_at_most_one_notice_sent_twice(smtp_server, workers):
    smtp_server.pause = 0.02  # about 5 s for the batch: time to kill the worker in the middle
    first = workers(smtp_server.port, concurrency=1, batch_size=200)
    event = upcoming_event(days=0.5)
    rows = invite(event, participants(event, 200))
    wait_for(lambda: len(smtp_server.messages) >= 60, timeout=60, what="60 deliveries")

    first.kill()

    delivered_before = len(smtp_server.messages)
    assert delivered_before < 200
    left = Notice.objects.filter(pk__in=[r.pk for r in rows], state=NoticeState.SENDING)
    assert left.exists()  # claimed by the dead worker
    smtp_server.pause = 0
    workers(smtp_server.port, concurrency=1, beat=True, claim_seconds=2)
    wait_for(lambda: states(rows) == {NoticeState.SENT}, timeout=90, what="every row sent")

    counts = smtp_server.message_ids()
    assert set(counts) == {r.message_id for r in rows}
    assert sum(count - 1 for count in counts.values()) <= 1


def test_an_event_saved_while_redis_is_down_sends_its_update_once_redis_is_back(
    smtp_server, workers, own_redis, client, secretariat_user
):
    from ssrportal.celery import app

    app.conf.broker_url = own_redis.url  # the portal publishes to the Redis this test stops
    running = [workers(smtp_server.port, beat=True, broker=own_redis.url)]
    event = upcoming_event()
    rows = invite(event, participants(event, 3))
    wait_for(lambda: len(smtp_server.messages) == 3, timeout=30, what="the invitations")
    client.force_login(secretariat_user)
    data = form_data(client.get(f"/workshops/{event.pk}/edit/"))
    data["venue"] = "Centre international de conférences de Bamako"

    own_redis.stop()
    started = time.monotonic()
    response = client.post(f"/workshops/{event.pk}/edit/", data)
    elapsed = time.monotonic() - started

    assert response.status_code == 302
    assert elapsed < 2, f"the save took {elapsed:.1f} s with Redis down"
    updates = Notice.objects.filter(event=event, kind=NoticeKind.UPDATE)
    assert updates.count() == 3
    assert states(updates) == {NoticeState.QUEUED}
    time.sleep(1)
    assert len(smtp_server.messages) == 3  # nothing leaves while Redis is down

    own_redis.start()

    def sent():
        # kombu 5.7 may break a worker that loses Redis while acknowledging a task ("Unrecoverable
        # error"): as its supervisor does (README), a broken worker is replaced.
        if running[-1].broken():
            running[-1].kill()
            running.append(workers(smtp_server.port, beat=True, broker=own_redis.url))
        return states(updates) == {NoticeState.SENT}

    wait_for(sent, timeout=90, what="the updates")
    changed = [m for m in smtp_server.messages if m["Subject"].strip().startswith("Changed:")]
    assert len(changed) == 3
    assert "Venue: now Centre international de conférences de Bamako" in body(changed[0], "plain")
    assert states(rows) == {NoticeState.SENT}


# --- Nothing stalls the notices (issue 13, points 2 and 3) ----------------------------------------


def test_a_hostile_wording_fails_its_notices_quickly_and_the_next_batch_arrives(
    smtp_server, workers
):
    NoticeTemplate.objects.create(  # saved before the editor refused it
        kind=NoticeKind.INVITATION,
        language="en",
        subject="Invitation",
        body='{{ name|ljust:"100000000" }}',
    )
    workers(smtp_server.port)
    event = upcoming_event(days=0.5)
    english, french = participants(event, 3), participants(event, 3, language="fr")
    started = time.monotonic()

    rows = invite(event, english + french)

    wait_for(
        lambda: states(rows) == {NoticeState.FAILED, NoticeState.SENT},
        timeout=30,
        what="the batch to be sent or failed",
    )
    assert time.monotonic() - started < 15
    failed = Notice.objects.filter(pk__in=[r.pk for r in rows], state=NoticeState.FAILED)
    assert {(n.language, n.last_error.split(":")[0]) for n in failed} == {
        ("en", "The filter “ljust” cannot be used in a wording")
    }
    assert failed.count() == 3
    assert len(smtp_server.messages) == 3
    later = invite(event, participants(event, 2, language="fr"))
    wait_for(lambda: len(smtp_server.messages) == 5, timeout=30, what="the next batch")
    assert states(later) == {NoticeState.SENT}


def given_back(rows, attempts: int) -> bool:
    """Every row waiting for a later try after ``attempts`` tries, none failed or lost."""
    found = Notice.objects.filter(pk__in=[r.pk for r in rows]).values_list("state", "attempts")
    return set(found) == {(NoticeState.RETRYING, attempts)}


def test_a_server_that_greets_then_hangs_gives_the_batch_back_at_once(
    hung_smtp_server, smtp_server, workers
):
    hung = hung_smtp_server(greet=True)
    first = workers(hung.port, email_timeout=1, retry_seconds=8)
    event = upcoming_event(days=0.5)
    started = time.monotonic()

    rows = invite(event, participants(event, 20))

    wait_for(lambda: given_back(rows, 1), timeout=40, what="the batch given back")
    assert time.monotonic() - started < 6  # one EMAIL_TIMEOUT, not one a row
    assert len(hung.connections) == 1
    assert Notice.objects.filter(pk__in=[r.pk for r in rows], not_before__gt=now()).count() == 20
    assert not smtp_server.messages
    first.stop()
    workers(smtp_server.port, beat=True)  # the server works again
    wait_for(lambda: states(rows) == {NoticeState.SENT}, timeout=60, what="every row sent")
    assert sorted(smtp_server.message_ids().values()) == [1] * 20


def test_tries_again_a_server_that_never_answers_a_batch_at_a_time(
    hung_smtp_server, smtp_server, workers
):
    hung = hung_smtp_server()
    first = workers(hung.port, email_timeout=1, retry_seconds=0.5, max_attempts=10)
    event = upcoming_event(days=0.5)
    started = time.monotonic()

    rows = invite(event, participants(event, 20))

    wait_for(lambda: given_back(rows, 3), timeout=60, what="three tries of the batch")
    assert time.monotonic() - started < 12  # three EMAIL_TIMEOUTs and backoffs, not 60
    assert len(hung.connections) == 3  # one a try of the batch, not one a row
    first.stop()
    workers(smtp_server.port, beat=True)
    wait_for(lambda: states(rows) == {NoticeState.SENT}, timeout=60, what="every row sent")
    assert sorted(smtp_server.message_ids().values()) == [1] * 20
    assert set(
        Notice.objects.filter(pk__in=[r.pk for r in rows]).values_list("attempts", flat=True)
    ) == {4}
