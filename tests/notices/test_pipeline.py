"""Notices recorded by their causes and sent in-process (the embedded default), to Django's
test mailbox. The real worker, Redis and SMTP server are in test_workers.py."""

import datetime as dt
import email
import io

import icalendar
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from tests import factories
from workshops.models import Answer, EventStatus, Notice, NoticeKind, NoticeState, NoticeTemplate
from workshops.notices import compose, recording, sending, wording
from workshops.services import add_document, save_event

from .conftest import upcoming_event

pytestmark = pytest.mark.django_db


def invite(event, *people, by=None):
    participants = [
        factories.ParticipantFactory(event=event, person=person, notice_language=language)
        for person, language in people
    ]
    with_reminders = recording.record_invitations(event=event, participants=participants, by=by)
    return participants, with_reminders


def send_all():
    return sending.send(Notice.objects.values_list("pk", flat=True))


def test_invitation_in_each_participants_language_with_ics_and_answer_link():
    event = upcoming_event()
    factories.EventObjectiveFactory(event=event, position=1, text="Valider la feuille de route")
    aminata = factories.PersonFactory(full_name="Aminata Traoré", title="Mme")
    john = factories.PersonFactory(full_name="John Okello", title="Mr.", time_zone="Africa/Nairobi")
    invite(event, (aminata, "fr"), (john, "en"))

    outcome = send_all()

    assert outcome.sent == 2
    by_address = {m.to[0].rsplit("<", 1)[-1].rstrip(">"): m for m in mail.outbox}
    english = by_address[john.email]
    assert english.subject == f"Invitation: {event.title}"
    assert "Dear Mr. John Okello" in english.body
    assert "Nairobi (UTC+3)" in english.body  # his time zone first
    assert "at the venue:" in english.body and "Bamako (UTC+0)" in english.body
    assert "a) Valider la feuille de route" in english.body
    assert "/workshops/answer/" in english.body
    html = english.alternatives[0].content
    assert "Confirm or decline" in html
    assert "Hôtel de l&#x27;Amitié" in html  # the record's text, escaped
    name, content, mimetype = english.attachments[0]
    assert (name, mimetype) == ("event.ics", "text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == event.title
    assert vevent.decoded("DTSTART") == event.start
    row = Notice.objects.get(recipient_email=john.email, kind=NoticeKind.INVITATION)
    assert english.extra_headers["Message-ID"] == row.message_id
    assert row.state == NoticeState.SENT and row.attempts == 1 and row.sent_at
    french = by_address[aminata.email]
    assert french.extra_headers["Content-Language"] == "fr"
    assert "Mme Aminata Traoré" in french.body


def test_invitation_plans_reminders_7_and_1_days_before():
    event = upcoming_event()
    invite(event, (factories.PersonFactory(), "en"))

    reminders = Notice.objects.filter(kind=NoticeKind.REMINDER).order_by("not_before")

    assert [(r.details["days"], r.not_before) for r in reminders] == [
        (7, event.start - dt.timedelta(days=7)),
        (1, event.start - dt.timedelta(days=1)),
    ]
    send_all()
    assert len(mail.outbox) == 1  # reminders are not due yet
    assert reminders.filter(state=NoticeState.QUEUED).count() == 2


def test_due_reminders_follow_each_answer():
    event = upcoming_event(start=timezone.now() + dt.timedelta(days=3))  # the 1-day reminder
    event.end = event.start + dt.timedelta(hours=8)
    event.save()
    people = [factories.PersonFactory() for _ in range(3)]
    participants, _ = invite(event, *[(person, "en") for person in people])
    participants[0].answer = Answer.CONFIRMED
    participants[1].answer = Answer.DECLINED
    for participant in participants[:2]:
        participant.save()
    Notice.objects.filter(kind=NoticeKind.INVITATION).update(state=NoticeState.SENT)
    recording.plan_reminders(event=event, participants=participants, by=None)  # nothing new
    Notice.objects.filter(kind=NoticeKind.REMINDER).update(not_before=timezone.now())

    outcome = send_all()

    assert (outcome.sent, outcome.skipped) == (2, 1)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects[0].startswith("Reminder:")
    assert subjects[1].startswith("Will you take part?")
    declined = Notice.objects.get(participant=participants[1], kind=NoticeKind.REMINDER)
    assert declined.state == NoticeState.SKIPPED and "declined" in declined.last_error


def event_values(event, **changes):
    fields = ["start", "end", "time_zone", "venue", "city", "country", "online_url", "status"]
    return {**{name: getattr(event, name) for name in fields}, **changes}


def save(event, **changes):
    save_event(
        event=event,
        values=event_values(event, **changes),
        objectives=[],
        expected_results=[],
        organisers=[],
        contacts=[],
        translations=[],
        by=None,
    )


def test_new_dates_send_an_update_naming_them_and_move_the_reminders(
    django_capture_on_commit_callbacks,
):
    event = upcoming_event()
    invite(event, (factories.PersonFactory(), "en"))
    send_all()
    mail.outbox.clear()
    new_start = event.start + dt.timedelta(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        save(event, start=new_start, end=new_start + dt.timedelta(hours=8), venue="CICB")

    update = Notice.objects.get(kind=NoticeKind.UPDATE)
    assert update.state == NoticeState.SENT
    (message,) = mail.outbox
    assert message.subject.startswith("Changed:")
    assert "Dates: now" in message.body and "Venue: now CICB, Bamako, Mali" in message.body
    assert "(was Hôtel de l'Amitié, Bamako, Mali)" in message.body
    reminders = Notice.objects.filter(kind=NoticeKind.REMINDER)
    assert {r.not_before for r in reminders} == {
        new_start - dt.timedelta(days=7),
        new_start - dt.timedelta(days=1),
    }


def test_an_unrelated_change_sends_nothing(django_capture_on_commit_callbacks):
    event = upcoming_event()
    invite(event, (factories.PersonFactory(), "en"))
    with django_capture_on_commit_callbacks(execute=True):
        save(event)
    assert not Notice.objects.filter(kind=NoticeKind.UPDATE).exists()


@pytest.mark.parametrize(
    ("status", "kind", "subject"),
    [
        (EventStatus.CANCELLED, NoticeKind.CANCELLATION, "Cancelled:"),
        (EventStatus.POSTPONED, NoticeKind.POSTPONEMENT, "Postponed:"),
    ],
)
def test_cancelled_or_postponed_event_tells_the_invited_and_drops_reminders(
    status, kind, subject, django_capture_on_commit_callbacks
):
    event = upcoming_event()
    participants, _ = invite(
        event, (factories.PersonFactory(), "en"), (factories.PersonFactory(), "en")
    )
    participants[1].answer = Answer.DECLINED
    participants[1].save()
    send_all()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        save(event, status=status)

    (message,) = mail.outbox  # not to the one who declined
    assert message.subject.startswith(subject)
    assert Notice.objects.get(kind=kind).participant == participants[0]
    assert set(Notice.objects.filter(kind=NoticeKind.REMINDER).values_list("state", flat=True)) == {
        NoticeState.SKIPPED
    }


def test_report_of_a_held_event_sends_one_thank_you_with_the_report(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    start = timezone.now() - dt.timedelta(days=3)
    event = upcoming_event(start=start, end=start + dt.timedelta(hours=8), status="held")
    participants, _ = invite(
        event, (factories.PersonFactory(), "en"), (factories.PersonFactory(), "en")
    )
    participants[0].attendance = "attended"
    participants[0].save()
    Notice.objects.update(state=NoticeState.SENT)
    mail.outbox.clear()
    for _ in range(2):  # a second report does not thank anyone twice
        with django_capture_on_commit_callbacks(execute=True):
            add_document(
                event=event,
                kind="report",
                title="Report",
                language="en",
                file=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n"),
                by=None,
            )

    (message,) = mail.outbox
    assert message.subject.startswith("Thank you for taking part")
    assert "The report of the meeting is attached." in message.body
    assert message.attachments[0][0] == "report.pdf"


def test_secretariat_wording_replaces_the_portals():
    event = upcoming_event()
    NoticeTemplate.objects.create(
        kind=NoticeKind.INVITATION,
        language="en",
        subject="Save the date: {{ event }}",
        body="Hello {{ name }}, answer here: {{ answer_link }}",
    )
    invite(event, (factories.PersonFactory(full_name="Ama Mensah", title=""), "en"))
    send_all()
    (message,) = mail.outbox
    assert message.subject == f"Save the date: {event.title}"
    assert message.body.startswith("Hello Ama Mensah, answer here: http")


def test_a_wording_that_fails_fails_its_notice_with_the_reason():
    event = upcoming_event()
    NoticeTemplate.objects.create(
        kind=NoticeKind.INVITATION, language="en", subject="Hi", body="{% include 'x.html' %}"
    )
    invite(event, (factories.PersonFactory(), "en"))
    send_all()
    row = Notice.objects.get(kind=NoticeKind.INVITATION)
    assert not mail.outbox
    assert row.state == NoticeState.FAILED
    assert row.last_error.startswith("The tag “include” cannot be used in a wording")


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("Dear {{ nmae }}", "“nmae” is not a placeholder"),
        ("{% if %}", "Unexpected end of expression"),
        ("{% load i18n %}", "The tag “load” cannot be used in a wording"),
        ("{% include 'base.html' %}", "The tag “include” cannot be used in a wording"),
    ],
)
def test_broken_wording_is_refused(source, error):
    with pytest.raises(wording.WordingError, match=error):
        wording.check(NoticeKind.INVITATION, source)


def test_every_default_wording_passes_its_own_check():
    for kind in NoticeKind:
        for language in ("en", "fr"):
            chosen = wording.default_wording(kind, language)
            wording.check(kind, chosen.subject)
            wording.check(kind, chosen.body)


def test_a_claimed_row_is_not_sent_by_another_worker():
    event = upcoming_event()
    invite(event, (factories.PersonFactory(), "en"))
    row = Notice.objects.get(kind=NoticeKind.INVITATION)
    assert sending.claim([row.pk], timezone.now()) == [row.pk]

    assert send_all().sent == 0
    assert not mail.outbox


def test_sweep_frees_lapsed_claims_and_sends_what_was_left(settings):
    settings.NOTICE_CLAIM_SECONDS = 60
    event = upcoming_event()
    invite(event, (factories.PersonFactory(), "en"))
    row = Notice.objects.get(kind=NoticeKind.INVITATION)
    sending.claim([row.pk], timezone.now() - dt.timedelta(minutes=5))

    sending.sweep(now=timezone.now() + dt.timedelta(minutes=1))

    row.refresh_from_db()
    assert row.state == NoticeState.SENT
    assert len(mail.outbox) == 1


def test_resend_is_a_new_row_to_the_corrected_address():
    event = upcoming_event()
    participants, _ = invite(event, (factories.PersonFactory(email="typo@exmaple.org"), "en"))
    first = Notice.objects.get(kind=NoticeKind.INVITATION)
    first.state = NoticeState.FAILED
    first.save()
    person = participants[0].person
    person.email = "right@example.org"
    person.save()

    copy = recording.resend(first, by=None)

    assert copy.pk != first.pk and copy.message_id != first.message_id
    assert copy.recipient_email == "right@example.org"
    assert sending.send([copy.pk]).sent == 1
    (message,) = mail.outbox
    assert "right@example.org" in message.to[0]
    parsed = email.message_from_bytes(message.message().as_bytes())
    assert parsed["Message-ID"] == copy.message_id


def test_invitation_attaches_the_latest_agenda():
    event = upcoming_event()
    factories.DocumentFactory(event=event, kind="agenda", title="Draft agenda")
    factories.DocumentFactory(
        event=event,
        kind="agenda",
        title="Final agenda",
        file=SimpleUploadedFile("agenda-final.pdf", b"%PDF-1.4\nfinal"),
    )
    invite(event, (factories.PersonFactory(), "en"))
    send_all()
    (message,) = mail.outbox
    assert "The agenda is attached." in message.body
    assert [(name, content) for name, content, _ in message.attachments[1:]] == [
        ("agenda-final.pdf", b"%PDF-1.4\nfinal")
    ]


def test_send_notices_command_sends_the_reminders_that_are_due():
    event = upcoming_event()
    invite(event, (factories.PersonFactory(), "en"))
    Notice.objects.filter(kind=NoticeKind.INVITATION).update(state=NoticeState.SENT)
    Notice.objects.filter(kind=NoticeKind.REMINDER, details__days=7).update(
        not_before=timezone.now() - dt.timedelta(minutes=1)
    )

    call_command("send_notices")

    (message,) = mail.outbox
    assert message.subject.startswith("Will you take part?")  # not answered yet
    assert Notice.objects.filter(kind=NoticeKind.REMINDER_UNANSWERED, state="sent").count() == 1
    assert Notice.objects.filter(kind=NoticeKind.REMINDER, state="queued").count() == 1


def test_html_version_escapes_the_text_and_links_the_addresses():
    html = compose.html_of('Venue: "Hôtel" <b>\nJoin: https://meet.example.org/a?b=1&c=2.')

    assert html == (
        "<p>Venue: &quot;Hôtel&quot; &lt;b&gt;<br>Join: "
        '<a href="https://meet.example.org/a?b=1&amp;c=2">https://meet.example.org/a?b=1&amp;c=2</a>'
        ".</p>"
    )


def test_french_subject_keeps_its_no_break_space():
    event = upcoming_event()
    invite(event, (factories.PersonFactory(), "fr"))
    send_all()
    (message,) = mail.outbox
    assert message.subject == f"Invitation\u00a0: {event.title}"


def test_send_notices_command_with_nothing_due_says_so_when_asked():
    out = io.StringIO()
    call_command("send_notices", verbosity=2, stdout=out)
    assert out.getvalue() == "0 notices due, handed to the sender.\n"


def test_the_connection_waits_for_the_disk_again_after_a_batch(on_postgresql):
    from django.db import connection

    invite(upcoming_event(), (factories.PersonFactory(), "en"))
    send_all()

    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("on",)
