"""A big event's participants and notices pages in the browser: pages of 50, a bulk change on
the second page, and the preview's participant chosen by typing."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from partners.models import Person
from tests import factories
from tests.browser.conftest import axe_violations, screenshot, sign_in
from workshops.models import Participant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def secretariat(portal):
    user = factories.UserFactory(username="secretariat", language="en")
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


@pytest.fixture
def big_event(portal):
    """An event a month ahead with 60 participants, and John Okello among them."""
    start = timezone.now() + dt.timedelta(days=30)
    event = factories.EventFactory(
        title="Validation workshop", start=start, end=start + dt.timedelta(hours=6)
    )
    people = Person.objects.bulk_create(
        Person(full_name=f"Participant {n:02}", email=f"p{n}@example.org") for n in range(59)
    )
    Participant.objects.bulk_create(Participant(event=event, person=p) for p in people)
    factories.ParticipantFactory(
        event=event, person__full_name="John Okello", person__email="j.okello@example.org"
    )
    return event


def test_a_bulk_change_on_the_second_page_stays_there(
    page, portal, secretariat, big_event, csp_violations
):
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/workshops/{big_event.pk}/participants/")

    page.get_by_role("navigation", name="Pages of participants").get_by_role(
        "link", name="2", exact=True
    ).click()
    page.get_by_label("Select all participants of this page").check()
    page.select_option("#id_change", "answer:confirmed")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply to the selected participants").click()

    assert page.url.endswith(f"/workshops/{big_event.pk}/participants/?page=2")
    page.get_by_text("Answer “confirmed” recorded for 10 participants.").wait_for()
    assert "confirmed: 10" in page.locator(".participants-counts").inner_text()
    screenshot(page, "participants-page-2")
    assert axe_violations(page) == []
    assert csp_violations == []


def test_the_preview_participant_is_found_by_typing(
    page, portal, secretariat, big_event, csp_violations
):
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/workshops/{big_event.pk}/notices/")

    chosen = page.locator("#id_participant-ts-control").locator("xpath=..").locator(".item")
    first = chosen.inner_text()
    page.locator("#id_participant-ts-control").fill("okel")
    page.locator("#id_participant-ts-dropdown .option", has_text="John Okello").first.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Preview").click()

    assert first == "Mr. John Okello · j.okello@example.org"  # the first by name with an address
    assert "Dear Mr. John Okello," in page.locator(".notice-preview-text").inner_text()
    screenshot(page, "notice-preview-typed")
    assert csp_violations == []


def test_the_notices_page_of_a_big_event_has_no_serious_accessibility_violation(
    page, portal, secretariat, big_event
):
    sign_in(page, portal, "secretariat")

    page.goto(f"{portal}/workshops/{big_event.pk}/notices/?invite_page=2")

    assert page.locator("input[name=participants]").count() == 10
    assert axe_violations(page) == []
