"""Pages and exports with personal data are not kept by caches (issue 13, point 12), and the
language cookie is same-site."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_signed_in_page_and_an_export_are_private_and_not_stored(client, secretariat_user):
    client.force_login(secretariat_user)
    event = factories.EventFactory()

    page = client.get(f"/workshops/{event.pk}/participants/")
    export = client.get(f"/workshops/{event.pk}/participants/export/", {"format": "csv"})

    for response in (page, export):
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives


def test_the_language_cookie_is_same_site(client):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/accounts/login/"})

    cookie = response.cookies["django_language"]
    assert cookie["samesite"] == "Lax"
