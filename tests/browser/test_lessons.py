"""A lesson of the seed 002 workshop goes through review, is found and is suggested (issue 5)."""

import pytest
from django.contrib.auth.models import Group

from tests import factories
from tests.browser.conftest import axe_violations, sign_in
from workshops.demo import EVENT_002_TITLE, load_demo_data
from workshops.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Associer les OSC dès la préparation de l’atelier"
OBSERVATION = (
    "Les réformes du secteur de la sécurité ont été présentées aux OSC le jour même de l’atelier."
)
STATEMENT = "Les OSC doivent recevoir les documents de travail avant l’atelier."
REVISED_STATEMENT = (
    "Les OSC doivent recevoir les documents de travail deux semaines avant l’atelier."
)
RECOMMENDATION = "La CCSC-PURN envoie les documents de travail à ses membres."
RETURN_COMMENT = "Say how long before the workshop the documents should reach the CSOs."


@pytest.fixture
def secretariat(portal):
    user = factories.UserFactory(
        username="reviewer", first_name="Hana", last_name="Tesfaye", language="en"
    )
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


@pytest.fixture
def seed_002(portal):
    """Seed 002: the French workshop held in Bamako (Mali) in January 2022, which CCSC-PURN
    organised and which targets Mali (with the other demo records and users)."""
    load_demo_data()
    return Event.objects.get(title=EVENT_002_TITLE)


@pytest.fixture
def focal_point(seed_002):
    """A focal point of CCSC-PURN, the organiser of seed 002: it may submit lessons on it."""
    user = factories.UserFactory(
        username="focal.ccsc",
        first_name="Awa",
        last_name="Keita",
        language="en",
        organisation=factories.organisation("CCSC-PURN"),
    )
    user.groups.add(Group.objects.get(name="Focal point"))
    return user


def sign_out(page) -> None:
    page.click("header .dropdown-toggle")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()


def stage(page) -> str:
    """The stage the lesson page's "About this lesson" card shows."""
    return page.locator("dl.record-fields dt:text-is('Stage') + dd").inner_text()


def thread(page) -> list[str]:
    """The lesson page's moves and comments, oldest first, as their text."""
    return page.locator(".lesson-thread > li").all_inner_texts()


def move(page, button: str, comment: str = "") -> None:
    """Make the move of the "Next step" card whose button says ``button``."""
    form = page.locator("form.lesson-move", has=page.get_by_role("button", name=button))
    if comment:
        form.get_by_label("Comment").fill(comment)
    with page.expect_navigation():
        form.get_by_role("button", name=button).click()


def test_french_lesson_of_seed_002_is_reviewed_found_and_suggested_for_mali(
    page, portal, seed_002, focal_point, secretariat, csp_violations
):
    sign_in(page, portal, "focal.ccsc")
    page.goto(f"{portal}/lessons/new/?event={seed_002.pk}")
    page.fill("#id_title", TITLE)
    page.fill("#id_observation", OBSERVATION)
    page.fill("#id_statement", STATEMENT)
    page.fill("#id_recommendation", RECOMMENDATION)
    page.select_option("#id_countries", label="Mali")
    page.select_option("#id_language", "fr")

    with page.expect_navigation():
        page.get_by_role("button", name="Save and submit").click()
    lesson_url = page.url

    assert lesson_url.startswith(f"{portal}/lessons/")
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert EVENT_002_TITLE in page.locator("p", has_text="Identified at").inner_text()
    assert stage(page) == "Submitted"
    assert "Mali" in page.locator("dl.record-fields").inner_text()

    sign_out(page)
    sign_in(page, portal, "reviewer")
    page.goto(lesson_url)
    move(page, "Return to the author", RETURN_COMMENT)

    assert stage(page) == "Returned"
    (returned,) = [item for item in thread(page) if RETURN_COMMENT in item]
    assert returned.startswith("Hana Tesfaye")
    assert "to “returned”" in returned

    sign_out(page)
    sign_in(page, portal, "focal.ccsc")
    page.goto(lesson_url)

    assert RETURN_COMMENT in page.locator(".lesson-thread").inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Edit").click()
    page.fill("#id_statement", REVISED_STATEMENT)
    with page.expect_navigation():
        page.get_by_role("button", name="Save and submit").click()

    assert page.url == lesson_url
    assert stage(page) == "Submitted"
    assert REVISED_STATEMENT in page.locator("#statement-title + div").inner_text()

    sign_out(page)
    sign_in(page, portal, "reviewer")
    page.goto(lesson_url)
    move(page, "Validate")

    assert stage(page) == "Validated"
    assert thread(page)[-1].startswith("Hana Tesfaye")
    assert "to “validated”" in thread(page)[-1]

    page.goto(f"{portal}/lessons/")
    page.fill("input[name=q]", "réforme")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()

    results = page.locator(".lesson-result")
    assert page.get_by_text("1 lesson found").is_visible()
    assert results.get_by_role("link").inner_text() == TITLE
    # The fallback marks the word typed within "réformes"; PostgreSQL marks the whole word.
    assert results.locator(".lesson-headline mark").all_inner_texts() in (
        ["réforme"],
        ["réformes"],
    )

    page.goto(f"{portal}/workshops/new/")
    suggestions = page.locator("#lessons-to-consider")
    suggestions.get_by_text("Choose countries, thematic areas or organisers").wait_for()
    page.locator("#div_id_target_countries").get_by_label("Mali", exact=True).check()
    suggestions.locator("li", has_text=TITLE).wait_for()

    (suggested,) = suggestions.locator("li").all()
    assert suggested.get_by_role("link").inner_text() == TITLE
    assert suggested.get_by_role("link").get_attribute("href") == lesson_url.removeprefix(portal)
    assert " ".join(suggested.locator(".lesson-why").inner_text().split()) == (
        "Why: same country (Mali)"
    )
    assert csp_violations == []


def test_register_finds_a_french_lesson_by_another_form_of_its_word(
    page, portal, secretariat, on_postgresql
):
    """Only stemming finds it: "réformer" is not in "réformes", but both stem to "reform"."""
    factories.LessonFactory(title=TITLE, language="fr", observation=OBSERVATION, stage="validated")
    sign_in(page, portal, "reviewer")
    page.goto(f"{portal}/lessons/")

    page.fill("input[name=q]", "réformer")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()

    results = page.locator(".lesson-result")
    assert results.get_by_role("link").inner_text() == TITLE
    assert results.locator(".lesson-headline mark").all_inner_texts() == ["réformes"]


@pytest.mark.parametrize(
    "where",
    [
        "register",
        "search",
        "lesson",
    ],
)
def test_lesson_pages_have_no_serious_accessibility_violation(page, portal, secretariat, where):
    lesson = factories.LessonFactory(
        title=TITLE, language="fr", observation=OBSERVATION, stage="submitted"
    )
    sign_in(page, portal, "reviewer")
    path = {
        "register": "/lessons/",
        "search": "/lessons/?q=r%C3%A9forme",
        "lesson": f"/lessons/{lesson.pk}/",
    }

    page.goto(portal + path[where])

    assert axe_violations(page) == []
