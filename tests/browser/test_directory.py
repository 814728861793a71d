"""The organisation picker in the browser: found by its French acronym, a missing one added in
place from the participant form (look-alikes first), and the directory pages."""

import pytest
from django.contrib.auth.models import Group

from partners.models import Organisation
from tests import factories
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

EN_DASH = "\N{EN DASH}"


@pytest.fixture
def secretariat(portal):
    user = factories.UserFactory(username="secretariat", language="en")
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


def picker(page, field_id: str):
    """The Tom Select control that stands for <select id=field_id>."""
    return page.locator(f"#{field_id}-ts-control")


def test_the_secretariat_picks_cedeao_and_adds_a_missing_organisation_in_place(
    page, portal, secretariat, csp_violations
):
    event = factories.EventFactory()
    person = factories.PersonFactory(full_name="Awa Ndiaye")
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/workshops/{event.pk}/participants/")

    picker(page, "id_organisation").fill("cedeao")
    ecowas_option = page.locator(".ts-dropdown .option", has_text="ECOWAS")
    ecowas_option.first.wait_for()
    options = page.locator("#id_organisation + .ts-wrapper .ts-dropdown .option")
    first_option = options.first.inner_text()
    ecowas_option.first.click()

    new_person_picker = picker(page, "id_new-organisation")
    new_person_picker.fill("Communaute economique des Etats de l'Afrique de l'Ouest")
    page.locator("#id_new-organisation + .ts-wrapper .create").click()
    modal = page.locator(".search-select-modal")
    modal.locator("#id_name").wait_for()
    modal.locator("#id_kind").select_option("rec")
    modal.locator("button[type=submit]").first.click()
    modal.get_by_text("Is it the one?").wait_for()
    screenshot(page, "modal-look-alikes")
    alike = modal.locator(".organisation-alikes li").first.inner_text()
    modal.locator("#id_name").fill("Réseau ouest-africain des observatoires de la sécurité")
    modal.locator("#id_acronym").fill("ROAOS")
    modal.locator("#id_kind").select_option("civil_society")
    modal.get_by_role("button", name="Check again").click()
    modal.wait_for(state="hidden")

    chosen = page.locator("#id_new-organisation + .ts-wrapper .item").inner_text()
    created = Organisation.objects.get(acronym="ROAOS")
    page.fill("#id_new-full_name", "Mariama Baldé")
    page.click("#main form[action$='/participants/add/'] button[type=submit]")
    page.get_by_text("Mariama Baldé is now a participant.").wait_for()
    screenshot(page, "participant-added")
    participant = event.participants.get(person__full_name="Mariama Baldé")

    assert first_option.startswith(f"ECOWAS {EN_DASH} Economic Community of West African States")
    assert alike.startswith(f"ECOWAS {EN_DASH} Economic Community of West African States")
    assert chosen == f"ROAOS {EN_DASH} Réseau ouest-africain des observatoires de la sécurité"
    assert participant.person.organisation == created
    assert participant.organisation.acronym == "ECOWAS"
    assert person.participations.count() == 0
    assert csp_violations == []


def test_the_directory_in_french_shows_cedeao_and_dfid_s_successor(
    page, portal, secretariat, csp_violations
):
    secretariat.language = "fr"
    secretariat.save()
    sign_in(page, portal, "secretariat")

    page.goto(f"{portal}/partners/organisations/?q=cedeao")
    screenshot(page, "directory-fr-cedeao")
    row = page.locator(".organisation-table tbody tr").first.inner_text()
    page.goto(f"{portal}/partners/organisations/{factories.organisation('DFID').pk}/")
    screenshot(page, "directory-fr-dfid")
    successor = page.locator(".organisation-successor").inner_text()

    assert row.startswith(f"CEDEAO {EN_DASH} Communauté économique des États de l'Afrique")
    assert "FCDO" in successor
    assert axe_violations(page) == []
    assert csp_violations == []
