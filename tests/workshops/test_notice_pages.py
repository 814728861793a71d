"""The notices pages: inviting an event's participants, previewing a notice, the ledger with
resending, and the secretariat's wordings."""

import datetime as dt
import html
import re
import zoneinfo

import pytest
from django.conf import settings
from django.utils import timezone

from partners.models import Person
from tests import factories
from workshops.models import (
    EventStatus,
    Notice,
    NoticeKind,
    NoticeState,
    NoticeTemplate,
    Participant,
)

pytestmark = pytest.mark.django_db

BAMAKO = zoneinfo.ZoneInfo("Africa/Bamako")


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def event():
    """A workshop in Bamako three weeks ahead: invitations and their reminders can go out."""
    start = timezone.now().astimezone(BAMAKO).replace(microsecond=0) + dt.timedelta(days=20)
    return factories.EventFactory(
        title="Validation workshop on the national SSR strategy",
        format="in_person",
        status=EventStatus.CONFIRMED,
        start=start,
        end=start + dt.timedelta(hours=8),
        time_zone="Africa/Bamako",
        venue="Hôtel de l'Amitié",
        city="Bamako",
        country=factories.country("ML"),
    )


@pytest.fixture
def aminata(event):
    return factories.ParticipantFactory(
        event=event,
        person__title="Ms.",
        person__full_name="Aminata Traoré",
        person__email="a.traore@example.org",
    )


@pytest.fixture
def john(event):
    return factories.ParticipantFactory(
        event=event,
        person__title="Mr.",
        person__full_name="John Okello",
        person__email="j.okello@example.org",
    )


@pytest.fixture
def nameless(event):
    """A participant the directory has no e-mail address for."""
    return factories.ParticipantFactory(
        event=event, person__title="Mr.", person__full_name="Boubacar Bocoum", person__email=""
    )


def page_of(event) -> str:
    return f"/workshops/{event.pk}/notices/"


def invitations(event) -> list[str]:
    rows = Notice.objects.filter(event=event, kind=NoticeKind.INVITATION)
    return sorted(rows.values_list("recipient_email", flat=True))


def text_of(response, start: str = "") -> str:
    """The page's text (from ``start`` on) without tags, with spaces collapsed, as read."""
    page = response.content.decode()
    page = page[page.index(start) :] if start else page
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


# --- Sending invitations --------------------------------------------------------------------------


def test_the_page_lists_the_participants_with_their_address_and_invitation(
    secretariat, event, aminata, john, nameless
):
    factories.NoticeFactory(
        event=event,
        participant=john,
        kind=NoticeKind.INVITATION,
        recipient_email="j.okello@example.org",
        state=NoticeState.FAILED,
        last_error="550 5.1.1 Mailbox unknown",
    )

    response = secretariat.get(page_of(event))

    assert response.status_code == 200
    page = response.content.decode()
    text = text_of(response)
    assert f'name="participants" value="{aminata.pk}"' in page
    assert f'name="participants" value="{john.pk}"' in page
    assert f'name="participants" value="{nameless.pk}"' not in page
    assert "Mr. Boubacar Bocoum no e-mail address" in text
    assert "Ms. Aminata Traoré a.traore@example.org invited not invited yet" in text
    assert "failed 550 5.1.1 Mailbox unknown" in text
    # John's invitation failed: he is not invited yet, and Boubacar cannot be reached.
    assert "Invite everyone not yet invited (2)" in text


def test_invite_selected_records_invitations_for_the_ticked_participants_only(
    secretariat, event, aminata, john
):
    response = secretariat.post(
        f"/workshops/{event.pk}/notices/invite/",
        {"invite": "selected", "participants": [aminata.pk]},
    )

    assert response.status_code == 302
    assert response.url == page_of(event)
    assert invitations(event) == ["a.traore@example.org"]
    reminders = Notice.objects.filter(event=event, kind=NoticeKind.REMINDER)
    assert sorted(reminders.values_list("details__days", flat=True)) == [1, 7]
    assert set(reminders.values_list("participant", flat=True)) == {aminata.pk}
    page = secretariat.get(response.url)
    assert "1 invitation queued." in text_of(page)
    assert "queued recorded on" in text_of(page)


def test_invite_everyone_leaves_out_the_invited_and_those_without_an_address(
    secretariat, event, aminata, john, nameless
):
    factories.NoticeFactory(
        event=event,
        participant=aminata,
        kind=NoticeKind.INVITATION,
        recipient_email="a.traore@example.org",
        state=NoticeState.SENT,
    )

    response = secretariat.post(f"/workshops/{event.pk}/notices/invite/", {"invite": "everyone"})

    assert response.status_code == 302
    assert invitations(event) == ["a.traore@example.org", "j.okello@example.org"]
    assert not Notice.objects.filter(participant=nameless).exists()
    text = text_of(secretariat.get(response.url))
    assert "1 invitation queued." in text
    assert "Not invited, with no e-mail address: Mr. Boubacar Bocoum." in text


def test_a_participant_without_an_address_is_never_invited_even_if_posted(
    secretariat, event, aminata, nameless
):
    response = secretariat.post(
        f"/workshops/{event.pk}/notices/invite/",
        {"invite": "selected", "participants": [aminata.pk, nameless.pk]},
    )

    assert response.status_code == 302
    assert invitations(event) == ["a.traore@example.org"]
    assert not Notice.objects.filter(participant=nameless).exists()
    text = text_of(secretariat.get(response.url))
    assert "1 invitation queued." in text
    assert "Not invited, with no e-mail address: Mr. Boubacar Bocoum." in text


def test_nothing_selected_shows_the_page_again_with_an_error(secretariat, event, aminata):
    response = secretariat.post(f"/workshops/{event.pk}/notices/invite/", {"invite": "selected"})

    assert response.status_code == 400
    assert "Select the participants to invite." in text_of(response)
    assert f'name="participants" value="{aminata.pk}"' in response.content.decode()
    assert not Notice.objects.exists()


def test_a_participant_of_another_event_cannot_be_invited_here(secretariat, event, aminata):
    stranger = factories.ParticipantFactory()

    response = secretariat.post(
        f"/workshops/{event.pk}/notices/invite/",
        {"invite": "selected", "participants": [stranger.pk]},
    )

    assert response.status_code == 400
    assert not Notice.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": EventStatus.CANCELLED}, "This event is cancelled: no invitation is sent"),
        ({"status": EventStatus.HELD}, "This event is over: no invitation is sent"),
        (
            {
                "start": dt.datetime(2020, 12, 7, 10, 0, tzinfo=BAMAKO),
                "end": dt.datetime(2020, 12, 7, 13, 0, tzinfo=BAMAKO),
            },
            "This event is over: no invitation is sent",
        ),
    ],
    ids=["cancelled", "held", "past"],
)
def test_invitations_are_refused_for_an_event_cancelled_or_over(
    secretariat, event, aminata, fields, message
):
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()

    response = secretariat.post(
        f"/workshops/{event.pk}/notices/invite/",
        {"invite": "selected", "participants": [aminata.pk]},
    )

    assert response.status_code == 400
    assert message in text_of(response)
    assert not Notice.objects.exists()
    page = secretariat.get(page_of(event)).content.decode()
    assert 'name="participants"' not in page
    assert "Invite selected" not in page


# --- Preview --------------------------------------------------------------------------------------


def test_the_preview_shows_the_participants_name_and_answer_link(secretariat, event, aminata):
    factories.DocumentFactory(event=event, kind="agenda", title="Agenda")

    response = secretariat.get(
        f"/workshops/{event.pk}/notices/preview/",
        {"kind": "invitation", "participant": aminata.pk},
    )

    assert response.status_code == 200
    page = response.content.decode()
    subject = "Invitation: Validation workshop on the national SSR strategy"
    assert f"<strong>{subject}</strong>" in page
    text = page[page.index('<pre class="notice-preview-text"') : page.index("</pre>")]
    assert "Dear Ms. Aminata Traoré," in text
    assert f"{settings.PORTAL_URL}/workshops/answer/{aminata.pk}." in text
    assert "The agenda is attached." in text
    assert "<li>event.ics</li>" in page
    assert "<li>agenda.pdf</li>" in page
    html_url = (
        f"/workshops/{event.pk}/notices/preview.html?kind=invitation&amp;participant={aminata.pk}"
    )
    assert f'<iframe sandbox src="{html_url}"' in page
    assert not Notice.objects.exists()


def test_the_notices_page_offers_the_preview_of_the_first_participant_with_an_address(
    secretariat, event, aminata, nameless
):
    response = secretariat.get(page_of(event))

    page = response.content.decode()
    picker = page[page.index('<select name="participant"') :]
    picker = picker[: picker.index("</select>")]
    search_url = f"/workshops/{event.pk}/notices/participants/search/"
    assert f'data-search-url="{search_url}"' in picker
    assert f'<option value="{aminata.pk}" selected>Ms. Aminata Traoré · a.traore@example.org' in (
        picker
    )
    assert picker.count("<option") == 1  # the others are found by typing


def search(client, event, query: str):
    return client.get(f"/workshops/{event.pk}/notices/participants/search/", {"q": query})


def test_the_preview_finds_the_events_participants_by_name_e_mail_or_organisation(
    secretariat, event, aminata, john, nameless
):
    factories.ParticipantFactory(person__full_name="Boubacar Diallo")  # another event's
    john.organisation = factories.organisation("ECOWAS")
    john.save()

    by_name = search(secretariat, event, "bou").json()
    by_email = search(secretariat, event, "traore@").json()
    by_organisation = search(secretariat, event, "cedeao").json()
    too_short = search(secretariat, event, "a").json()

    assert by_name == {
        "results": [
            {
                "value": str(nameless.pk),
                "text": "Mr. Boubacar Bocoum",
                "detail": "no e-mail address",
            }
        ]
    }
    assert [row["text"] for row in by_email["results"]] == ["Ms. Aminata Traoré"]
    assert [row["detail"] for row in by_organisation["results"]] == ["j.okello@example.org"]
    assert too_short == {"results": []}


def test_the_preview_search_gives_at_most_20_participants_by_name(secretariat, event):
    for n in range(25):
        factories.ParticipantFactory(event=event, person__full_name=f"Participant {24 - n:02}")

    found = search(secretariat, event, "participant").json()["results"]

    assert [row["text"] for row in found] == [f"Mr. Participant {n:02}" for n in range(20)]


def test_the_preview_search_of_an_event_that_does_not_exist_is_not_found(secretariat):
    response = secretariat.get("/workshops/999999/notices/participants/search/", {"q": "ab"})

    assert response.status_code == 404


def test_the_html_preview_alone_allows_inline_style_and_the_portals_frame(
    secretariat, event, aminata
):
    html = secretariat.get(
        f"/workshops/{event.pk}/notices/preview.html",
        {"kind": "reminder", "participant": aminata.pk},
    )
    portal_page = secretariat.get(page_of(event))

    assert html.status_code == 200
    assert "<style>" in html.content.decode()
    assert "Dear Ms. Aminata Traoré," in html.content.decode()
    policy = html.headers["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self'" in policy
    assert html.headers["X-Frame-Options"] == "SAMEORIGIN"
    strict = portal_page.headers["Content-Security-Policy"]
    assert "style-src 'self'" in strict
    assert "unsafe-inline" not in strict
    assert "frame-ancestors 'none'" in strict
    assert portal_page.headers["X-Frame-Options"] == "DENY"


def test_a_focal_point_is_refused_the_html_preview_under_the_strict_policy(
    client, focal_point_user, event, aminata
):
    client.force_login(focal_point_user)

    response = client.get(
        f"/workshops/{event.pk}/notices/preview.html",
        {"kind": "invitation", "participant": aminata.pk},
    )

    assert response.status_code == 403
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_preview_of_a_participant_of_another_event_is_refused(secretariat, event, aminata):
    stranger = factories.ParticipantFactory()

    page = secretariat.get(
        f"/workshops/{event.pk}/notices/preview/",
        {"kind": "invitation", "participant": stranger.pk},
    )
    html = secretariat.get(
        f"/workshops/{event.pk}/notices/preview.html",
        {"kind": "invitation", "participant": stranger.pk},
    )

    assert page.status_code == 400
    assert "Select a valid choice" in text_of(page)
    assert f'value="{stranger.pk}"' not in page.content.decode()
    assert html.status_code == 404


@pytest.mark.parametrize("value", ["", "abc", "99999999999999999999", "-1", "1.5"])
def test_a_preview_for_no_participant_or_a_wrong_value_is_refused(
    secretariat, event, aminata, value
):
    page = secretariat.get(
        f"/workshops/{event.pk}/notices/preview/", {"kind": "invitation", "participant": value}
    )
    html = secretariat.get(
        f"/workshops/{event.pk}/notices/preview.html", {"kind": "invitation", "participant": value}
    )

    assert page.status_code == 400
    assert html.status_code == 404


def test_a_lesson_notice_cannot_be_previewed_on_a_participant(secretariat, event, aminata):
    response = secretariat.get(
        f"/workshops/{event.pk}/notices/preview/",
        {"kind": "lesson_submitted", "participant": aminata.pk},
    )

    assert response.status_code == 400


# --- The ledger -----------------------------------------------------------------------------------


def ledger_text(response) -> str:
    return text_of(response, start='id="ledger"')


def test_the_ledger_shows_the_events_notices_newest_first_with_counts(
    secretariat, event, aminata, john
):
    first = factories.NoticeFactory(
        event=event,
        participant=aminata,
        kind=NoticeKind.INVITATION,
        recipient_name="Ms. Aminata Traoré",
        recipient_email="a.traore@example.org",
        language="fr",
        state=NoticeState.SENT,
        attempts=1,
        sent_at=dt.datetime(2026, 3, 2, 9, 30, tzinfo=zoneinfo.ZoneInfo("Africa/Addis_Ababa")),
    )
    Notice.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(hours=1))
    factories.NoticeFactory(
        event=event,
        participant=john,
        kind=NoticeKind.REMINDER,
        recipient_name="Mr. John Okello",
        recipient_email="j.okello@example.org",
        not_before=dt.datetime(2026, 3, 9, 10, 0, tzinfo=zoneinfo.ZoneInfo("Africa/Addis_Ababa")),
    )
    factories.NoticeFactory()  # another event's

    response = secretariat.get(page_of(event))

    text = ledger_text(response)
    assert "Notices recorded 2" in text
    assert "queued: 1" in text and "sent: 1" in text and "failed: 0" in text
    reminder = text.index("Reminder Mr. John Okello j.okello@example.org English queued")
    invitation = text.index("Invitation Ms. Aminata Traoré a.traore@example.org French sent 1")
    assert reminder < invitation
    assert "not before 9 March 2026 10:00" in text
    assert "2 March 2026 09:30 Resend" in text
    assert text.count("Resend") == 1  # the queued reminder is on its way


def test_the_ledger_filters_by_state_and_kind(secretariat, event, aminata):
    factories.NoticeFactory(
        event=event, kind=NoticeKind.INVITATION, recipient_email="sent@example.org", state="sent"
    )
    factories.NoticeFactory(
        event=event,
        kind=NoticeKind.INVITATION,
        recipient_email="failed@example.org",
        state="failed",
    )
    factories.NoticeFactory(
        event=event, kind=NoticeKind.UPDATE, recipient_email="update@example.org", state="failed"
    )

    failed = ledger_text(secretariat.get(page_of(event), {"state": "failed"}))
    failed_invitations = ledger_text(
        secretariat.get(page_of(event), {"state": "failed", "kind": "invitation"})
    )

    assert "failed@example.org" in failed and "update@example.org" in failed
    assert "sent@example.org" not in failed
    assert "failed@example.org" in failed_invitations
    assert "update@example.org" not in failed_invitations


def test_the_ledger_shows_50_notices_a_page(secretariat, event):
    factories.NoticeFactory.create_batch(51, event=event)

    first = secretariat.get(page_of(event))
    second = secretariat.get(page_of(event), {"page": 2})

    assert first.content.decode().count("secretariat@example.org") == 50
    assert second.content.decode().count("secretariat@example.org") == 1
    assert 'href="?page=2#ledger"' in first.content.decode()


def test_resend_records_a_new_row_and_keeps_the_first(secretariat, event, aminata):
    failed = factories.NoticeFactory(
        event=event,
        participant=aminata,
        kind=NoticeKind.INVITATION,
        recipient_email="old-address@example.org",
        state=NoticeState.FAILED,
        last_error="550 5.1.1 Mailbox unknown",
    )

    response = secretariat.post(
        f"/workshops/notices/{failed.pk}/resend/", {"back": "state=failed&page=1&evil=x"}
    )

    assert response.status_code == 302
    assert response.url == f"{page_of(event)}?state=failed&page=1#ledger"
    copy = Notice.objects.exclude(pk=failed.pk).get()
    assert (copy.kind, copy.participant, copy.recipient_email, copy.state) == (
        NoticeKind.INVITATION,
        aminata,
        "a.traore@example.org",
        NoticeState.QUEUED,
    )
    failed.refresh_from_db()
    assert (failed.state, failed.recipient_email) == (NoticeState.FAILED, "old-address@example.org")
    text = text_of(secretariat.get(page_of(event)))
    assert "Invitation to a.traore@example.org queued again." in text


def test_a_notice_on_its_way_is_not_sent_twice(secretariat, event, aminata):
    queued = factories.NoticeFactory(event=event, participant=aminata, kind=NoticeKind.REMINDER)

    response = secretariat.post(f"/workshops/notices/{queued.pk}/resend/")

    assert response.status_code == 302
    assert Notice.objects.count() == 1
    assert "still on its way" in text_of(secretariat.get(page_of(event)))


def test_an_invitation_to_a_cancelled_event_is_not_sent_again(secretariat, event, aminata):
    sent = factories.NoticeFactory(
        event=event, participant=aminata, kind=NoticeKind.INVITATION, state=NoticeState.SENT
    )
    event.status = EventStatus.CANCELLED
    event.save()

    secretariat.post(f"/workshops/notices/{sent.pk}/resend/")

    assert Notice.objects.count() == 1


def with_invitations(event, count: int, *, prefix: str = "p") -> None:
    """``count`` participants, each invited: failed for one in ten, sent to the others
    (addresses and reasons as long as the ten years of generated data give them)."""
    people = Person.objects.bulk_create(
        Person(
            title="Dr.",
            full_name=f"Participant {n:03}",
            email=f"{prefix}{n}.participant@liaison-office.bench.example",
        )
        for n in range(count)
    )
    participants = Participant.objects.bulk_create(
        Participant(event=event, person=person) for person in people
    )
    Notice.objects.bulk_create(
        Notice(
            event=event,
            participant=participant,
            kind=NoticeKind.INVITATION,
            recipient_name=participant.person.full_name,
            recipient_email=participant.person.email,
            state=NoticeState.SENT if n % 10 else NoticeState.FAILED,
            sent_at=timezone.now() if n % 10 else None,
            last_error=""
            if n % 10
            else "550 5.1.1 <mailbox> Recipient address rejected: user unknown",
        )
        for n, participant in enumerate(participants)
    )


@pytest.mark.parametrize(("count", "on_page_2"), [(1, 1), (60, 10)])
def test_the_notices_page_costs_the_same_queries_for_1_or_60(
    secretariat, event, django_assert_max_num_queries, count, on_page_2
):
    with_invitations(event, count)
    secretariat.get(page_of(event))

    # The user; the event; the participants counted (all, and whom "Invite everyone"
    # invites); the page of participants; their invitations; the preview's first participant
    # with an address; the notices counted by state and kind; the page of notices.
    with django_assert_max_num_queries(8):
        response = secretariat.get(page_of(event), {"invite_page": 2, "page": 2})

    # A page past the last shows the last.
    assert response.content.decode().count('name="participants"') == on_page_2
    assert response.content.decode().count("/resend/") == on_page_2


@pytest.mark.parametrize("count", [1, 60])
def test_a_search_of_the_invitations_costs_the_same_queries_for_1_or_60(
    secretariat, event, django_assert_max_num_queries, count
):
    with_invitations(event, count)
    secretariat.get(page_of(event), {"search": "participant"})

    # As without a search, and the participants it keeps, counted for the paginator.
    with django_assert_max_num_queries(9):
        response = secretariat.get(page_of(event), {"search": "participant"})

    assert response.content.decode().count('name="participants"') == min(count, 50)


def test_the_notices_page_weighs_the_same_at_60_or_300_participants(secretariat, event):
    larger = factories.EventFactory(
        title=event.title,
        format=event.format,
        status=event.status,
        start=event.start,
        end=event.end,
        time_zone=event.time_zone,
        venue=event.venue,
        city=event.city,
        country=event.country,
    )
    with_invitations(event, 60, prefix="small")
    with_invitations(larger, 300, prefix="large")

    sizes = [len(secretariat.get(page_of(e)).content) for e in (event, larger)]

    # Both fill a page of participants and of notices; only the page links differ.
    assert abs(sizes[1] - sizes[0]) < 2_000
    assert max(sizes) < 60_000


# --- Pages of the invitations table ---------------------------------------------------------------


def invited_names(response) -> list[str]:
    page = response.content.decode()
    return re.findall(r'name="participants" value="\d+"> ([^<]+)</label>', page)


def test_the_invitations_table_shows_50_participants_a_page_apart_from_the_ledger(
    secretariat, event
):
    with_invitations(event, 120)

    first = secretariat.get(page_of(event))
    third = secretariat.get(page_of(event), {"invite_page": 3, "page": 2})

    assert invited_names(first) == [f"Dr. Participant {n:03}" for n in range(50)]
    assert invited_names(third) == [f"Dr. Participant {n:03}" for n in range(100, 120)]
    page = first.content.decode()
    assert 'href="?invite_page=2#invite-title"' in page
    assert 'href="?invite_page=3#invite-title"' in page
    assert 'href="?page=2#ledger"' in page
    third_page = third.content.decode()
    assert third_page.count("/resend/") == 50  # the ledger's second page: 120 notices
    assert 'href="?page=2&amp;invite_page=2#invite-title"' in third_page
    assert 'href="?invite_page=3&amp;page=3#ledger"' in third_page


def test_the_invitations_table_finds_participants_by_name_e_mail_or_organisation(
    secretariat, event, aminata, john, nameless
):
    john.organisation = factories.organisation("ECOWAS")
    john.save()

    by_name = secretariat.get(page_of(event), {"search": "aminata"})
    by_organisation = secretariat.get(page_of(event), {"search": "cedeao", "state": "sent"})
    nobody = secretariat.get(page_of(event), {"search": "nobody"})

    assert invited_names(by_name) == ["Ms. Aminata Traoré"]
    assert invited_names(by_organisation) == ["Mr. John Okello"]
    assert '<input type="hidden" name="state" value="sent">' in by_organisation.content.decode()
    assert "No participant matches this search." in text_of(nobody)
    # The button still counts everyone of the event.
    assert "Invite everyone not yet invited (2)" in text_of(nobody)


def test_invite_everyone_invites_every_page_of_participants(secretariat, event):
    with_invitations(event, 70)
    Notice.objects.filter(event=event).delete()
    declined = Participant.objects.get(person__full_name="Participant 003")
    declined.answer = "declined"
    declined.save()
    Person.objects.filter(full_name="Participant 004").update(email="")
    already = Participant.objects.get(person__full_name="Participant 005")
    factories.NoticeFactory(
        event=event, participant=already, kind=NoticeKind.INVITATION, state=NoticeState.SENT
    )
    before = secretariat.get(page_of(event))

    response = secretariat.post(
        f"/workshops/{event.pk}/notices/invite/",
        {"invite": "everyone", "back": "invite_page=2&search=participant&evil=x"},
    )

    assert "Invite everyone not yet invited (67)" in text_of(before)
    assert response.status_code == 302
    assert response.url == f"{page_of(event)}?search=participant&invite_page=2"
    invited = Notice.objects.filter(event=event, kind=NoticeKind.INVITATION)
    assert invited.count() == 68  # 67 and the one already sent
    assert not invited.filter(participant=declined).exists()
    text = text_of(secretariat.get(response.url))
    assert "67 invitations queued." in text
    assert "Not invited, with no e-mail address: Dr. Participant 004." in text
    assert "Invite everyone not yet invited (0)" in text


def test_invite_selected_invites_the_rows_ticked_on_page_2(secretariat, event):
    with_invitations(event, 70)
    Notice.objects.filter(event=event).delete()
    second = secretariat.get(page_of(event), {"invite_page": 2})
    ticked = re.findall(r'name="participants" value="(\d+)"', second.content.decode())[:2]

    response = secretariat.post(
        f"/workshops/{event.pk}/notices/invite/",
        {"invite": "selected", "participants": ticked, "back": "invite_page=2"},
    )

    assert response.url == f"{page_of(event)}?invite_page=2"
    assert invitations(event) == [
        "p50.participant@liaison-office.bench.example",
        "p51.participant@liaison-office.bench.example",
    ]


# --- Wordings -------------------------------------------------------------------------------------


def test_the_wordings_list_every_kind_in_every_language(secretariat, secretariat_user):
    secretariat_user.first_name, secretariat_user.last_name = "Fatou", "Ndiaye"
    secretariat_user.save()
    factories.NoticeTemplateFactory(kind="invitation", language="fr", updated_by=secretariat_user)

    response = secretariat.get("/workshops/notices/wordings/")

    assert response.status_code == 200
    page = response.content.decode()
    for language in ("English", "French", "Portuguese", "Arabic"):
        assert f'<th scope="col">{language}</th>' in page
    assert page.count('href="/workshops/notices/wordings/') == len(NoticeKind) * 4
    today = timezone.localdate().strftime("%-d %B %Y")
    assert f"edited by Fatou Ndiaye on {today}" in text_of(response)
    table = text_of(response).split("Notice English French Portuguese Arabic")[1]
    assert table.count("portal's wording") == len(NoticeKind) * 4 - 1


def test_the_editor_starts_from_the_portals_wording_with_the_placeholders(secretariat, aminata):
    response = secretariat.get("/workshops/notices/wordings/invitation/en/")

    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Invitation: {{ event }}"' in page
    assert "You are invited to take part in {{ event }}." in page
    text = text_of(response)
    assert "{{ answer_link }} The recipient's personal link to confirm or decline" in text
    assert "The portal's wording: edit it to send your own." in text
    assert "Back to the portal's wording" not in text
    assert f'<option value="{aminata.pk}" selected>' in page


def test_the_editor_starts_from_the_secretariats_wording_when_there_is_one(secretariat):
    factories.NoticeTemplateFactory(
        kind="invitation", language="pt", subject="Convite: {{ event }}"
    )

    response = secretariat.get("/workshops/notices/wordings/invitation/pt/")

    assert 'value="Convite: {{ event }}"' in response.content.decode()
    assert "Back to the portal's wording" in text_of(response)


def wording_post(client, kind="invitation", language="en", **fields):
    data = {
        "subject": "Save the date: {{ event }}",
        "body": "Dear {{ name }},\n\nPlease answer: {{ answer_link }}",
        "action": "save",
        **fields,
    }
    return client.post(f"/workshops/notices/wordings/{kind}/{language}/", data)


def test_a_broken_wording_is_refused_next_to_its_field_and_not_saved(secretariat, aminata):
    response = wording_post(secretariat, body="Dear {{ name }}, {% if %}")

    assert response.status_code == 200
    page = response.content.decode()
    field = page[page.index('id="div_id_body"') :]
    assert "Unexpected end of expression in if tag." in field[: field.index("</textarea>") + 400]
    assert 'id="id_participant_error"' not in page  # saving needs no participant
    assert not NoticeTemplate.objects.exists()


def test_an_unknown_placeholder_is_refused(secretariat, aminata):
    response = wording_post(secretariat, subject="Hello {{ lesson }}", action="preview")

    assert response.status_code == 200
    assert "“lesson” is not a placeholder of this notice." in text_of(response)
    assert "Preview (not saved)" not in text_of(response)
    assert not NoticeTemplate.objects.exists()


def test_the_preview_renders_the_typed_wording_on_the_participant_without_saving(
    secretariat, aminata
):
    response = wording_post(
        secretariat,
        language="fr",
        subject="Invitation à {{ event }}",
        body="Bonjour {{ name }},\n\nRépondez ici : {{ answer_link }}",
        action="preview",
        participant=aminata.pk,
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>Invitation à Validation workshop on the national SSR strategy</strong>" in page
    text = page[page.index('<pre class="notice-preview-text"') : page.index("</pre>")]
    assert "Bonjour Ms. Aminata Traoré," in text
    assert f"Répondez ici : {settings.PORTAL_URL}/workshops/answer/{aminata.pk}." in text
    assert not NoticeTemplate.objects.exists()


def test_a_saved_wording_is_used_by_the_next_preview(secretariat, secretariat_user, aminata):
    response = wording_post(secretariat)

    assert response.status_code == 302
    assert response.url == "/workshops/notices/wordings/"
    row = NoticeTemplate.objects.get()
    assert (row.kind, row.language, row.updated_by) == ("invitation", "en", secretariat_user)
    assert row.body == "Dear {{ name }},\n\nPlease answer: {{ answer_link }}"
    assert "The wording of the invitation in English is saved" in text_of(
        secretariat.get(response.url)
    )
    preview = secretariat.get(
        f"/workshops/{aminata.event_id}/notices/preview/",
        {"kind": "invitation", "participant": aminata.pk},
    )
    assert "Save the date: Validation workshop on the national SSR strategy" in text_of(preview)


def test_saving_again_changes_the_same_row(secretariat):
    factories.NoticeTemplateFactory(kind="invitation", language="en")

    wording_post(secretariat, subject="Invitation to {{ event }}")

    assert NoticeTemplate.objects.get().subject == "Invitation to {{ event }}"


def test_back_to_the_portals_wording_deletes_the_secretariats(secretariat):
    factories.NoticeTemplateFactory(kind="invitation", language="en")

    response = wording_post(secretariat, action="reset")

    assert response.status_code == 302
    assert not NoticeTemplate.objects.exists()
    page = secretariat.get(response.url)
    assert "The invitation in English uses the portal's wording again." in text_of(page)
    assert 'value="Invitation: {{ event }}"' in page.content.decode()


def test_a_lesson_notice_is_edited_without_a_participant_preview(secretariat, aminata):
    response = secretariat.get("/workshops/notices/wordings/lesson_returned/ar/")

    assert response.status_code == 200
    text = text_of(response)
    assert "The preview is for event notices" in text
    assert 'name="participant"' not in response.content.decode()
    assert "{{ comment }} The secretariat's comment" in text


@pytest.mark.parametrize("path", ["no_such_kind/en/", "invitation/de/"])
def test_an_unknown_kind_or_language_is_not_found(secretariat, path):
    assert secretariat.get(f"/workshops/notices/wordings/{path}").status_code == 404
    assert wording_post(secretariat, *path.strip("/").split("/")).status_code == 404
    assert not NoticeTemplate.objects.exists()


def test_the_recent_participants_to_preview_on_have_an_address_latest_events_first(
    secretariat, event, aminata, nameless
):
    older = factories.ParticipantFactory(person__full_name="Grace Mensah")

    response = secretariat.get("/workshops/notices/wordings/reminder/en/")

    page = response.content.decode()
    assert page.index("Aminata Traoré") < page.index("Grace Mensah")
    assert f'value="{nameless.pk}"' not in page
    assert f'value="{older.pk}"' in page


# --- Links ----------------------------------------------------------------------------------------


def test_the_event_and_participants_pages_link_to_the_notices(secretariat, event):
    event_page = secretariat.get(f"/workshops/{event.pk}/").content.decode()
    participants_page = secretariat.get(f"/workshops/{event.pk}/participants/").content.decode()

    assert f'href="{page_of(event)}"' in event_page
    assert f'href="{page_of(event)}"' in participants_page


def test_a_focal_point_sees_no_link_to_the_notices(client, focal_point_user, event):
    client.force_login(focal_point_user)

    assert page_of(event) not in client.get(f"/workshops/{event.pk}/").content.decode()
