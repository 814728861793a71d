"""The register's event and organisation filters, chosen by typing with JavaScript, and kept by
a plain form without it."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from tests import factories
from tests.browser.conftest import axe_violations, screenshot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

BAMAKO = "Atelier national sur la RSS au Mali, Bamako"
NIAMEY = "Regional workshop on border security, Niamey"


@pytest.fixture
def register(portal):
    """Two events with a lesson each, one by ECOWAS and one by SADC, and a secretariat user."""
    user = factories.UserFactory(username="reviewer", language="en")
    user.groups.add(Group.objects.get(name="Secretariat"))
    events = {}
    for n, (title, acronym) in enumerate([(BAMAKO, "ECOWAS"), (NIAMEY, "SADC")]):
        start = dt.datetime(2022, 1, 26 + n, 9, 0, tzinfo=dt.UTC)
        events[title] = factories.EventFactory(
            title=title, start=start, end=start + dt.timedelta(hours=8)
        )
        factories.LessonFactory(
            title=f"Lesson of {title}",
            event=events[title],
            organisation=factories.organisation(acronym),
            stage="validated",
            visibility="public",
        )
    return events


def choose(page, field: str, typed: str, label: str) -> None:
    page.locator(f"#id_{field}-ts-control").fill(typed)
    page.locator(f"#id_{field}-ts-dropdown .option", has_text=label).first.click()


def results(page) -> list[str]:
    return page.locator(".lesson-result h2").all_inner_texts()


def test_secretariat_chooses_an_event_and_an_organisation_by_typing(
    page, portal, register, csp_violations
):
    sign_in(page, portal, "reviewer")
    page.goto(f"{portal}/lessons/")

    choose(page, "event", "Bamako", BAMAKO)
    choose(page, "organisation", "CEDEAO", "ECOWAS")
    # Clicked at once, while the organisation field still has focus.
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()

    assert results(page) == [f"Lesson of {BAMAKO}"]
    event_chosen = page.locator("#id_event-ts-control").locator("xpath=..").locator(".item")
    assert event_chosen.inner_text() == f"2022-01-26 – {BAMAKO}"
    organisation_chosen = page.locator("#id_organisation-ts-control")
    assert "ECOWAS" in organisation_chosen.locator("xpath=..").locator(".item").inner_text()
    screenshot(page, "lessons-register-filtered")
    assert axe_violations(page) == []

    # Another event, typed over the chosen one.
    choose(page, "event", "Niamey", NIAMEY)
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert results(page) == []
    assert event_chosen.inner_text() == f"2022-01-27 – {NIAMEY}"
    assert csp_violations == []


def test_without_javascript_a_linked_event_is_kept_and_can_be_cleared(browser, portal, register):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    event = register[NIAMEY]

    page.goto(f"{portal}/lessons/?event={event.pk}")
    assert results(page) == [f"Lesson of {NIAMEY}"]
    assert page.locator("#id_event option:checked").inner_text() == f"2022-01-27 – {NIAMEY}"

    page.select_option("#id_language", "en")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert results(page) == [f"Lesson of {NIAMEY}"]

    page.select_option("#id_event", "")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert sorted(results(page)) == [f"Lesson of {BAMAKO}", f"Lesson of {NIAMEY}"]
    context.close()
