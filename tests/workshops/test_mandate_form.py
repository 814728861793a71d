"""The mandate form: create and edit a mandate with ordered outputs and outcome objectives."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from partners.models import Organisation
from tests import factories
from tests.workshops.test_event_form import error_next_to, form_data, set_rows
from tests.workshops.test_mandate_views import section, text
from workshops import services, versions
from workshops.demo import MANDATE_000_OBJECTIVES, MANDATE_000_OUTPUTS
from workshops.models import Mandate, MandateObjective, MandateOutput, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def seed_000_data(client) -> dict:
    data = form_data(client.get("/mandates/new/"))
    data.update(
        title="AU/REC Workshop",
        description=(
            "The aim of the workshop is to enhance institutional coordination in SSR support "
            "between the AU Commission and Regional Economic Communities and Regional "
            "Mechanisms through joint planning and review."
        ),
    )
    set_rows(data, "outputs", [{"text": text} for text in MANDATE_000_OUTPUTS])
    set_rows(data, "objectives", [{"text": text} for text in MANDATE_000_OBJECTIVES])
    return data


def test_creating_seed_000_saves_seven_objectives_and_two_outputs_with_empty_fields(secretariat):
    data = seed_000_data(secretariat)

    response = secretariat.post("/mandates/new/", data)

    mandate = Mandate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/mandates/{mandate.pk}/"
    assert list(mandate.objectives.values_list("position", "text")) == list(
        enumerate(MANDATE_000_OBJECTIVES, 1)
    )
    assert list(mandate.outputs.values_list("position", "text")) == list(
        enumerate(MANDATE_000_OUTPUTS, 1)
    )
    assert (mandate.start_date, mandate.end_date) == (None, None)
    assert mandate.target_countries.count() == 0
    assert mandate.mandating_organisations.count() == 0
    assert mandate.target_organisation_types.count() == 0
    assert mandate.status == "requested"
    messages = [str(m) for m in secretariat.get(response["Location"]).context["messages"]]
    assert messages == ["Mandate created."]


def test_the_other_fields_are_saved(secretariat):
    data = seed_000_data(secretariat)
    data.update(
        start_date="2016-12-01",
        end_date="2016-12-17",
        status="active",
        mandating_organisations=[str(factories.organisation("AUC").pk)],
        target_countries=[str(factories.country("ML").pk), str(factories.country("NE").pk)],
    )

    secretariat.post("/mandates/new/", data)

    mandate = Mandate.objects.get()
    assert (mandate.start_date, mandate.end_date) == (dt.date(2016, 12, 1), dt.date(2016, 12, 17))
    assert mandate.status == "active"
    assert list(mandate.mandating_organisations.values_list("acronym", flat=True)) == ["AUC"]
    assert sorted(mandate.target_countries.values_list("iso2", flat=True)) == ["ML", "NE"]


def test_end_date_before_start_date_is_shown_next_to_the_end_date_and_saves_nothing(secretariat):
    data = seed_000_data(secretariat)
    data.update(start_date="2016-12-17", end_date="2016-12-01")

    response = secretariat.post("/mandates/new/", data)

    assert response.status_code == 200
    assert error_next_to(response, "id_end_date") == [
        "The end date cannot be before the start date."
    ]
    assert (Mandate.objects.count(), MandateObjective.objects.count()) == (0, 0)
    assert MANDATE_000_OBJECTIVES[6] in response.content.decode()


def test_an_empty_title_saves_nothing(secretariat):
    data = seed_000_data(secretariat)
    data["title"] = ""

    response = secretariat.post("/mandates/new/", data)

    assert response.status_code == 200
    assert error_next_to(response, "id_title") == ["This field is required."]
    assert (Mandate.objects.count(), MandateOutput.objects.count()) == (0, 0)


def test_moving_an_objective_keeps_the_events_that_serve_it(secretariat):
    mandate = factories.MandateFactory()
    objectives = [
        MandateObjective.objects.create(mandate=mandate, position=n, text=text)
        for n, text in enumerate(MANDATE_000_OBJECTIVES[:3], 1)
    ]
    event = factories.EventFactory(mandate=mandate)
    event.served_objectives.set([objectives[2]])
    url = f"/mandates/{mandate.pk}/edit/"
    data = form_data(secretariat.get(url))
    data.update({"objectives-0-ORDER": "2", "objectives-1-ORDER": "3", "objectives-2-ORDER": "1"})

    response = secretariat.post(url, data)

    assert response.status_code == 302
    assert list(mandate.objectives.values_list("pk", "position")) == [
        (objectives[2].pk, 1),
        (objectives[0].pk, 2),
        (objectives[1].pk, 3),
    ]
    assert list(event.served_objectives.values_list("text", flat=True)) == [
        MANDATE_000_OBJECTIVES[2]
    ]


def test_removing_an_output_deletes_it_and_renumbers_the_rest(secretariat):
    mandate = factories.MandateFactory()
    for n in (1, 2, 3):
        MandateOutput.objects.create(mandate=mandate, position=n, text=f"Output {n}")
    url = f"/mandates/{mandate.pk}/edit/"
    data = form_data(secretariat.get(url))
    data["outputs-0-DELETE"] = "on"

    secretariat.post(url, data)

    assert list(mandate.outputs.values_list("position", "text")) == [
        (1, "Output 2"),
        (2, "Output 3"),
    ]


def test_a_focal_point_cannot_create_or_edit(client, focal_point_user):
    mandate = factories.MandateFactory(title="Unchanged")
    client.force_login(focal_point_user)

    responses = [
        client.get("/mandates/new/"),
        client.post("/mandates/new/", {"title": "New"}),
        client.get(f"/mandates/{mandate.pk}/edit/"),
        client.post(f"/mandates/{mandate.pk}/edit/", {"title": "Changed"}),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    assert list(Mandate.objects.values_list("title", flat=True)) == ["Unchanged"]


def test_an_unknown_mandate_is_404(secretariat):
    assert secretariat.get("/mandates/999999/edit/").status_code == 404


@pytest.mark.parametrize("objectives", [1, 50])
def test_the_edit_page_costs_the_same_queries_for_1_or_50_objectives(
    secretariat, django_assert_max_num_queries, objectives
):
    mandate = factories.MandateFactory()
    mandate.mandating_organisations.set([factories.organisation("AUC")])
    for position in range(1, objectives + 1):
        MandateObjective.objects.create(mandate=mandate, position=position, text="Plan.")
        MandateOutput.objects.create(mandate=mandate, position=position, text="Advice.")
    url = f"/mandates/{mandate.pk}/edit/"
    secretariat.get(url)

    # The user; the mandate with the ids of its requesters, mandating organisations,
    # beneficiaries, target countries and target organisation types; the labels of the chosen
    # organisations; rows: outputs and objectives (one query); sources. The other choices
    # (countries, target organisation types) come from the cache.
    with django_assert_max_num_queries(5):
        response = secretariat.get(url)

    assert response.status_code == 200


def test_organisations_are_found_by_typing_not_listed_all(secretariat):
    page = secretariat.get("/mandates/new/").content.decode()

    for name in ("requesters", "mandating_organisations", "beneficiaries"):
        select = re.search(rf'<select name="{name}".*?</select>', page, re.S).group()
        assert 'data-search-select="multiple"' in select
        assert f'data-search-url="{reverse("partners:organisation_search")}"' in select
        assert f'data-create-url="{reverse("partners:organisation_add")}"' in select
        assert "<option" not in select
    assert "ECOWAS – Economic Community of West African States" not in page
    assert "js/search-select.js" in page


def test_the_chosen_organisations_show_in_the_readers_language(secretariat):
    mandate = factories.MandateFactory()
    mandate.requesters.set([factories.organisation("ECOWAS")])
    mandate.beneficiaries.set(Organisation.objects.filter(acronym="PAPS", parent__acronym="AUC"))

    page = secretariat.get(
        f"/mandates/{mandate.pk}/edit/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    requesters = re.search(r'<select name="requesters".*?</select>', page, re.S).group()
    beneficiaries = re.search(r'<select name="beneficiaries".*?</select>', page, re.S).group()
    ecowas, paps = factories.organisation("ECOWAS"), beneficiaries
    assert re.findall(r"<option[^>]*>(.*?)</option>", requesters) == [
        "CEDEAO – Communauté économique des États de l&#x27;Afrique de l&#x27;Ouest"
    ]
    assert f'value="{ecowas.pk}"' in requesters
    assert re.findall(r"<option[^>]*>(.*?)</option>", paps) == [
        "PAPS – Affaires politiques, paix et sécurité (CUA)"
    ]


# --- Who asked, who mandated, who benefits; sources; earlier versions ---------------------------


def mandate_page_section(client, mandate, heading: str) -> str:
    return section(client.get(f"/mandates/{mandate.pk}/").content.decode(), heading)


def test_requester_mandating_organisation_and_beneficiary_are_saved_and_shown_apart(secretariat):
    gambia_nsa = factories.OrganisationFactory(
        name="Office of the National Security Adviser, The Gambia", kind="national_institution"
    )
    data = seed_000_data(secretariat)
    data.update(
        title="Support to the national security policy review, The Gambia",
        description="ECOWAS asked for support to the review; the AUC gave the mandate.",
        requesters=[str(factories.organisation("ECOWAS").pk)],
        mandating_organisations=[str(factories.organisation("AUC").pk)],
        beneficiaries=[str(gambia_nsa.pk)],
    )

    response = secretariat.post("/mandates/new/", data)

    mandate = Mandate.objects.get()
    assert response.status_code == 302
    assert [o.acronym for o in mandate.requesters.all()] == ["ECOWAS"]
    assert [o.acronym for o in mandate.mandating_organisations.all()] == ["AUC"]
    assert list(mandate.beneficiaries.all()) == [gambia_nsa]
    assert mandate_page_section(secretariat, mandate, "Requested by") == (
        "ECOWAS – Economic Community of West African States"
    )
    assert mandate_page_section(
        secretariat, mandate, "Mandating organisation / agency / department / ministry"
    ) == ("AUC – African Union Commission")
    assert mandate_page_section(secretariat, mandate, "Beneficiaries") == (
        "Office of the National Security Adviser, The Gambia"
    )


def test_the_form_labels_the_three_organisation_roles_apart(secretariat):
    page = secretariat.get("/mandates/new/").content.decode()

    who = {
        name: text(
            page[page.index(f'id="div_id_{name}"') :].split(">", 1)[1].split("</fieldset>")[0]
        )
        for name in ("requesters", "mandating_organisations", "beneficiaries")
    }
    assert who["requesters"].startswith("Requested by ")
    assert "Who asked for the support, e.g. ECOWAS requesting help" in who["requesters"]
    assert who["mandating_organisations"].startswith("Mandating organisations ")
    assert "Who gave or authorised the mandate" in who["mandating_organisations"]
    assert who["beneficiaries"].startswith("Beneficiaries ")
    assert "Who receives the support: a national institution" in who["beneficiaries"]
    assert "Unsupported: a request that was not taken up." in text(page)
    assert '<option value="unsupported">unsupported</option>' in page


def test_a_request_not_taken_up_is_saved_as_unsupported(secretariat):
    data = seed_000_data(secretariat)
    data["status"] = "unsupported"

    secretariat.post("/mandates/new/", data)

    mandate = Mandate.objects.get()
    assert mandate.status == "unsupported"
    page = text(secretariat.get(f"/mandates/{mandate.pk}/").content.decode())
    assert "Status: Unsupported" in page


def abuja_source(**values) -> dict:
    return {
        "url": "https://www.ecowas.int/press/ssr-workshop-abuja",
        "headline": "ECOWAS and AU hold joint workshop on security sector reform",
        "published_on": "2019-03-12",
        "dateline": "Abuja",
        "language": "en",
        **values,
    }


def test_a_source_is_saved_and_its_publication_date_shown_as_the_sources(secretariat):
    data = seed_000_data(secretariat)
    data.update(start_date="2019-03-04", end_date="2019-03-08")
    set_rows(data, "sources", [abuja_source()])

    response = secretariat.post("/mandates/new/", data)

    mandate = Mandate.objects.get()
    assert response.status_code == 302
    source = mandate.sources.get()
    assert (source.position, source.published_on, source.dateline, source.event) == (
        1,
        dt.date(2019, 3, 12),
        "Abuja",
        None,
    )
    assert (mandate.start_date, mandate.end_date) == (dt.date(2019, 3, 4), dt.date(2019, 3, 8))
    page = secretariat.get(f"/mandates/{mandate.pk}/").content.decode()
    assert mandate_page_section(secretariat, mandate, "Sources") == (
        "ECOWAS and AU hold joint workshop on security sector reform "
        "published 12 March 2019, Abuja · English"
    )
    assert (
        '<a href="https://www.ecowas.int/press/ssr-workshop-abuja" class="source-headline"'
    ) in page
    assert section(page, "Start date") == "4 March 2019"
    assert section(page, "End date") == "8 March 2019"
    assert "12 March 2019" not in text(page).replace("published 12 March 2019", "")


def test_sources_keep_their_order_and_a_reference_alone_is_enough(secretariat):
    data = seed_000_data(secretariat)
    set_rows(
        data,
        "sources",
        [
            abuja_source(),
            {"reference": "ISSAT mandate record, AU/REC Workshop", "language": "en"},
        ],
    )
    data["sources-0-ORDER"], data["sources-1-ORDER"] = "2", "1"

    secretariat.post("/mandates/new/", data)

    mandate = Mandate.objects.get()
    assert list(mandate.sources.values_list("position", "reference", "dateline")) == [
        (1, "ISSAT mandate record, AU/REC Workshop", ""),
        (2, "", "Abuja"),
    ]


def test_a_source_with_only_a_language_is_refused_next_to_its_row(secretariat):
    data = seed_000_data(secretariat)
    set_rows(data, "sources", [{"language": "fr"}])

    response = secretariat.post("/mandates/new/", data)

    assert response.status_code == 200
    page = response.content.decode()
    row = page[page.index('id="sources-0-row"') :]
    row = row[: row.index("data-formset-removed-note")]
    assert "Give the source&#x27;s address (URL), its reference or its headline." in row
    assert "Source 1: Give the source&#x27;s address (URL), its reference or its headline." in page
    assert (Mandate.objects.count(), Source.objects.count(), MandateObjective.objects.count()) == (
        0,
        0,
        0,
    )


def test_editing_keeps_the_sources_and_removing_one_deletes_it(secretariat):
    mandate = factories.MandateFactory()
    Source.objects.create(mandate=mandate, position=1, headline="Communiqué final", language="fr")
    Source.objects.create(mandate=mandate, position=2, reference="ISSAT mandate record")
    url = f"/mandates/{mandate.pk}/edit/"
    data = form_data(secretariat.get(url))

    secretariat.post(url, data)
    kept = list(mandate.sources.values_list("position", "headline", "reference"))
    data = form_data(secretariat.get(url))
    data["sources-0-DELETE"] = "on"
    secretariat.post(url, data)

    assert kept == [(1, "Communiqué final", ""), (2, "", "ISSAT mandate record")]
    assert list(mandate.sources.values_list("position", "reference")) == [
        (1, "ISSAT mandate record")
    ]


def test_changed_dates_show_the_earlier_version_on_the_mandate_page(secretariat):
    mandate = factories.MandateFactory(
        start_date=dt.date(2016, 11, 30), end_date=dt.date(2016, 12, 16)
    )
    url = f"/mandates/{mandate.pk}/edit/"
    data = form_data(secretariat.get(url))
    data.update(start_date="2016-12-01", end_date="2016-12-17")

    secretariat.post(url, data)

    page = secretariat.get(f"/mandates/{mandate.pk}/").content.decode()
    today = date_format(timezone.localdate(), "j F Y")
    assert section(page, "Earlier versions of this record") == (
        f"Earlier version: 30 November – 16 December 2016 (changed on {today})"
    )
    assert "1–17 December 2016" in text(re.search(r'<p class="lead.*?</p>', page, re.S).group())


def test_earlier_versions_show_a_changed_title_newest_first_and_skip_unchanged_saves(secretariat):
    mandate = factories.MandateFactory(title="AU/REC workshop on SSR coordination")
    url = f"/mandates/{mandate.pk}/edit/"
    # Each save from the form as the page gives it after the last one.
    data = form_data(secretariat.get(url))
    data["status"] = "active"
    secretariat.post(url, data)  # the status alone: no earlier version to show
    data = form_data(secretariat.get(url))
    data.update(title="AU/REC Workshop", start_date="2016-12-02")
    secretariat.post(url, data)
    data = form_data(secretariat.get(url))
    data["end_date"] = "2016-12-18"
    secretariat.post(url, data)

    page = secretariat.get(f"/mandates/{mandate.pk}/").content.decode()

    versions = re.findall(r'<li class="mandate-version mb-2">(.*?)</li>', page, re.S)
    assert [text(v).split(" (changed on")[0] for v in versions] == [
        "Earlier version: 2–17 December 2016",
        "Earlier version: 1–17 December 2016",
    ]
    assert 'Title then: <q lang="en">AU/REC workshop on SSR coordination</q>' in versions[1]
    assert "Title then" not in versions[0]


@pytest.mark.parametrize("rows", [1, 30])
def test_the_edit_page_costs_the_same_queries_for_1_or_30_sources(
    secretariat, django_assert_max_num_queries, rows
):
    mandate = factories.MandateFactory()
    mandate.requesters.set([factories.organisation("ECOWAS")])
    mandate.beneficiaries.set([factories.organisation("SADC")])
    Source.objects.bulk_create(
        Source(mandate=mandate, position=n, headline=f"Communiqué {n}") for n in range(1, rows + 1)
    )
    url = f"/mandates/{mandate.pk}/edit/"
    secretariat.get(url)

    # The user; the mandate with the ids of its organisations, countries and target types;
    # the labels of the chosen organisations; outputs and objectives (one query); sources.
    with django_assert_max_num_queries(5):
        response = secretariat.get(url)

    assert response.status_code == 200
    # The saved rows, an empty one, and the template of a new row.
    assert response.content.decode().count('class="formset-row card mb-2" id="sources-') == rows + 2


def test_a_stale_mandate_form_keeps_the_outputs_a_colleague_added(secretariat, admin_user):
    mandate = factories.MandateFactory(title="Support to the SSR process in The Gambia")
    url = f"/mandates/{mandate.pk}/edit/"
    mine = form_data(secretariat.get(url))
    other = Client()
    other.force_login(admin_user)
    theirs = form_data(other.get(url))
    set_rows(theirs, "outputs", [{"text": "A national security policy drafted"}])
    assert other.post(url, theirs).status_code == 302
    mine["title"] = "Support to the national SSR process in The Gambia"

    response = secretariat.post(url, mine)

    assert response.status_code == 409
    assert "Support to the national SSR process in The Gambia" in response.content.decode()
    mandate.refresh_from_db()
    assert mandate.title == "Support to the SSR process in The Gambia"
    assert list(mandate.outputs.values_list("text", flat=True)) == [
        "A national security policy drafted"
    ]


def test_two_saves_at_once_cannot_both_pass_the_version(secretariat_user):
    mandate = factories.MandateFactory(title="Assessment mission to Guinea-Bissau")
    opened_at = versions.version_of(mandate)
    mandate.title = "Assessment mission to Guinea-Bissau, first phase"
    mandate.save()  # the other save, between this one's form check and its lock

    with pytest.raises(versions.StaleRecord):
        services.save_mandate(
            mandate=Mandate.objects.get(pk=mandate.pk),
            values={"title": "Assessment mission to Bissau"},
            outputs=[],
            objectives=[],
            version=opened_at,
            by=secretariat_user,
        )

    mandate.refresh_from_db()
    assert mandate.title == "Assessment mission to Guinea-Bissau, first phase"
