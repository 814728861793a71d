"""The secretariat plans the seed 000 workshop in the browser, end to end (issue 4)."""

from pathlib import Path

import icalendar
import pytest
from django.contrib.auth.models import Group

from partners.models import Person
from tests import factories
from tests.browser.conftest import axe_violations, sign_in
from workshops.models import Event, Participant

pytestmark = pytest.mark.django_db(transaction=True)

DATA = Path(__file__).parent / "data"

# Seed 000's outcome objectives (../shared/seeds/000_*.txt), shortened to their first words.
OBJECTIVES = [
    "Provide a platform for technical level officers of RECs/RMs and AUC to jointly review",
    "Translate complementarities in the AUC Commission into enhanced synergy",
    "Give a long term perspective to institutional coordination in SSR support",
    "Devise modalities for improving political level support for SSR in RECs/RMs",
    "Share experience and lessons from Joint Assessment Missions in Member States",
    "Draw key lessons from the project Building African Union Capacities in SSR",
    "Strengthen the building blocks of APSA through regional cooperation",
]


@pytest.fixture
def secretariat(portal):
    user = factories.UserFactory(username="secretariat", language="en")
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


def objective_rows(page):
    return page.locator("#objectives-section [data-formset-row]")


def fill_seed_000_workshop(page):
    page.fill("#id_title", "AU/REC Workshop")
    page.select_option("#id_kind", "workshop")
    page.fill("#id_start_date", "2016-12-01")
    page.fill("#id_start_time", "09:00")
    page.fill("#id_end_date", "2016-12-17")
    page.fill("#id_end_time", "17:00")
    for index, text in enumerate(OBJECTIVES):
        rows = objective_rows(page)
        if rows.count() <= index:
            page.click("#objectives-section [data-formset-add]")
        objective_rows(page).nth(index).locator("textarea").first.fill(text)


def test_secretariat_creates_reorders_and_exports_the_seed_000_workshop(
    page, portal, secretariat, csp_violations
):
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/workshops/new/")
    fill_seed_000_workshop(page)

    objective_rows(page).nth(1).locator('[data-formset-move="down"]').click()
    page.click("text=Save the event")
    page.wait_for_url(f"{portal}/workshops/*/")

    event = Event.objects.get(title="AU/REC Workshop")
    swapped = [OBJECTIVES[0], OBJECTIVES[2], OBJECTIVES[1], *OBJECTIVES[3:]]
    assert list(event.objectives.values_list("text", flat=True)) == swapped
    objectives = page.locator("section[aria-labelledby=objectives-title] li").all_inner_texts()
    assert objectives == [
        f"{letter}) {text}" for letter, text in zip("abcdefg", swapped, strict=True)
    ]
    with page.expect_download() as download:
        page.click("a[href$='event.ics']")
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "AU/REC Workshop"
    assert vevent["DTSTART"].dt.isoformat() == "2016-12-01T09:00:00+03:00"
    assert csp_violations == []


def test_import_preview_shows_the_bad_row_before_anything_is_saved(
    page, portal, secretariat, csp_violations
):
    event = factories.EventFactory(title="Validation workshop, Bamako")
    people_before = Person.objects.count()
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/workshops/{event.pk}/participants/import/")

    page.set_input_files("input[type=file]", DATA / "participants_semicolon.csv")
    page.click("text=Preview the import")

    preview = page.locator("main").inner_text()
    assert "Aïssata Traoré" in preview
    assert "Boubacar Bocoum" in preview
    bad_row = page.locator("tr", has_text="Nadia Benali")
    assert "e-mail" in bad_row.inner_text().lower()
    assert Participant.objects.filter(event=event).count() == 0
    assert Person.objects.count() == people_before
    assert csp_violations == []


@pytest.mark.parametrize("where", ["list", "page", "form"])
def test_event_pages_have_no_serious_accessibility_violation(page, portal, secretariat, where):
    event = factories.EventFactory()
    factories.ParticipantFactory(event=event)
    sign_in(page, portal, "secretariat")
    path = {
        "list": "/workshops/?tab=all",
        "page": f"/workshops/{event.pk}/",
        "form": "/workshops/new/",
    }

    page.goto(portal + path[where])

    assert axe_violations(page) == []
