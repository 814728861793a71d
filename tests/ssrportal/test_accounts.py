import re

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def sign_in(client, username, password, ip="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_sign_in_leads_to_the_home_page(client, secretariat_user):
    response = sign_in(client, "secretariat", PASSWORD)

    assert response.status_code == 302
    assert response.url == "/"


def test_wrong_password_shows_a_message_and_no_session(client, secretariat_user):
    response = sign_in(client, "secretariat", "wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_out_that_user_from_that_address_only(client, secretariat_user):
    factories.UserFactory(username="colleague")
    for _ in range(5):
        sign_in(client, "secretariat", "wrong", ip="10.0.0.1")

    locked = sign_in(client, "secretariat", PASSWORD, ip="10.0.0.1")
    same_office_colleague = sign_in(client, "colleague", PASSWORD, ip="10.0.0.1")
    client.logout()
    from_elsewhere = sign_in(client, "secretariat", PASSWORD, ip="10.0.0.99")

    assert locked.status_code == 429
    assert "Sign-in locked for a while" in locked.content.decode()
    assert same_office_colleague.status_code == 302
    assert from_elsewhere.status_code == 302


BEHIND_ONE_PROXY = {  # what ssrportal/settings.py sets for PROXY_COUNT=1
    "AXES_IPWARE_PROXY_COUNT": 0,
    "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
}
PROXY = "10.0.0.1"  # every request reaches the portal from the proxy


def through_proxy(client, username, password, forwarded_for):
    return client.post(
        "/accounts/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_one_proxy_a_lock_out_is_per_user_and_client_address(
    client, secretariat_user, settings
):
    for name, value in BEHIND_ONE_PROXY.items():
        setattr(settings, name, value)
    for _ in range(5):
        through_proxy(client, "secretariat", "wrong", "198.51.100.7")

    locked = through_proxy(client, "secretariat", PASSWORD, "198.51.100.7")
    client.logout()
    other_office = through_proxy(client, "secretariat", PASSWORD, "203.0.113.9")

    assert locked.status_code == 429
    assert other_office.status_code == 302


def test_behind_one_proxy_a_forged_header_cannot_lock_out_another_address(
    client, secretariat_user, settings
):
    for name, value in BEHIND_ONE_PROXY.items():
        setattr(settings, name, value)
    # The client writes "203.0.113.9" first; the proxy appends the address it saw.
    for _ in range(5):
        through_proxy(client, "secretariat", "wrong", "203.0.113.9, 198.51.100.66")

    from_203 = through_proxy(client, "secretariat", PASSWORD, "203.0.113.9")

    assert from_203.status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(client, secretariat_user):
    for n in range(5):
        through_proxy(client, "secretariat", "wrong", f"198.51.100.{n}")

    # Five addresses written by the client, one address seen: locked.
    locked = through_proxy(client, "secretariat", PASSWORD, "198.51.100.200")

    assert locked.status_code == 429


def test_session_ends_after_two_idle_hours(client, secretariat_user):
    sign_in(client, "secretariat", PASSWORD)

    assert client.session.get_expiry_age() == 2 * 60 * 60


def test_activity_renews_the_session_at_most_every_five_minutes(client, secretariat_user):
    sign_in(client, "secretariat", PASSWORD)
    client.get("/")
    renewed_at = client.session["_renewed_at"]
    session = client.session
    session["_renewed_at"] = renewed_at - 301  # as if the last renewal were 5 minutes ago
    session.save()

    client.get("/")

    assert client.session["_renewed_at"] >= renewed_at


def test_with_two_idle_minutes_an_active_user_is_renewed_every_minute(
    client, secretariat_user, settings
):
    settings.SESSION_COOKIE_AGE = 2 * 60  # SESSION_IDLE_MINUTES=2
    sign_in(client, "secretariat", PASSWORD)
    client.get("/")
    session = client.session
    renewed_at = session["_renewed_at"]
    session["_renewed_at"] = renewed_at - 61  # the last page a minute ago
    session.save()

    page = client.get("/")

    assert page.status_code == 200
    assert client.session["_renewed_at"] >= renewed_at


def test_sign_out_is_a_post_that_ends_the_session(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    assert client.get("/").status_code == 302


def test_password_reset_by_e_mail(client, secretariat_user):
    client.post("/accounts/password_reset/", {"email": secretariat_user.email})

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [secretariat_user.email]
    assert message.subject == "Reset your password on the SSR Coordination Portal"
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    set_password = client.post(
        form_page.redirect_chain[-1][0],
        {
            "new_password1": "a new long passphrase 2026",
            "new_password2": "a new long passphrase 2026",
        },
    )
    assert set_password.status_code == 302
    secretariat_user.refresh_from_db()
    assert secretariat_user.check_password("a new long passphrase 2026")


@pytest.mark.parametrize("known", [True, False])
def test_the_reset_page_only_queues_a_task_known_address_or_not(client, secretariat_user, known):
    # A broker that keeps the task (no worker here): the page neither looks the address up
    # for a mail nor sends one, so it answers alike, in the same time, for both.
    from ssrportal.celery import app

    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "memory://"
    try:
        response = client.post(
            "/accounts/password_reset/",
            {"email": secretariat_user.email if known else "nobody@example.org"},
        )
    finally:
        app.conf.task_always_eager, app.conf.broker_url = eager, broker

    assert response.status_code == 302
    assert response.url == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_password_change_keeps_the_user_signed_in(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another long passphrase 2026",
            "new_password2": "another long passphrase 2026",
        },
    )

    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_pages_send_a_content_security_policy_without_inline_script(client):
    response = client.get("/accounts/login/")

    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_language_switcher_keeps_the_page_and_speaks_french(client, secretariat_user):
    client.force_login(secretariat_user)

    switched = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "/accounts/password_change/"}
    )
    page = client.get(switched.url)

    assert switched.url == "/accounts/password_change/"
    assert page.headers["Content-Language"] == "fr"
    assert '<h1 class="h3 mb-3">Modifier le mot de passe</h1>' in page.content.decode()


def test_a_french_speaking_user_reads_the_portal_in_french(client, secretariat_user):
    secretariat_user.language = "fr"
    secretariat_user.save()
    client.force_login(secretariat_user)

    response = client.get("/accounts/password_change/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.headers["Content-Language"] == "fr"


def test_the_language_switcher_wins_over_the_account_language(client, secretariat_user):
    secretariat_user.language = "fr"
    secretariat_user.save()
    client.force_login(secretariat_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = client.get("/accounts/password_change/")

    assert response.headers["Content-Language"] == "en"


def test_a_refused_page_explains_itself_in_the_portal_layout(client, focal_point_user):
    event = factories.EventFactory()
    client.force_login(focal_point_user)

    response = client.get(f"/workshops/{event.pk}/edit/")

    assert response.status_code == 403
    assert "Your role does not allow this" in response.content.decode()


def test_a_missing_page_answers_404_in_the_portal_layout(client, focal_point_user):
    client.force_login(focal_point_user)

    response = client.get("/workshops/999999/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
