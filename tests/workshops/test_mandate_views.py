import datetime as dt
import io
import re
import zoneinfo
from html import unescape

import pytest
from django.core.management import call_command

from partners.models import Organisation
from tests import factories
from workshops.demo import MANDATE_000_OBJECTIVES, MANDATE_000_OUTPUTS
from workshops.models import Mandate, Source

pytestmark = pytest.mark.django_db


# The headings of an ISSAT mandate record (seed 000), in their order, with the requester and
# the beneficiary, which the records name apart from the mandating organisation.
ISSAT_HEADINGS = [
    "Target country",
    "Requested by",
    "Mandating organisation / agency / department / ministry",
    "Beneficiaries",
    "Target organisation type(s)",
    "Mandate outputs / products",
    "Outcome objectives of mandate",
    "Start date",
    "End date",
    "Specific Lessons Identified",
    "Sources",
]


def text(html: str) -> str:
    """What a reader sees (and a screen reader hears): tags dropped, spaces collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(page: str, heading: str) -> str:
    """The text under an <h2> to the end of its section."""
    match = re.search(rf"<h2[^>]*>{re.escape(heading)}</h2>(.*?)</section>", page, re.S)
    assert match, f"no heading {heading!r}"
    return text(match.group(1))


def seed_000(client, user):
    call_command("seed_demo", stdout=io.StringIO())
    client.force_login(user)
    return Mandate.objects.get(title="AU/REC Workshop")


# --- The list -------------------------------------------------------------------------------------


def test_list_shows_title_organisations_dates_status_and_number_of_events(client, focal_point_user):
    mandate = factories.MandateFactory(status="active")
    mandate.mandating_organisations.set([factories.organisation("ECOWAS")])
    factories.EventFactory.create_batch(2, mandate=mandate)
    factories.MandateFactory(title="Border management support", start_date=None, end_date=None)
    client.force_login(focal_point_user)

    response = client.get("/mandates/")

    rows = re.findall(r"<tr>(.*?)</tr>", response.content.decode(), re.S)[1:]
    assert [text(row) for row in rows] == [
        "AU/REC Workshop ECOWAS 1–17 December 2016 Active 2",
        "Border management support — not given — not given Requested 0",
    ]
    assert "2 mandates" in text(response.content.decode())


def test_list_searches_title_and_description_and_filters_by_status(client, secretariat_user):
    factories.MandateFactory(title="AU/REC Workshop", status="completed")
    factories.MandateFactory(
        title="Support to ECOWAS", description="Joint assessment of border guards", status="active"
    )
    factories.MandateFactory(title="Border police training", status="requested")
    client.force_login(secretariat_user)

    by_word = client.get("/mandates/", {"q": "border"})
    by_status = client.get("/mandates/", {"q": "border", "status": "active"})
    by_two_words = client.get("/mandates/", {"q": "AU/REC workshop"})

    assert [m.title for m in by_word.context["mandates"]] == [
        "Border police training",
        "Support to ECOWAS",
    ]
    assert [m.title for m in by_status.context["mandates"]] == ["Support to ECOWAS"]
    assert [m.title for m in by_two_words.context["mandates"]] == ["AU/REC Workshop"]


def test_list_says_when_nothing_matches_and_ignores_an_unknown_status(client, secretariat_user):
    factories.MandateFactory()
    client.force_login(secretariat_user)

    nothing = client.get("/mandates/", {"q": "maritime"})
    unknown_status = client.get("/mandates/", {"status": "lost"})

    assert "No mandate matches this search." in nothing.content.decode()
    assert unknown_status.status_code == 200
    assert "Select a valid choice" in unknown_status.content.decode()


def test_list_is_paginated_and_keeps_the_search_in_page_links(client, secretariat_user):
    factories.MandateFactory.create_batch(30, title="Police reform support")
    client.force_login(secretariat_user)

    first = client.get("/mandates/", {"q": "police"})
    second = client.get("/mandates/", {"q": "police", "page": 2})

    assert len(first.context["mandates"]) == 25
    assert 'href="?q=police&amp;page=2"' in first.content.decode()
    assert len(second.context["mandates"]) == 5


def test_new_mandate_button_is_for_editors_only(client, secretariat_user, focal_point_user):
    client.force_login(focal_point_user)
    as_focal_point = client.get("/mandates/").content.decode()
    client.force_login(secretariat_user)
    as_secretariat = client.get("/mandates/").content.decode()

    assert "New mandate" not in as_focal_point
    assert 'href="/mandates/new/"' in as_secretariat


@pytest.mark.parametrize("mandates", [1, 200])
def test_list_costs_the_same_queries_for_one_or_many_mandates(
    client, secretariat_user, django_assert_max_num_queries, mandates
):
    ecowas, sadc = factories.organisation("ECOWAS"), factories.organisation("SADC")
    for mandate in factories.MandateFactory.create_batch(mandates):
        mandate.mandating_organisations.set([ecowas, sadc])
        factories.EventFactory(mandate=mandate)
    client.force_login(secretariat_user)
    client.get("/mandates/")

    # The user, the count, the page of mandates with their events counted, their organisations.
    with django_assert_max_num_queries(4):
        response = client.get("/mandates/")

    assert response.status_code == 200


# --- The page of a mandate ------------------------------------------------------------------------


def test_seed_000_reads_like_its_issat_record(client, focal_point_user):
    mandate = seed_000(client, focal_point_user)

    response = client.get(f"/mandates/{mandate.pk}/")

    page = response.content.decode()
    headings = [text(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)]
    assert headings[: len(ISSAT_HEADINGS)] == ISSAT_HEADINGS
    assert text(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)) == "AU/REC Workshop"
    assert "1–17 December 2016" in text(page)
    assert page.index("The aim of the workshop is to enhance") < page.index(
        ">Mandating organisation / agency / department / ministry<"
    )
    assert section(page, "Target country") == "— not given"
    assert section(page, "Requested by") == "— not given"
    assert section(page, "Mandating organisation / agency / department / ministry") == (
        "— not given"
    )
    assert section(page, "Beneficiaries") == "— not given"
    assert section(page, "Target organisation type(s)") == "— not given"
    assert section(page, "Start date") == "1 December 2016"
    assert section(page, "End date") == "17 December 2016"
    assert section(page, "Specific Lessons Identified") == (
        "Lessons identified at the events of this mandate"
    )
    assert section(page, "Sources") == "No source given."
    assert "Earlier version" not in page


def test_seed_000_lists_its_two_outputs_and_seven_numbered_objectives_in_order(
    client, secretariat_user
):
    mandate = seed_000(client, secretariat_user)

    page = client.get(f"/mandates/{mandate.pk}/").content.decode()

    outputs = re.search(r'<ul lang="en">(.*?)</ul>', page, re.S).group(1)
    objectives = re.search(r'<ol class="numbered-list" lang="en">(.*?)</ol>', page, re.S).group(1)
    assert [text(li) for li in re.findall(r"<li>(.*?)</li>", outputs, re.S)] == [
        text(output) for output in MANDATE_000_OUTPUTS
    ]
    assert re.findall(r'<li value="(\d+)"[^>]*>(.*?)</li>', objectives, re.S) == [
        (str(number), objective) for number, objective in enumerate(MANDATE_000_OBJECTIVES, 1)
    ]


def test_seed_000_shows_its_dates_in_french_for_a_french_reader(client, secretariat_user):
    mandate = seed_000(client, secretariat_user)
    secretariat_user.language = "fr"  # after the seed, which sets the demo users' languages
    secretariat_user.save()

    page = client.get(f"/mandates/{mandate.pk}/").content.decode()

    assert "1–17 décembre 2016" in text(page)
    assert '<html lang="fr"' in page
    assert '<h1 class="h3 me-auto mb-0" id="mandate-title" lang="en">AU/REC Workshop</h1>' in page


def test_seed_000_shows_its_event_and_the_objectives_it_serves(client, secretariat_user):
    mandate = seed_000(client, secretariat_user)

    page = client.get(f"/mandates/{mandate.pk}/").content.decode()

    events = section(page, "Events held under this mandate")
    assert "AU/REC Workshop serves objectives 1, 2, 3, 4, 5, 6, 7" in events
    assert "1–17 December 2016 Held" in events
    assert "outside the mandate's dates" not in events
    assert "Events serving each objective 1 1 1 1 1 1 1" in events


def test_page_shows_which_events_serve_each_objective(client, focal_point_user):
    mandate = factories.MandateFactory(
        start_date=dt.date(2017, 3, 1), end_date=dt.date(2017, 6, 30)
    )
    first, _second, third = (
        factories.MandateObjectiveFactory(mandate=mandate, position=position)
        for position in (1, 2, 3)
    )
    assessment = factories.EventFactory(
        title="Joint assessment mission, Banjul",
        mandate=mandate,
        status="held",
        start=dt.datetime(2017, 3, 6, 9, tzinfo=dt.UTC),
        end=dt.datetime(2017, 3, 10, 17, tzinfo=dt.UTC),
    )
    assessment.served_objectives.set([first, third])
    factories.EventFactory(
        title="Validation meeting, Banjul",
        mandate=mandate,
        status="planned",
        start=dt.datetime(2017, 6, 1, 9, tzinfo=dt.UTC),
        end=dt.datetime(2017, 6, 1, 13, tzinfo=dt.UTC),
    )
    factories.EventFactory(title="Someone else's workshop")
    client.force_login(focal_point_user)

    response = client.get(f"/mandates/{mandate.pk}/")

    events = section(response.content.decode(), "Events held under this mandate")
    assert events.count("Banjul") == 2
    assert "Someone else's workshop" not in events
    assert (
        "Joint assessment mission, Banjul serves objectives 1, 3 6–10 March 2017 "
        "Held ✓ serves objective 1 ✓ serves objective 3"
    ) in events
    assert (
        "Validation meeting, Banjul serves no outcome objective yet 1 June 2017 Planned" in events
    )
    assert "Events serving each objective 1 0 1" in events


def test_page_without_events_or_objectives_says_so(client, focal_point_user):
    mandate = factories.MandateFactory(start_date=None, end_date=None)
    client.force_login(focal_point_user)

    page = client.get(f"/mandates/{mandate.pk}/").content.decode()

    assert section(page, "Outcome objectives of mandate") == "— not given"
    assert section(page, "Start date") == "— not given"
    assert "No event is held under this mandate yet." in page


def test_edit_button_is_for_editors_only(client, secretariat_user, focal_point_user):
    mandate = factories.MandateFactory()

    client.force_login(focal_point_user)
    as_focal_point = client.get(f"/mandates/{mandate.pk}/").content.decode()
    client.force_login(secretariat_user)
    as_secretariat = client.get(f"/mandates/{mandate.pk}/").content.decode()

    assert f'href="/mandates/{mandate.pk}/edit/"' not in as_focal_point
    assert f'href="/mandates/{mandate.pk}/edit/"' in as_secretariat


def test_unknown_mandate_is_not_found(client, secretariat_user):
    client.force_login(secretariat_user)

    assert client.get("/mandates/999999/").status_code == 404


@pytest.mark.parametrize("rows", [1, 200])
def test_page_costs_the_same_queries_for_one_or_many_events_objectives_sources_and_versions(
    client, secretariat_user, django_assert_max_num_queries, rows
):
    mandate = factories.MandateFactory()
    papses = list(Organisation.objects.filter(acronym="PAPS"))
    mandate.requesters.set([factories.organisation("ECOWAS")])
    mandate.mandating_organisations.set([factories.organisation("AUC"), *papses])
    mandate.beneficiaries.set(papses)
    mandate.target_countries.set([factories.country("ML")])
    factories.MandateOutputFactory.create_batch(rows, mandate=mandate)
    objectives = factories.MandateObjectiveFactory.create_batch(min(rows, 20), mandate=mandate)
    for event in factories.EventFactory.create_batch(rows, mandate=mandate):
        event.served_objectives.set(objectives[::2])
        factories.EventTranslationFactory(event=event)
    factories.EventFactory(mandate=mandate, start=None, end=None, status="planned")
    Source.objects.bulk_create(
        Source(mandate=mandate, position=n, headline=f"Communiqué {n}", url="https://au.int/")
        for n in range(1, rows + 1)
    )
    for day in range(1, min(rows, 20) + 1):
        mandate.start_date = dt.date(2016, 11, day)
        mandate.save()
    secretariat_user.language = "fr"  # the French titles of the events are read too
    secretariat_user.save()
    client.force_login(secretariat_user)
    client.get(f"/mandates/{mandate.pk}/")

    # The user, the mandate, its requesters, mandating organisations and beneficiaries (each
    # with its parent), target countries, target organisation types, outputs, objectives,
    # sources, its latest versions, and its events joined to the objectives they serve.
    with django_assert_max_num_queries(12):
        response = client.get(f"/mandates/{mandate.pk}/")

    assert response.status_code == 200
    assert len(response.context["events"]) == rows + 1
    assert len(response.context["earlier_versions"]) == min(rows, 5)


def test_the_two_paps_are_told_apart_by_their_parent(client, secretariat_user):
    mandate = factories.MandateFactory()
    mandate.beneficiaries.set(Organisation.objects.filter(acronym="PAPS"))
    client.force_login(secretariat_user)

    page = client.get(f"/mandates/{mandate.pk}/").content.decode()

    assert section(page, "Beneficiaries") == (
        "PAPS – Political Affairs, Peace and Security (AUC) "
        "PAPS – Political Affairs, Peace and Security (ECOWAS)"
    )


# --- A mandate's dates and its events' ------------------------------------------------------------


def event_rows(page: str) -> dict[str, str]:
    """Each event's row of the mandate page, by its title."""
    table = re.search(r'<table class="table align-middle mandate-events".*?</table>', page, re.S)
    rows = [text(row) for row in re.findall(r"<tr>(.*?)</tr>", table.group(), re.S)[1:]]
    return {row.split(" serves")[0]: row for row in rows if " serves" in row}


def test_an_event_outside_the_mandates_dates_has_a_note_one_inside_or_undated_has_none(
    client, focal_point_user
):
    mandate = factories.MandateFactory()  # 1–17 December 2016
    objective = factories.MandateObjectiveFactory(mandate=mandate, position=1)
    banjul = zoneinfo.ZoneInfo("Africa/Banjul")
    for title, start, end, status in [
        (
            "Joint assessment mission to The Gambia",
            dt.datetime(2016, 11, 28, 9, tzinfo=banjul),
            dt.datetime(2016, 12, 2, 17, tzinfo=banjul),
            "held",
        ),
        (
            "Validation meeting of the assessment report",
            dt.datetime(2017, 1, 19, 9, tzinfo=banjul),
            dt.datetime(2017, 1, 19, 13, tzinfo=banjul),
            "planned",
        ),
        ("Follow-up meeting with the national SSR office", None, None, "planned"),
    ]:
        event = factories.EventFactory(
            title=title, mandate=mandate, start=start, end=end, status=status, time_zone=banjul.key
        )
        event.served_objectives.set([objective])
    # All day in Addis Ababa: its first day starts at 21:00 UTC the day before, still inside.
    addis = zoneinfo.ZoneInfo("Africa/Addis_Ababa")
    factories.EventFactory(
        title="AU/REC Workshop",
        mandate=mandate,
        status="held",
        start=dt.datetime(2016, 12, 1, tzinfo=addis),
        end=dt.datetime(2016, 12, 17, tzinfo=addis),
        all_day=True,
        time_zone=addis.key,
    ).served_objectives.set([objective])
    client.force_login(focal_point_user)

    page = client.get(f"/mandates/{mandate.pk}/").content.decode()

    assert event_rows(page) == {
        "AU/REC Workshop": "AU/REC Workshop serves objective 1 1–17 December 2016 Held ✓ serves "
        "objective 1",
        "Joint assessment mission to The Gambia": "Joint assessment mission to The Gambia serves "
        "objective 1 28 November – 2 December 2016 Held outside the mandate's dates, "
        "1–17 December 2016 Held ✓ serves objective 1",
        "Validation meeting of the assessment report": "Validation meeting of the assessment "
        "report serves objective 1 19 January 2017 Planned outside the mandate's dates, "
        "1–17 December 2016 Planned ✓ serves objective 1",
        "Follow-up meeting with the national SSR office": "Follow-up meeting with the national "
        "SSR office serves objective 1 Date not known yet Planned ✓ serves objective 1",
    }
    assert list(event_rows(page)) == [
        "Joint assessment mission to The Gambia",
        "AU/REC Workshop",
        "Validation meeting of the assessment report",
        "Follow-up meeting with the national SSR office",
    ]


def test_a_mandate_with_a_start_only_flags_only_events_before_it(client, secretariat_user):
    mandate = factories.MandateFactory(start_date=dt.date(2019, 3, 1), end_date=None)
    for title, day in [("Inception meeting", 20), ("Regional seminar", 2)]:
        factories.EventFactory(
            title=title,
            mandate=mandate,
            status="held",
            start=dt.datetime(2019, 2 if day == 20 else 4, day, 9, tzinfo=dt.UTC),
            end=dt.datetime(2019, 2 if day == 20 else 4, day, 17, tzinfo=dt.UTC),
        )
    client.force_login(secretariat_user)

    page = client.get(f"/mandates/{mandate.pk}/").content.decode()

    events = section(page, "Events held under this mandate")
    assert "20 February 2019 Held outside the mandate's dates, from 1 March 2019 Held" in events
    assert "2 April 2019 Held" in events
    assert events.count("outside the mandate's dates") == 1
    assert "from 1 March 2019" in text(re.search(r'<p class="lead.*?</p>', page, re.S).group())


# --- Statuses -------------------------------------------------------------------------------------


def test_an_unsupported_request_is_listed_and_found_by_its_status(client, secretariat_user):
    factories.MandateFactory(
        title="Support to the review of the defence policy", status="unsupported"
    )
    factories.MandateFactory(title="AU/REC Workshop", status="active")
    client.force_login(secretariat_user)

    everything = client.get("/mandates/")
    unsupported = client.get("/mandates/", {"status": "unsupported"})

    assert '<option value="unsupported">unsupported</option>' in everything.content.decode()
    rows = re.findall(r"<tr>(.*?)</tr>", unsupported.content.decode(), re.S)[1:]
    assert [text(row) for row in rows] == [
        "Support to the review of the defence policy — not given 1–17 December 2016 Unsupported 0"
    ]
