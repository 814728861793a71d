"""The secretariat enters an ISSAT mandate record in the browser: who asked, who mandated, who
benefits, found by typing; a source with its own publication date (issue 11, point 6)."""

import datetime as dt
import os
import zoneinfo
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from tests import factories
from tests.browser.conftest import axe_violations, sign_in
from workshops.models import Mandate

pytestmark = pytest.mark.django_db(transaction=True)

BANJUL = zoneinfo.ZoneInfo("Africa/Banjul")
# Set to a folder to keep the pages' screenshots (e.g. SCREENSHOTS=var/screenshots).
SCREENSHOTS = os.environ.get("SCREENSHOTS", "")


def screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"), full_page=True)


@pytest.fixture
def secretariat(portal):
    user = factories.UserFactory(username="secretariat", language="en")
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


def choose_organisation(page, field: str, typed: str, label: str) -> None:
    """Type in a search-as-you-type field and pick the option that the search answers."""
    page.locator(f"#id_{field}-ts-control").fill(typed)
    page.locator(f"#id_{field}-ts-dropdown .option", has_text=label).first.click()
    page.keyboard.press("Escape")


def test_secretariat_enters_a_mandate_with_three_roles_and_a_dated_source(
    page, portal, secretariat, csp_violations
):
    beneficiary = factories.OrganisationFactory(
        name="Office of the National Security Adviser, The Gambia",
        kind="national_institution",
    )
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/mandates/new/")

    page.fill("#id_title", "Support to the national security policy review, The Gambia")
    page.select_option("#id_status", "active")
    page.fill("#id_start_date", "2019-03-04")
    page.fill("#id_end_date", "2019-03-08")
    choose_organisation(page, "requesters", "CEDEAO", "ECOWAS – Economic Community")
    choose_organisation(page, "mandating_organisations", "AUC", "AUC – African Union Commission")
    choose_organisation(page, "beneficiaries", "security adviser", beneficiary.name)
    source = page.locator("#sources-section [data-formset-row]").first
    source.locator("[name$=headline]").fill(
        "ECOWAS and AU hold joint workshop on security sector reform"
    )
    source.locator("[name$=url]").fill("https://www.ecowas.int/press/ssr-workshop-abuja")
    source.locator("[name$=published_on]").fill("2019-03-12")
    source.locator("[name$=dateline]").fill("Abuja")
    source.locator("[name$=language]").select_option("en")
    screenshot(page, "mandate-form-en")
    page.click("text=Save the mandate")
    page.wait_for_url(f"{portal}/mandates/*/")

    mandate = Mandate.objects.get()
    assert [o.acronym for o in mandate.requesters.all()] == ["ECOWAS"]
    assert [o.acronym for o in mandate.mandating_organisations.all()] == ["AUC"]
    assert list(mandate.beneficiaries.all()) == [beneficiary]
    sections = {
        heading: page.locator(f"section[aria-labelledby={heading}]").inner_text()
        for heading in ("requesters", "mandating-organisations", "beneficiaries", "mandate-sources")
    }
    assert "ECOWAS – Economic Community of West African States" in sections["requesters"]
    assert "AUC – African Union Commission" in sections["mandating-organisations"]
    assert beneficiary.name in sections["beneficiaries"]
    assert "published 12 March 2019, Abuja" in sections["mandate-sources"]
    assert page.locator("p.lead").first.inner_text() == "4–8 March 2019"
    page.goto(f"{portal}/mandates/{mandate.pk}/edit/")
    page.fill("#id_start_date", "2019-03-05")
    page.fill("#id_end_date", "2019-03-09")
    page.click("text=Save the mandate")
    page.wait_for_url(f"{portal}/mandates/{mandate.pk}/")
    factories.EventFactory(
        title="Validation workshop of the national security policy, Banjul",
        mandate=mandate,
        status="held",
        start=dt.datetime(2019, 3, 11, tzinfo=BANJUL),
        end=dt.datetime(2019, 3, 12, tzinfo=BANJUL),
        all_day=True,
        time_zone=BANJUL.key,
    )
    page.reload()
    assert (
        page.locator(".mandate-version").inner_text().startswith("Earlier version: 4–8 March 2019")
    )
    assert page.locator(".mandate-event-outside").inner_text() == (
        "Held outside the mandate's dates, 5–9 March 2019"
    )
    screenshot(page, "mandate-page-en")
    assert axe_violations(page) == []
    secretariat.language = "fr"
    secretariat.save()
    page.reload()
    screenshot(page, "mandate-page-fr")
    page.goto(f"{portal}/mandates/{mandate.pk}/edit/")
    screenshot(page, "mandate-form-fr")
    assert csp_violations == []
