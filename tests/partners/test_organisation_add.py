"""The secretariat adds a missing organisation in place, after seeing those that look alike."""

import pytest

from partners.models import Organisation
from tests import factories

pytestmark = pytest.mark.django_db

ADD = "/partners/organisations/new/"
EN_DASH = "\N{EN DASH}"


def fields(**values):
    return {"name": "", "acronym": "", "kind": "", "parent": "", "headquarters": "", **values}


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def test_the_form_starts_with_the_name_typed_in_the_picker(secretariat):
    response = secretariat.get(ADD, {"name": "Réseau ouest-africain pour l'édification de la paix"})

    assert response.status_code == 200
    assert response.context["form"]["name"].value() == (
        "Réseau ouest-africain pour l'édification de la paix"
    )
    assert "js/search-select.js" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "acronym"),
    [("Cedeao", ""), ("Communaute economique des Etats de l'Afrique de l'Ouest", "CEDEAO-X")],
)
def test_look_alikes_are_shown_first_and_nothing_is_created(secretariat, name, acronym):
    count = Organisation.objects.count()

    response = secretariat.post(ADD, fields(name=name, acronym=acronym, kind="rec"))

    page = response.content.decode()
    assert response.status_code == 200
    assert [org.acronym for org in response.context["alikes"]] == ["ECOWAS"]
    assert "The directory has an organisation that looks alike. Is it the one?" in page
    assert "None of these: add it as a new organisation" in page
    assert Organisation.objects.count() == count


def test_confirmed_after_the_look_alikes_it_is_created_with_its_history_user(
    secretariat, secretariat_user
):
    ecowas = factories.organisation("ECOWAS")
    data = fields(
        name="Commission de la CEDEAO",
        acronym="",
        kind="rec_department",
        parent=ecowas.pk,
        headquarters=factories.country("NG").pk,
    )
    first = secretariat.post(ADD, data)

    second = secretariat.post(ADD, {**data, "confirm": "1", "next": "/workshops/"})

    commission = Organisation.objects.get(name="Commission de la CEDEAO")
    assert [org.acronym for org in first.context["alikes"]] == ["ECOWAS"]
    assert second.status_code == 302
    assert second["Location"] == "/workshops/"
    assert (commission.parent, commission.headquarters.iso2) == (ecowas, "NG")
    assert commission.history.get().history_user == secretariat_user


def test_a_page_without_look_alikes_goes_back_to_next(secretariat):
    response = secretariat.post(
        ADD,
        fields(
            name="Observatoire malien de la gouvernance sécuritaire",
            acronym="OMGS",
            kind="civil_society",
            next="/workshops/",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/workshops/"


def test_next_to_another_site_is_ignored(secretariat):
    response = secretariat.post(
        ADD,
        fields(
            name="Observatoire malien de la gouvernance sécuritaire",
            kind="civil_society",
            next="https://example.com/",
        ),
    )

    created = Organisation.objects.get(name="Observatoire malien de la gouvernance sécuritaire")
    assert response["Location"] == f"/partners/organisations/{created.pk}/"


def test_in_the_picker_s_modal_the_new_organisation_comes_back_for_selection(secretariat):
    ecowas = factories.organisation("ECOWAS")
    data = fields(
        name="Early Warning Directorate",
        acronym="EWD",
        kind="rec_department",
        parent=ecowas.pk,
        modal="1",
    )

    shown = secretariat.get(ADD, {"name": "Early Warning Directorate", "modal": "1"})
    created = secretariat.post(ADD, data)

    directorate = Organisation.objects.get(acronym="EWD")
    assert '<div class="modal-header">' in shown.content.decode()
    assert "<html" not in shown.content.decode()
    assert created.status_code == 201
    assert created.json() == {
        "value": str(directorate.pk),
        "text": f"EWD {EN_DASH} Early Warning Directorate (ECOWAS)",
        "detail": "REC or RM department",
    }
    assert directorate.parent == ecowas


def test_the_modal_offers_to_choose_a_look_alike_instead(secretariat):
    response = secretariat.post(ADD, fields(name="CEDEAO", kind="rec", modal="1"))

    page = response.content.decode()
    ecowas = factories.organisation("ECOWAS")
    assert f'data-pick-value="{ecowas.pk}"' in page
    assert "Choose this one" in page


def test_an_acronym_taken_under_the_same_parent_is_refused_next_to_the_field(secretariat):
    response = secretariat.post(
        ADD,
        fields(
            name="Peace and Security",
            acronym="paps",
            kind="rec_department",
            parent=factories.organisation("ECOWAS").pk,
            confirm="1",
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "acronym": [
            f"PAPS {EN_DASH} Political Affairs, Peace and Security (ECOWAS) already has this "
            "acronym. Choose it instead, or give the organisation this one is part of."
        ]
    }


def test_the_same_acronym_under_another_parent_is_accepted(secretariat):
    sadc = factories.organisation("SADC")

    response = secretariat.post(
        ADD,
        fields(
            name="Politics, Defence and Security Affairs",
            acronym="PAPS",
            kind="rec_department",
            parent=sadc.pk,
            confirm="1",
        ),
    )

    assert response.status_code == 302
    assert Organisation.objects.filter(acronym="PAPS").count() == 3


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (fields(), {"name": ["This field is required."], "kind": ["This field is required."]}),
        (
            fields(name="Réseau", kind="galaxy", parent="abc"),
            {
                "kind": ["Select a valid choice. galaxy is not one of the available choices."],
                "parent": [
                    "Select a valid choice. That choice is not one of the available choices."
                ],
            },
        ),
        (
            fields(name="x" * 301, kind="civil_society", headquarters="99999"),
            {
                "name": ["Ensure this value has at most 300 characters (it has 301)."],
                "headquarters": [
                    "Select a valid choice. That choice is not one of the available choices."
                ],
            },
        ),
    ],
)
def test_bad_input_is_answered_next_to_the_fields(secretariat, data, errors):
    count = Organisation.objects.count()

    response = secretariat.post(ADD, data)

    assert response.status_code == 200
    assert response.context["form"].errors == errors
    assert Organisation.objects.count() == count


def test_a_focal_point_cannot_add_an_organisation(client, focal_point_user):
    client.force_login(focal_point_user)

    response = client.post(ADD, fields(name="Réseau", kind="civil_society", confirm="1"))

    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Réseau").exists()
