import importlib
import re
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command

from partners.models import Person
from ssrportal.roles import FOCAL_POINT, roles_of
from tests import factories

pytestmark = pytest.mark.django_db


def create_account(client, person):
    return client.post(f"/partners/people/{person.pk}/account/")


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def committed(transactional_db, client):
    """Real commits, so the invitation leaves before the page answers, as in production (the
    reference data and role groups again: another transactional test's flush empties them).
    Returns a secretariat officer's client and Awa Ndiaye of ECOWAS, who has no account."""
    call_command("load_reference_data", verbosity=0)
    for name in importlib.import_module("lessons.migrations.0003_create_role_groups").ROLES:
        Group.objects.get_or_create(name=name)
    officer = factories.UserFactory(username="secretariat-officer")
    officer.groups.add(Group.objects.get(name="Secretariat"))
    client.force_login(officer)
    awa = factories.PersonFactory(
        title="Ms.",
        full_name="Awa Ndiaye",
        email="Awa.Ndiaye@example.org",
        organisation=factories.organisation("ECOWAS"),
    )
    return client, awa


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def awa(db):
    return factories.PersonFactory(
        title="Ms.",
        full_name="Awa Ndiaye",
        email="Awa.Ndiaye@example.org",
        organisation=factories.organisation("ECOWAS"),
        preferred_language="fr",
    )


# Real commits: pytest-django runs these after the other tests, whose data they flush.
@pytest.mark.django_db(transaction=True)
def test_the_account_is_created_and_the_invitation_sent_after_commit(committed):
    secretariat, awa = committed

    response = create_account(secretariat, awa)

    awa.refresh_from_db()
    user = awa.user
    assert response.status_code == 302
    assert response["Location"] == f"/partners/organisations/{awa.organisation_id}/"
    assert (user.username, user.email, user.organisation.acronym) == (
        "Awa.Ndiaye@example.org",
        "Awa.Ndiaye@example.org",
        "ECOWAS",
    )
    assert roles_of(user) == {FOCAL_POINT}
    assert not user.has_usable_password()
    assert messages_of(response) == [
        "Ms. Awa Ndiaye now has a focal-point account; an invitation to choose a password was "
        "sent to Awa.Ndiaye@example.org."
    ]
    [message] = mail.outbox
    assert message.to == ["Awa.Ndiaye@example.org"]
    assert message.subject == "Your account on the SSR Coordination Portal: choose a password"
    assert "as a focal point of Economic Community of West African States" in message.body


def test_the_invitation_s_link_lets_the_focal_point_choose_a_password_and_sign_in(
    client, secretariat, awa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_account(secretariat, awa)
    secretariat.logout()
    body = mail.outbox[0].body
    path = re.search(r"http://127\.0\.0\.1:8000(/accounts/reset/[^\s]+/)", body).group(1)

    shown = client.get(path, follow=True)
    chosen = client.post(
        shown.redirect_chain[-1][0],
        {"new_password1": "Abuja-Banjul-2026!", "new_password2": "Abuja-Banjul-2026!"},
    )
    signed_in = client.post(
        "/accounts/login/",
        {"username": "Awa.Ndiaye@example.org", "password": "Abuja-Banjul-2026!"},
    )

    assert "Awa.Ndiaye@example.org" in body
    assert shown.status_code == 200
    assert chosen.status_code == 302
    assert chosen["Location"] == "/accounts/reset/done/"
    assert signed_in.status_code == 302
    assert signed_in.wsgi_request.user.username == "Awa.Ndiaye@example.org"


# Real commits: pytest-django runs these after the other tests, whose data they flush.
@pytest.mark.django_db(transaction=True)
def test_an_smtp_outage_keeps_the_account_and_says_the_invitation_did_not_leave(
    committed, monkeypatch, caplog
):
    secretariat, awa = committed

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("partners.services.send_mail", refuse)

    response = create_account(secretariat, awa)

    awa.refresh_from_db()
    assert awa.user is not None
    assert mail.outbox == []
    assert messages_of(response) == [
        "Ms. Awa Ndiaye now has a focal-point account, but the invitation could not be sent (the "
        "mail server did not answer). Ms. Awa Ndiaye can ask for a link with “Forgotten your "
        "password?” on the sign-in page, using Awa.Ndiaye@example.org."
    ]
    assert "account invitation to Awa.Ndiaye@example.org not sent" in caplog.text


def test_a_person_without_e_mail_is_refused_with_a_clear_message(secretariat):
    kofi = factories.PersonFactory(
        full_name="Kofi Mensah", email="", organisation=factories.organisation("ECOWAS")
    )

    response = create_account(secretariat, kofi)

    kofi.refresh_from_db()
    assert kofi.user is None
    assert messages_of(response) == [
        "Mr. Kofi Mensah has no e-mail address: add one before creating an account."
    ]


def test_a_person_with_an_account_already_is_refused_and_nothing_is_sent(
    secretariat, awa, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        create_account(secretariat, awa)

    with django_capture_on_commit_callbacks(execute=True):
        again = create_account(secretariat, awa)

    assert messages_of(again)[-1] == "Ms. Awa Ndiaye already has an account."
    assert get_user_model().objects.filter(email__iexact="awa.ndiaye@example.org").count() == 1
    assert len(mail.outbox) == 1


def test_an_e_mail_that_names_another_account_is_refused(secretariat, awa):
    factories.UserFactory(username="andiaye", email="awa.ndiaye@example.org")

    response = create_account(secretariat, awa)

    assert messages_of(response) == [
        "An account with the e-mail address Awa.Ndiaye@example.org already exists: an admin can "
        "link it to Ms. Awa Ndiaye in the admin."
    ]
    assert Person.objects.get(pk=awa.pk).user is None


def test_a_focal_point_cannot_create_accounts(client, focal_point_user, awa):
    client.force_login(focal_point_user)

    response = create_account(client, awa)

    assert response.status_code == 403
    assert Person.objects.get(pk=awa.pk).user is None


def test_opening_the_account_url_does_nothing(secretariat, awa):
    response = secretariat.get(f"/partners/people/{awa.pk}/account/")

    assert response.status_code == 405
    assert Person.objects.get(pk=awa.pk).user is None
