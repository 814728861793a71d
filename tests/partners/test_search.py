"""Finding organisations by any of their names: the search, the pickers' endpoint, the import."""

import pytest

from partners.search import find_organisations, look_alikes
from tests import factories
from workshops.imports import ParticipantRow, check_rows

pytestmark = pytest.mark.django_db

EN_DASH = "\N{EN DASH}"
SEARCH = "/partners/organisations/search/"


def acronyms(organisations):
    return [(org.acronym, org.parent.acronym if org.parent_id else "") for org in organisations]


@pytest.mark.parametrize(
    "typed",
    [
        "CEDEAO",
        "cedeao",
        "Cédéao",
        "ecowas",
        "Communaute economique des Etats de l'Afrique de l'Ouest",
        "Comunidade Económica dos Estados da África Ocidental",
    ],
)
def test_ecowas_is_found_first_by_any_of_its_names(typed):
    found = find_organisations(typed)

    assert acronyms(found)[0] == ("ECOWAS", "")


def test_union_africaine_finds_the_au_and_its_commission():
    found = acronyms(find_organisations("Union africaine"))

    assert found[0] == ("AU", "")
    assert ("AUC", "") in found


def test_a_former_name_finds_the_organisation_it_became():
    assert acronyms(find_organisations("sadcc")) == [("SADC", "")]
    assert acronyms(find_organisations("Eastern Africa Standby Brigade")) == [("EASF", "")]
    assert acronyms(find_organisations("IGADD")) == [("IGAD", "")]


def test_an_exact_acronym_comes_before_names_that_contain_the_word():
    factories.OrganisationFactory(name="Réseau ECOWAS des femmes médiatrices")

    found = find_organisations("ecowas")

    assert found[0].acronym == "ECOWAS"
    assert "Réseau ECOWAS des femmes médiatrices" in [org.name for org in found]


def test_nothing_typed_finds_nothing():
    assert find_organisations("  ") == []
    assert find_organisations("—") == []


def test_look_alikes_of_a_name_typed_without_accents_include_ecowas():
    found = look_alikes("Communaute economique des Etats de l'Afrique de l'Ouest", "CEDEAO")

    assert acronyms(found) == [("ECOWAS", "")]


def test_the_endpoint_answers_labels_with_parents_so_the_two_paps_differ(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(SEARCH, {"q": "paps"})

    assert response.status_code == 200
    results = response.json()["results"]
    assert [(row["text"], row["detail"]) for row in results] == [
        (f"PAPS {EN_DASH} Political Affairs, Peace and Security (AUC)", "AUC department"),
        (f"PAPS {EN_DASH} Political Affairs, Peace and Security (ECOWAS)", "REC or RM department"),
    ]
    assert {row["value"] for row in results} == {
        str(factories.organisation("PAPS", parent="AUC").pk),
        str(factories.organisation("PAPS", parent="ECOWAS").pk),
    }


@pytest.mark.parametrize("typed", ["CEDEAO", "cedeao", "Union africaine", "ecowas"])
def test_the_endpoint_finds_by_alias_whatever_the_case(client, focal_point_user, typed):
    client.force_login(focal_point_user)

    results = client.get(SEARCH, {"q": typed}).json()["results"]

    expected = "AU" if typed == "Union africaine" else "ECOWAS"
    assert results[0]["value"] == str(factories.organisation(expected).pk)


def test_the_endpoint_speaks_the_reader_s_language(client, secretariat_user):
    client.force_login(secretariat_user)

    results = client.get(SEARCH, {"q": "ecowas"}, HTTP_ACCEPT_LANGUAGE="fr").json()["results"]

    assert results[0]["text"] == (
        f"CEDEAO {EN_DASH} Communauté économique des États de l'Afrique de l'Ouest"
    )


def test_the_endpoint_gives_at_most_20_and_nothing_for_one_letter(client, secretariat_user):
    factories.OrganisationFactory.create_batch(30, name="Sahel civil society network")
    client.force_login(secretariat_user)

    many = client.get(SEARCH, {"q": "sahel network"}).json()["results"]
    one_letter = client.get(SEARCH, {"q": "s"}).json()["results"]

    assert len(many) == 20
    assert one_letter == []


@pytest.mark.parametrize("count", [1, 40])
def test_the_endpoint_costs_the_same_queries_for_1_or_40_matches(
    client, secretariat_user, django_assert_max_num_queries, count
):
    factories.OrganisationFactory.create_batch(
        count, name="Observatoire du secteur de la sécurité", parent=factories.organisation("EU")
    )
    client.force_login(secretariat_user)
    client.get(SEARCH, {"q": "x"})

    # The session; the user; the organisations with their parent (roles are cached).
    with django_assert_max_num_queries(3):
        response = client.get(SEARCH, {"q": "observatoire securite"})

    assert len(response.json()["results"]) == min(count, 20)


def test_cedeao_and_union_africaine_in_a_french_participant_file_match_ecowas_and_the_au():
    event = factories.EventFactory()
    rows = [
        ParticipantRow(
            line=2, full_name="Awa Ndiaye", email="awa.ndiaye@example.org", organisation="CEDEAO"
        ),
        ParticipantRow(
            line=3,
            full_name="Kofi Mensah",
            email="kofi.mensah@example.org",
            organisation="Union africaine",
        ),
        ParticipantRow(
            line=4,
            full_name="Moussa Keita",
            email="moussa.keita@example.org",
            organisation="Commission de la CEDEAO",
        ),
    ]

    checks = check_rows(event=event, rows=rows)

    assert [check.organisation.acronym for check in checks] == ["ECOWAS", "AU", "ECOWAS"]
    assert all(check.is_valid for check in checks)


def test_a_shared_acronym_in_a_file_asks_which_one_and_a_label_names_it():
    event = factories.EventFactory()
    rows = [
        ParticipantRow(line=2, full_name="Awa Ndiaye", organisation="PAPS"),
        ParticipantRow(
            line=3,
            full_name="Kofi Mensah",
            organisation=f"PAPS {EN_DASH} Political Affairs, Peace and Security (ECOWAS)",
        ),
    ]

    ambiguous, named = check_rows(event=event, rows=rows)

    assert ambiguous.problems == [
        "“PAPS” names several organisations: "
        f"PAPS {EN_DASH} Political Affairs, Peace and Security (AUC); "
        f"PAPS {EN_DASH} Political Affairs, Peace and Security (ECOWAS). "
        "Write the one meant as the list shows it."
    ]
    assert named.organisation == factories.organisation("PAPS", parent="ECOWAS")


def test_country_search_finds_a_country_by_any_name_without_accents(client, secretariat_user):
    client.force_login(secretariat_user)

    found = client.get("/partners/countries/search/", {"q": "guinee-b"}).json()["results"]
    by_code = client.get("/partners/countries/search/", {"q": "CPV"}).json()["results"]
    nothing = client.get("/partners/countries/search/", {"q": "\x00"}).json()["results"]

    assert [row["text"] for row in found] == ["Guinea-Bissau"]
    assert [row["text"] for row in by_code] == ["Cabo Verde"]
    assert nothing == []
