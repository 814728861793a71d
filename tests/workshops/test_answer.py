import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from workshops.answer import (
    AnswerLinkExpired,
    AnswerLinkInvalid,
    answer_token,
    answer_url,
    read_answer_token,
)
from workshops.models import Participant

pytestmark = pytest.mark.django_db

TITLE = "Validation workshop of the SSR training manual"


@pytest.fixture
def participant():
    """Invited to a workshop next month in Bamako, with one contact to write to."""
    start = timezone.now() + dt.timedelta(days=30)
    event = factories.EventFactory(
        title=TITLE,
        format="in_person",
        venue="Hôtel de l’Amitié",
        city="Bamako",
        country=factories.country("ML"),
        time_zone="Africa/Bamako",
        start=start,
        end=start + dt.timedelta(hours=6),
    )
    factories.EventContactFactory(
        event=event,
        person=factories.PersonFactory(
            title="Ms.", full_name="Aminata Keita", email="a.keita@example.org"
        ),
    )
    return factories.ParticipantFactory(
        event=event, person=factories.PersonFactory(title="Ms.", full_name="Fatou Ndiaye")
    )


def link(participant, **kwargs) -> str:
    return reverse("workshops:answer", args=[answer_token(participant, **kwargs)])


def history_count(participant) -> int:
    return Participant.history.filter(id=participant.pk).count()


def answer_of(participant) -> str:
    return Participant.objects.values_list("answer", flat=True).get(pk=participant.pk)


# --- The token ------------------------------------------------------------------------------------


def test_the_link_is_the_portal_address_and_reads_back_without_a_query(
    participant, settings, django_assert_num_queries
):
    settings.PORTAL_URL = "https://ssr.example.org"

    with django_assert_num_queries(0):
        url = answer_url(participant)
        token = url.rsplit("/", 2)[-2]
        participant_id = read_answer_token(token)

    assert url == f"https://ssr.example.org/workshops/answer/{token}/"
    assert participant_id == participant.pk
    assert len(token) < 70


def test_a_link_lasts_notice_answer_link_days(participant, settings, monkeypatch):
    settings.NOTICE_ANSWER_LINK_DAYS = 3
    made = timezone.now()
    token = answer_token(participant)

    monkeypatch.setattr(timezone, "now", lambda: made + dt.timedelta(days=3, minutes=-1))
    still_valid = read_answer_token(token)
    monkeypatch.setattr(timezone, "now", lambda: made + dt.timedelta(days=3, minutes=1))
    with pytest.raises(AnswerLinkExpired) as expired:
        read_answer_token(token)

    assert still_valid == participant.pk
    assert expired.value.participant_id == participant.pk


def altered(token: str) -> list[str]:
    """The token with one character of its signature changed, and with another participant's id."""
    last = "A" if token[-1] != "A" else "B"
    participant_id, rest = token.split(".", 1)
    return [token[:-1] + last, f"{int(participant_id) + 1}.{rest}"]


@pytest.mark.parametrize("which", [0, 1])
def test_an_altered_token_is_refused(participant, which):
    token = altered(answer_token(participant))[which]

    with pytest.raises(AnswerLinkInvalid):
        read_answer_token(token)


@pytest.mark.parametrize("token", ["", "garbage", "1.2:3", "x.y:z:w", "1:sig", "é.ü:∂"])
def test_garbage_is_refused_as_invalid(token):
    with pytest.raises(AnswerLinkInvalid):
        read_answer_token(token)


# --- The page -------------------------------------------------------------------------------------


def test_opening_the_link_shows_the_invitation_and_changes_nothing(client, participant):
    before = history_count(participant)

    response = client.get(link(participant))

    assert response.status_code == 200
    page = response.content.decode()
    assert TITLE in page
    assert "Ms. Fatou Ndiaye" in page
    assert "Hôtel de l’Amitié" in page
    assert "Bamako, Mali" in page
    assert "Bamako (UTC+0)" in page
    assert ">Invited</span>" in page
    assert "Confirm my participation" in page
    assert ">Decline</button>" in page
    assert "a.keita@example.org" in page
    assert answer_of(participant) == "invited"
    assert history_count(participant) == before


def test_confirming_then_declining_keeps_the_last_answer(client, secretariat_user, participant):
    url = link(participant)
    before = history_count(participant)

    confirmed = client.post(url, {"answer": "confirmed"})
    confirmed_page = client.get(url).content.decode()
    declined = client.post(url, {"answer": "declined"})
    declined_page = client.get(url).content.decode()

    # Redirected to the page itself: reloading it sends no answer again.
    assert (confirmed.status_code, confirmed.url) == (302, url)
    assert "Thank you: your participation is confirmed." in confirmed_page
    assert (declined.status_code, declined.url) == (302, url)
    assert "Thank you: you have declined the invitation." in declined_page
    assert ">Declined</span>" in declined_page
    participant.refresh_from_db()
    assert participant.answer == "declined"
    assert participant.answered_at is not None
    assert history_count(participant) == before + 2
    assert Participant.history.filter(id=participant.pk).latest().history_user is None
    staff = Client()
    staff.force_login(secretariat_user)
    listing = staff.get(f"/workshops/{participant.event_id}/participants/").content.decode()
    assert '<span class="badge participant-answer-declined">declined</span>' in listing


@pytest.mark.parametrize("which", [0, 1])
def test_an_altered_link_shows_a_clear_page_and_changes_nothing(client, participant, which):
    url = reverse("workshops:answer", args=[altered(answer_token(participant))[which]])

    opened = client.get(url)
    posted = client.post(url, {"answer": "confirmed"})

    assert (opened.status_code, posted.status_code) == (400, 400)
    page = opened.content.decode()
    assert "This link does not work" in page
    assert "The link is incomplete or has been altered." in page
    assert TITLE not in page
    assert "Fatou Ndiaye" not in page
    assert answer_of(participant) == "invited"


def test_an_expired_link_answers_410_and_names_the_contacts(client, participant):
    url = link(participant, expires=timezone.now() - dt.timedelta(minutes=1))
    before = history_count(participant)

    opened = client.get(url)
    posted = client.post(url, {"answer": "confirmed"})

    assert (opened.status_code, posted.status_code) == (410, 410)
    page = opened.content.decode()
    assert "This link has expired" in page
    assert "contact the organisers of the event" in page
    assert "Aminata Keita" in page
    assert 'href="mailto:a.keita@example.org"' in page
    assert "Confirm my participation" not in page
    assert answer_of(participant) == "invited"
    assert history_count(participant) == before


def test_the_link_of_a_removed_participant_answers_404(client, participant):
    url = link(participant)
    participant.delete()

    response = client.get(url)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("data", [{"answer": "maybe"}, {"answer": "invited"}, {}])
def test_an_answer_the_page_does_not_offer_answers_400_and_records_nothing(
    client, participant, data
):
    before = history_count(participant)

    response = client.post(link(participant), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one of the buttons: nothing was recorded." in page
    assert "Confirm my participation" in page
    assert answer_of(participant) == "invited"
    assert history_count(participant) == before


def test_once_the_event_has_started_answers_are_closed(client, participant):
    event = participant.event
    event.start = timezone.now() - dt.timedelta(hours=1)
    event.save()
    url = link(participant)

    opened = client.get(url)
    posted = client.post(url, {"answer": "confirmed"})

    assert opened.status_code == 200
    page = opened.content.decode()
    assert "This event has started: answers are closed." in page
    assert ">Invited</span>" in page
    assert "Confirm my participation" not in page
    assert posted.status_code == 409
    assert (
        "Your answer was not recorded. This event has started: answers are closed."
        in posted.content.decode()
    )
    assert answer_of(participant) == "invited"


def test_a_cancelled_event_takes_no_more_answers(client, participant):
    participant.event.status = "cancelled"
    participant.event.save()
    url = link(participant)

    opened = client.get(url)
    posted = client.post(url, {"answer": "declined"})

    assert opened.status_code == 200
    assert "This event has been cancelled: answers are closed." in opened.content.decode()
    assert "Confirm my participation" not in opened.content.decode()
    assert posted.status_code == 409
    assert answer_of(participant) == "invited"


def test_anonymous_visitors_answer_with_the_page_csrf_token(participant):
    browser = Client(enforce_csrf_checks=True)
    url = link(participant)

    page = browser.get(url).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    refused = browser.post(url, {"answer": "confirmed"})
    accepted = browser.post(url, {"answer": "confirmed", "csrfmiddlewaretoken": csrf})

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert answer_of(participant) == "confirmed"


# --- Language -------------------------------------------------------------------------------------


def test_the_page_is_in_the_participants_notice_language(client, participant):
    participant.notice_language = "fr"
    participant.save()
    factories.EventTranslationFactory(
        event=participant.event, title="Atelier de validation du manuel de formation RSS"
    )

    response = client.get(link(participant))

    page = response.content.decode()
    assert '<html lang="fr"' in page
    assert response["Content-Language"] == "fr"
    assert "Atelier de validation du manuel de formation RSS" in page


def test_a_language_the_portal_does_not_speak_yet_reads_in_english(client, participant):
    participant.notice_language = "pt"
    participant.save()

    response = client.get(link(participant))

    assert '<html lang="en"' in response.content.decode()


def test_the_language_the_visitor_chose_wins_over_the_notice_language(client, participant):
    participant.notice_language = "fr"
    participant.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(link(participant))

    assert '<html lang="en"' in response.content.decode()


# --- Queries --------------------------------------------------------------------------------------


@pytest.mark.parametrize("contacts", [1, 20])
def test_the_page_costs_the_same_queries_for_1_or_20_contacts(
    client, participant, django_assert_max_num_queries, contacts
):
    factories.EventContactFactory.create_batch(contacts - 1, event=participant.event)
    url = link(participant)

    # The participant with the person; the event with its country and translated title; the
    # contacts.
    with django_assert_max_num_queries(8):
        response = client.get(url)

    assert response.content.decode().count('href="mailto:') == contacts


def test_answering_costs_at_most_8_queries(client, participant, django_assert_max_num_queries):
    url = link(participant)

    # The participant with the person; the event; a savepoint around the update of the answer
    # and its history row.
    with django_assert_max_num_queries(8):
        response = client.post(url, {"answer": "confirmed"})

    assert response.status_code == 302
    assert answer_of(participant) == "confirmed"
