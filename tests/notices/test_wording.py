"""What a wording may do (issue 13, point 2): the tags and filters it may use, how long it may
be and render to, refused by name when saved and again when sent, and composing in time linear
in the message, whatever the wording or the record."""

import datetime as dt
import time

import pytest
from django.core import mail
from django.utils import timezone

from tests import factories
from workshops.models import Notice, NoticeKind, NoticeState, NoticeTemplate
from workshops.notices import compose, recording, sending, wording

from .conftest import upcoming_event

pytestmark = pytest.mark.django_db

HOSTILE = '{{ name|ljust:"100000000" }}'
LJUST_REFUSED = (
    "The filter “ljust” cannot be used in a wording: the filters it may use are capfirst, "
    "default, lower, title, upper."
)


# --- Saving -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "refused"),
    [
        (HOSTILE, LJUST_REFUSED),
        ("{% if name|center:'99999999' %}x{% endif %}", "The filter “center” cannot be used"),
        ("{{ name|default:'a'|rjust:\"9\" }}", "The filter “rjust” cannot be used"),
        ("{{ name|wordwrap:1 }}", "The filter “wordwrap” cannot be used"),
        (
            "{% for a in name %}{% for b in name %}x{% endfor %}{% endfor %}",
            "The tag “for” cannot be used in a wording: the tags it may use are if, elif, "
            "else, endif.",
        ),
        ("{% widthratio 1 1 100000000 %}", "The tag “widthratio” cannot be used"),
        ("{% lorem 100000 w %}", "The tag “lorem” cannot be used"),
        ("{% with n=name %}{{ n }}{% endwith %}", "The tag “with” cannot be used"),
    ],
)
def test_a_tag_or_filter_off_the_list_is_refused_by_name(source, refused):
    with pytest.raises(wording.WordingError) as error:
        wording.check(NoticeKind.INVITATION, source)

    assert str(error.value).startswith(refused)


def test_the_listed_tags_and_filters_are_accepted_and_render():
    source = (
        "{% if online_link %}{{ online_link }}{% elif where|lower == 'online' %}online"
        "{% else %}{{ where|upper }}{% endif %} {{ name|default:'colleague'|title }} "
        '{{ event|capfirst }} {{ summary|default:"a | b" }}'
    )
    wording.check(NoticeKind.INVITATION, source)

    text = wording.render(
        source,
        {"online_link": "", "where": "Bamako", "name": "", "event": "atelier", "summary": ""},
    )

    assert text == "BAMAKO Colleague Atelier a | b"


def test_a_wording_longer_than_10000_characters_is_refused():
    with pytest.raises(wording.WordingError, match="at most 10,000 characters long"):
        wording.check(NoticeKind.INVITATION, "{{ name }} " * 1000)


def test_hundreds_of_nested_ifs_are_refused_quickly():
    started = time.monotonic()

    with pytest.raises(wording.WordingError, match="RecursionError"):
        wording.check(NoticeKind.INVITATION, "{%if name%}" * 450 + "{%endif%}" * 450)

    assert time.monotonic() - started < 5


def wording_post(client, body):
    return client.post(
        "/workshops/notices/wordings/invitation/en/",
        {"subject": "Invitation: {{ event }}", "body": body, "action": "save"},
    )


def test_the_editor_refuses_a_hostile_filter_next_to_the_body_and_saves_nothing(
    client, secretariat_user
):
    client.force_login(secretariat_user)
    started = time.monotonic()

    response = wording_post(client, f"Dear {HOSTILE},")

    assert time.monotonic() - started < 5
    assert response.status_code == 200
    page = response.content.decode()
    field = page[page.index('id="div_id_body"') :]
    assert LJUST_REFUSED in field[: field.index("</textarea>") + 600]
    assert not NoticeTemplate.objects.exists()


def test_the_editor_says_what_a_wording_may_use(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get("/workshops/notices/wordings/invitation/en/")

    assert (
        "Besides the placeholders, a wording may use the tags if, elif, else, endif and the "
        "filters capfirst, default, lower, title, upper, in at most 10,000 characters."
    ) in response.content.decode()


# --- Sending ------------------------------------------------------------------------------------


def invite(event, *languages):
    participants = [
        factories.ParticipantFactory(event=event, notice_language=language)
        for language in languages
    ]
    return recording.record_invitations(event=event, participants=participants, by=None)


def test_a_hostile_wording_saved_before_the_rules_fails_its_notices_alone_and_quickly():
    event = upcoming_event()
    NoticeTemplate.objects.create(  # as it was saved before the editor refused it
        kind=NoticeKind.INVITATION, language="en", subject="Invitation", body=HOSTILE
    )
    invitations = invite(event, "en", "en", "fr")
    participant = invitations[0].participant
    cancellation = recording.notice_to(participant, NoticeKind.CANCELLATION)
    cancellation.save()
    started = time.monotonic()

    outcome = sending.send(Notice.objects.filter(not_before=None).values_list("pk", flat=True))

    assert time.monotonic() - started < 5
    assert (outcome.sent, outcome.failed) == (2, 2)
    failed = Notice.objects.filter(state=NoticeState.FAILED)
    assert {(n.kind, n.language, n.last_error) for n in failed} == {
        (NoticeKind.INVITATION, "en", LJUST_REFUSED)
    }
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == ["Cancelled", "Invitation\xa0"]


def test_the_next_batch_is_sent_after_a_hostile_wording_failed_its_rows():
    event = upcoming_event()
    NoticeTemplate.objects.create(
        kind=NoticeKind.INVITATION, language="en", subject="Invitation", body=HOSTILE
    )
    sending.send([n.pk for n in invite(event, "en", "en")])
    NoticeTemplate.objects.all().delete()  # the secretariat writes it again, or resets it

    outcome = sending.send([n.pk for n in invite(event, "en")])

    assert outcome.sent == 1
    (message,) = mail.outbox
    assert message.subject == f"Invitation: {event.title}"


def test_a_wording_that_renders_past_100000_characters_fails_with_the_reason_in_english():
    event = upcoming_event(summary="Valider la feuille de route. " * 2100)  # 60,900 characters
    NoticeTemplate.objects.create(
        kind=NoticeKind.INVITATION,
        language="fr",
        subject="Invitation",
        body="{{ summary }}\n\n{{ summary }}",
    )
    rows = invite(event, "fr", "en")

    outcome = sending.send([n.pk for n in rows])

    assert (outcome.sent, outcome.failed) == (1, 1)  # the portal's English wording has it once
    row = Notice.objects.get(state=NoticeState.FAILED)
    assert row.language == "fr"
    assert row.last_error == "The wording renders to more than 100,000 characters."
    (message,) = mail.outbox
    assert message.extra_headers["Content-Language"] == "en"


def test_a_subject_that_renders_past_1000_characters_fails_with_the_reason():
    event = upcoming_event(summary="Valider la feuille de route. " * 40)
    NoticeTemplate.objects.create(
        kind=NoticeKind.INVITATION, language="en", subject="{{ summary }}", body="{{ name }}"
    )

    sending.send([n.pk for n in invite(event, "en")])

    row = Notice.objects.get(kind=NoticeKind.INVITATION)
    assert row.state == NoticeState.FAILED
    assert row.last_error == "The wording renders to more than 1,000 characters."
    assert not mail.outbox


def test_the_preview_of_a_hostile_saved_wording_says_why_at_once(client, secretariat_user):
    event = upcoming_event()
    participant = factories.ParticipantFactory(event=event, notice_language="en")
    NoticeTemplate.objects.create(
        kind=NoticeKind.INVITATION, language="en", subject="Invitation", body=HOSTILE
    )
    client.force_login(secretariat_user)
    started = time.monotonic()

    response = client.get(
        f"/workshops/{event.pk}/notices/preview/",
        {"kind": "invitation", "participant": participant.pk},
    )

    assert time.monotonic() - started < 5
    assert response.status_code == 200
    assert LJUST_REFUSED in response.content.decode()


# --- Composing is linear ------------------------------------------------------------------------

MEGABYTE = 1_000_000


def test_a_megabyte_of_text_becomes_html_quickly_with_its_link():
    text = (
        " \t" * (MEGABYTE // 4)
        + "\n" * (MEGABYTE // 8)
        + "&<>\"' https:/ http:" * (MEGABYTE // 40)
        + "\nJoin: https://meet.example.org/a?b=1&c=2."
    )
    assert len(text) > MEGABYTE
    started = time.monotonic()

    html = compose.html_of(text)

    assert time.monotonic() - started < 5
    assert html.endswith(
        '<br>Join: <a href="https://meet.example.org/a?b=1&amp;c=2">'
        "https://meet.example.org/a?b=1&amp;c=2</a>.</p>"
    )


def test_an_address_stops_at_an_escaped_quote_or_bracket_and_keeps_its_ampersands():
    html = compose.html_of(
        "<https://a.example/x?y=1&z=2> 'https://b.example/' \"https://c.example\""
    )

    assert html == (
        '<p>&lt;<a href="https://a.example/x?y=1&amp;z=2">https://a.example/x?y=1&amp;z=2</a>&gt; '
        '&#x27;<a href="https://b.example/">https://b.example/</a>&#x27; '
        '&quot;<a href="https://c.example">https://c.example</a>&quot;</p>'
    )


def test_a_megabyte_of_spaces_becomes_a_one_line_subject_quickly():
    subject = "Invitation " + " \t" * (MEGABYTE // 2) + "x\r\n \n\t to Bamako" + " " * MEGABYTE
    started = time.monotonic()

    line = compose.one_line(subject)

    assert time.monotonic() - started < 5
    assert line == "Invitation " + " \t" * (MEGABYTE // 2) + "x to Bamako"


def test_a_subject_keeps_its_no_break_spaces_and_joins_its_lines_with_one_space():
    assert compose.one_line(" Invitation\u00a0:\n\n  atelier \t\r\nde Bamako \n") == (
        "Invitation\u00a0: atelier de Bamako"
    )


def test_the_longest_wording_compiles_in_well_under_five_seconds():
    worst = "{{" * (wording.LONGEST_SOURCE // 2)  # what Django's lexer is slowest on
    started = time.monotonic()

    wording.check(NoticeKind.INVITATION, worst)

    assert time.monotonic() - started < 5


def test_a_due_row_whose_wording_is_refused_does_not_hold_the_sweep(settings):
    settings.NOTICE_SWEEP_GRACE_SECONDS = 0
    event = upcoming_event()
    NoticeTemplate.objects.create(
        kind=NoticeKind.INVITATION, language="en", subject="Invitation", body=HOSTILE
    )
    rows = invite(event, "en", "fr")
    Notice.objects.filter(pk__in=[r.pk for r in rows]).update(
        created_at=timezone.now() - dt.timedelta(minutes=1)
    )

    sending.sweep()

    assert set(Notice.objects.filter(not_before=None).values_list("state", flat=True)) == {
        NoticeState.FAILED,
        NoticeState.SENT,
    }
    assert len(mail.outbox) == 1
