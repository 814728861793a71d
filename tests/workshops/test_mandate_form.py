"""The mandate form: create and edit a mandate with ordered outputs and outcome objectives."""

import datetime as dt

import pytest

from partners.models import Organisation
from tests import factories
from tests.workshops.test_event_form import error_next_to, form_data, set_rows
from workshops.demo import MANDATE_000_OBJECTIVES, MANDATE_000_OUTPUTS
from workshops.models import Mandate, MandateObjective, MandateOutput

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

    # The user; the mandate with the ids of its mandating organisations, target countries and
    # target organisation types; rows: outputs and objectives (one query). The choices
    # (organisations, countries, target organisation types) come from the cache.
    with django_assert_max_num_queries(3):
        response = secretariat.get(url)

    assert response.status_code == 200


def test_a_new_organisation_is_offered_at_once(secretariat):
    secretariat.get("/mandates/new/")

    Organisation.objects.create(name="Sahel Alliance", acronym="SAHEL")
    page = secretariat.get("/mandates/new/").content.decode()

    assert "SAHEL – Sahel Alliance" in page


def test_organisations_are_offered_in_the_readers_language(secretariat):
    Organisation.objects.create(name="Sahel Alliance", name_fr="Alliance Sahel", acronym="SAHEL")
    secretariat.get("/mandates/new/")

    page = secretariat.get("/mandates/new/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "SAHEL – Alliance Sahel" in page
