"""Input no page can use answers a page, never a 500 (issue 13, point 6)."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client, secretariat_user):
    client.raise_request_exception = False
    client.force_login(secretariat_user)
    return client


def test_a_300_character_user_name_fails_to_sign_in_like_any_wrong_name(client):
    client.raise_request_exception = False

    response = client.post("/accounts/login/", {"username": "x" * 300, "password": "wrong"})

    assert response.status_code == 200
    assert "Please enter a correct" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/workshops/{event}/participants/?q=Traor%00e",
        "/workshops/people/autocomplete/?q=Traor%00e",
        "/partners/organisations/search/?q=cede%00ao",
        "/partners/organisations/?q=cede%00ao",
        "/workshops/?q=cede%00ao",
        "/lessons/?q=s%00ecurity",
    ],
)
def test_a_nul_byte_in_a_search_is_dropped(secretariat, url):
    event = factories.EventFactory()

    response = secretariat.get(url.format(event=event.pk))

    assert response.status_code == 200


def test_a_history_page_past_any_integer_is_an_empty_page(secretariat):
    event = factories.EventFactory()

    response = secretariat.get(f"/workshops/{event.pk}/history/?page=9223372036854775808")

    assert response.status_code == 200


def test_a_nul_byte_in_the_organisation_search_still_finds_ecowas(secretariat):
    found = secretariat.get("/partners/organisations/search/?q=cede%00ao").json()["results"]

    assert any(row["text"].startswith("ECOWAS") for row in found)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/lessons/lesson/?created_at__year=9223372036854775808",
        "/admin/workshops/event/?start__year=9223372036854775808",
        # The drill-down computes the year (or month) after the one asked: 10000 is no date.
        "/admin/workshops/document/?uploaded_at__year=9999",
        "/admin/lessons/followupaction/?due_date__year=9999&due_date__month=12",
    ],
)
def test_an_admin_date_filter_no_date_has_shows_the_admins_error_page(client, admin_user, url):
    client.raise_request_exception = False
    client.force_login(admin_user)

    response = client.get(url, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0][0].endswith("?e=1")
