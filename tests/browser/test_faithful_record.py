"""The secretariat enters a whole press release in the browser, from scratch (issue 11): whole
days given as a start and a number of days, ECOWAS found by its French acronym, a missing
network added in place after its look-alike, participant groups counted as the release counts
them, its source with its own publication date, and a link to the mission it follows up."""

import datetime as dt
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from partners.models import Country, Organisation
from tests import factories
from tests.browser.conftest import axe_violations, screenshot, sign_in
from workshops.models import Event
from workshops.models.event import END_OF_DAY

pytestmark = pytest.mark.django_db(transaction=True)

BISSAU = zoneinfo.ZoneInfo("Africa/Bissau")
TITLE = "Regional training on civilian oversight of the security sector, Praia"
MISSION = "Joint assessment mission on security sector reform in Guinea-Bissau"
NETWORK = "Rede Nacional da Sociedade Civil de Cabo Verde"
GROUP = "Parliamentarians and civil society representatives"
HEADLINE = "Praia acolhe formação regional sobre o controlo civil do sector da segurança"


@pytest.fixture
def secretariat(portal):
    user = factories.UserFactory(username="secretariat", language="en")
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


@pytest.fixture
def mission(portal):
    """The earlier event the training follows up: five whole days in Bissau, March 2017."""
    return factories.EventFactory(
        title=MISSION,
        kind="joint_assessment_mission",
        status="held",
        format="in_person",
        start=dt.datetime(2017, 3, 13, tzinfo=BISSAU),
        end=dt.datetime.combine(dt.date(2017, 3, 17), END_OF_DAY, tzinfo=BISSAU),
        all_day=True,
        time_zone=BISSAU.key,
        city="Bissau",
        country=Country.objects.get(iso2="GW"),
    )


def row(page, prefix: str, index: int):
    """Row ``index`` of a formset, added with its "Add a ..." button when the form has fewer."""
    rows = page.locator(f"#{prefix}-section [data-formset-row]")
    while rows.count() <= index:
        before = rows.count()
        page.click(f"#{prefix}-section [data-formset-add]")
        rows.nth(before).wait_for()  # the first "Add" of a list asks the page for its row
    return rows.nth(index)


def type_in_picker(page, select_id: str, typed: str) -> None:
    page.locator(f"#{select_id}-ts-control").fill(typed)
    page.locator(f"#{select_id}-ts-dropdown .option").first.wait_for()


def choose(page, select_id: str, typed: str, label: str) -> None:
    """Type in a search-as-you-type field and pick the option the search answers."""
    type_in_picker(page, select_id, typed)
    page.locator(f"#{select_id}-ts-dropdown .option", has_text=label).first.click()
    page.keyboard.press("Escape")


def chosen(page, select_id: str) -> list[str]:
    """The labels a single-choice search-as-you-type field shows as chosen."""
    items = page.locator(f"#{select_id}-ts-control").locator("xpath=..").locator(".item")
    return [text.strip() for text in items.all_inner_texts()]


def add_network_in_place(page, select_id: str) -> None:
    """Type the network's name, which the directory lacks, and add it from the picker: the
    modal shows the look-alike first, then the officer confirms a new organisation."""
    type_in_picker(page, select_id, NETWORK)
    page.locator(f"#{select_id}-ts-dropdown .create").click()
    modal = page.locator(".search-select-modal.show")
    modal.wait_for()
    assert modal.locator("#id_name").input_value() == NETWORK
    modal.locator("#id_acronym").fill("RNSC-CV")
    modal.locator("#id_kind").select_option("civil_society")
    modal.locator("#id_headquarters").select_option(label="Cabo Verde")
    modal.locator("button[type=submit]", has_text="Add the organisation").click()

    alikes = modal.locator(".organisation-alikes")
    alikes.wait_for()
    assert "Rede Nacional da Sociedade Civil de Cabo Verde para os Direitos Humanos" in (
        alikes.inner_text()
    )
    screenshot(page, "faithful-record-look-alikes-en", full_page=False)
    assert axe_violations(page) == []
    modal.locator("button", has_text="None of these: add it as a new organisation").click()
    # Once the modal has faded out, the picker takes the focus back: wait for that, or it
    # would close the next picker's options while they are being typed for.
    page.locator(".modal-backdrop").wait_for(state="detached")
    expect(page.locator(f"#{select_id}-ts-control")).to_be_focused()


def fill_the_press_release(page, mission_pk: int) -> None:
    page.fill("#id_title", TITLE)
    page.select_option("#id_kind", "training")
    page.select_option("#id_status", "held")
    page.select_option("#id_language", "en")
    page.fill(
        "#id_summary",
        "Three days of training for members of parliament and civil society on the "
        "oversight of defence and security forces, opened by the ECOWAS Commission in Praia.",
    )
    page.fill("#id_start_date", "2023-05-04")
    page.fill("#id_duration_days", "3")
    choose(page, "id_time_zone", "cape verde", "Atlantic/Cape Verde")
    page.select_option("#id_format", "in_person")
    page.fill("#id_venue", "Assembleia Nacional")
    page.fill("#id_city", "Praia")
    page.select_option("#id_country", label="Cabo Verde")

    row(page, "organisers", 0)
    choose(page, "id_organisers-0-organisation", "CEDEAO", "ECOWAS – Economic Community")
    page.select_option("#id_organisers-0-role", "organiser")
    choose(page, "id_organisers-0-represented_by", "Sanogo", "Fatoumata Sanogo")
    page.fill("#id_organisers-0-capacity", "Head of the Regional Security Division")
    row(page, "organisers", 1)
    add_network_in_place(page, "id_organisers-1-organisation")
    assert chosen(page, "id_organisers-1-organisation") == [f"RNSC-CV – {NETWORK}"]
    page.select_option("#id_organisers-1-role", "facilitator")

    group = row(page, "groups", 0)
    group.locator("[name$=-name]").fill(GROUP)
    group.locator("[name$=-count_kind]").select_option("reported")
    group.locator("[name$=-count_approximation]").select_option("about")
    group.locator("[name$=-count]").fill("40")
    group.locator("[name$=-description]").fill(
        "Members of the defence and security committees of the two national assemblies, and "
        "members of national civil society networks."
    )
    choose(page, "id_groups-0-organisations", "RNSC", NETWORK)
    # Countries are typed too, in any language and without accents ("Guinee" finds it).
    choose(page, "id_groups-0-countries", "Cabo", "Cabo Verde")
    choose(page, "id_groups-0-countries", "Guinee-B", "Guinea-Bissau")
    # A second group, in a row the form adds: its picker is set up as it appears.
    experts = row(page, "groups", 1)
    experts.locator("[name$=-name]").fill("Experts of the ECOWAS Commission")
    experts.locator("[name$=-count_kind]").select_option("reported")
    experts.locator("[name$=-count_approximation]").select_option("at_least")
    experts.locator("[name$=-count]").fill("6")
    choose(page, "id_groups-1-organisations", "CEDEAO", "ECOWAS – Economic Community")
    page.select_option("#id_reported_participants_approximation", "about")
    page.fill("#id_reported_participants", "120")
    page.select_option("#id_reported_women_approximation", "at_least")
    page.fill("#id_reported_women", "45")

    link = row(page, "links", 0)
    link.locator("[name$=-kind]").select_option("follow_up")
    choose(page, "id_links-0-to_event", "Guinea-Bissau", MISSION)
    assert page.locator("#id_links-0-to_event").input_value() == str(mission_pk)

    source = row(page, "sources", 0)
    source.locator("[name$=-headline]").fill(HEADLINE)
    source.locator("[name$=-url]").fill(
        "https://www.inforpress.cv/formacao-controlo-civil-seguranca"
    )
    source.locator("[name$=-published_on]").fill("2023-05-09")
    source.locator("[name$=-dateline]").fill("Praia")
    source.locator("[name$=-language]").select_option("pt")


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def switch_language(page, code: str) -> None:
    with page.expect_navigation():
        page.select_option("#language-select", code)


def test_secretariat_enters_a_training_from_its_press_release_and_the_page_says_it_all(
    page, portal, secretariat, mission, csp_violations
):
    ecowas = Organisation.objects.get(acronym="ECOWAS")
    factories.PersonFactory(title="Ms.", full_name="Fatoumata Sanogo", organisation=ecowas)
    factories.OrganisationFactory(
        name="Rede Nacional da Sociedade Civil de Cabo Verde para os Direitos Humanos"
    )
    javascript_errors = []
    page.on("pageerror", lambda error: javascript_errors.append(str(error)))
    sign_in(page, portal, "secretariat")
    page.goto(f"{portal}/workshops/new/")

    fill_the_press_release(page, mission.pk)
    screenshot(page, "faithful-record-form-en")
    page.click("text=Save the event")
    page.wait_for_url(f"{portal}/workshops/*/")

    event = Event.objects.get(title=TITLE)
    assert (event.all_day, event.open_end) == (True, False)
    assert (event.local_start.date(), event.local_end.date()) == (
        dt.date(2023, 5, 4),
        dt.date(2023, 5, 6),
    )
    network = Organisation.objects.get(name=NETWORK)
    assert (network.acronym, network.kind, network.headquarters.iso2) == (
        "RNSC-CV",
        "civil_society",
        "CV",
    )
    assert page.locator("p.lead").first.inner_text() == "4–6 May 2023"
    when = page.locator("dt:text-is('When') + dd").inner_text()
    assert when == "4–6 May 2023"
    who = lines(page.locator("dt:text-is('Who') + dd").inner_text())
    assert who == [
        "Organised by",
        "Economic Community of West African States (ECOWAS) — Ms. Fatoumata Sanogo, "
        "Head of the Regional Security Division",
        "Facilitated by",
        f"{NETWORK} (RNSC-CV)",
    ]
    where = page.locator("dt:text-is('Where') + dd").inner_text()
    assert "Assembleia Nacional" in where
    assert "Praia" in where
    participants = page.locator("section[aria-labelledby=participants-title]")
    assert participants.locator(".reported-total").inner_text() == (
        "Reported: about 120 participants, of whom at least 45 women."
    )
    groups = participants.locator(".participant-group")
    assert groups.nth(0).locator("div.mb-1").first.inner_text() == f"{GROUP} (about 40)"
    assert "Organisations: RNSC-CV" in groups.nth(0).inner_text()
    assert "From: Cabo Verde, Guinea-Bissau" in groups.nth(0).inner_text()
    assert groups.nth(1).locator("div.mb-1").first.inner_text() == (
        "Experts of the ECOWAS Commission (at least 6)"
    )
    sources = page.locator("section[aria-labelledby=sources-title]")
    assert sources.locator(".source-headline").inner_text() == HEADLINE
    assert sources.locator(".source-headline").get_attribute("href") == (
        "https://www.inforpress.cv/formacao-controlo-civil-seguranca"
    )
    assert sources.locator(".source-details").inner_text() == (
        "published 9 May 2023, Praia · Portuguese"
    )
    links = page.locator("section[aria-labelledby=links-title] li").all_inner_texts()
    assert links == [f"Follows up: {MISSION} (13–17 March 2017)"]
    assert "00:00" not in page.locator("main").inner_text()
    assert "Your time" not in page.locator("main").inner_text()
    screenshot(page, "faithful-record-page-en")
    assert axe_violations(page) == []

    page.click(f"section[aria-labelledby=links-title] a:text-is('{MISSION}')")
    page.wait_for_url(f"{portal}/workshops/{mission.pk}/")
    back = page.locator("section[aria-labelledby=links-title] li").all_inner_texts()
    assert back == [f"Followed up by: {TITLE} (4–6 May 2023)"]

    page.goto(f"{portal}/workshops/{event.pk}/")
    switch_language(page, "fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("p.lead").first.inner_text() == "4–6 mai 2023"
    who = page.locator("dt:text-is('Qui') + dd").inner_text()
    assert "Organisé par" in who
    assert "CEDEAO" in who
    assert "Animé par" in who
    assert "9 mai 2023, Praia" in page.locator(".source-details").inner_text()
    screenshot(page, "faithful-record-page-fr")
    assert javascript_errors == []
    assert csp_violations == []
