import pytest
from django.contrib.auth.models import Group

from tests import factories
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_french_speaking_user_sees_the_portal_in_french(page, portal, csp_violations):
    user = factories.UserFactory(username="secretariat.fr", language="fr")
    user.groups.add(Group.objects.get(name="Secretariat"))
    sign_in(page, portal, "secretariat.fr")

    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bienvenue")
    assert page.get_by_role("navigation").get_by_role("link", name="Événements").is_visible()
    assert csp_violations == []


def test_language_switcher_turns_the_page_french_and_stays_on_it(page, portal, csp_violations):
    user = factories.UserFactory(username="secretariat")
    user.groups.add(Group.objects.get(name="Secretariat"))
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/accounts/password_change/")

    with page.expect_navigation():
        page.select_option("#language-select", "fr")

    assert page.url == f"{portal}/accounts/password_change/"
    assert page.get_by_role("heading", level=1).inner_text() == "Modifier le mot de passe"
    assert csp_violations == []


def test_sign_in_page_has_no_serious_accessibility_violation(page, portal):
    page.goto(f"{portal}/accounts/login/")

    assert axe_violations(page) == []
