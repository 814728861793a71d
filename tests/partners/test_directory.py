"""The directory's pages: the list searched by any name, an organisation's page."""

import datetime as dt
import zoneinfo

import pytest

from partners.models import OrganisationName
from tests import factories

pytestmark = pytest.mark.django_db

LIST = "/partners/organisations/"
EN_DASH = "\N{EN DASH}"


def detail(organisation) -> str:
    return f"/partners/organisations/{organisation.pk}/"


def test_the_list_finds_ecowas_by_its_french_acronym_without_accents(client, focal_point_user):
    client.force_login(focal_point_user)

    response = client.get(LIST, {"q": "cedeao"})

    page = response.content.decode()
    assert response.status_code == 200
    assert [org.acronym for org in response.context["organisations"]] == ["ECOWAS"]
    assert "1 organisation found for “cedeao”" in page


def test_the_list_shows_the_parent_of_each_paps(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(LIST, {"q": "PAPS"})

    rows = [(org.label, org.parent.acronym) for org in response.context["organisations"]]
    assert rows == [
        (f"PAPS {EN_DASH} Political Affairs, Peace and Security (AUC)", "AUC"),
        (f"PAPS {EN_DASH} Political Affairs, Peace and Security (ECOWAS)", "ECOWAS"),
    ]


def test_the_list_pages_by_50(client, secretariat_user):
    factories.OrganisationFactory.create_batch(60)
    client.force_login(secretariat_user)

    first = client.get(LIST)
    second = client.get(LIST, {"page": 3})

    assert len(first.context["organisations"]) == 50
    assert first.context["paginator"].count == 106
    assert len(second.context["organisations"]) == 6


def test_dfid_s_page_says_it_became_fcdo(client, secretariat_user):
    client.force_login(secretariat_user)

    dfid = client.get(detail(factories.organisation("DFID"))).content.decode()
    fcdo = client.get(detail(factories.organisation("FCDO"))).content.decode()

    assert "Became FCDO on 2 September 2020." in dfid
    assert "Successor of DFID (since 2 September 2020)" in fcdo


def test_a_2014_event_organised_by_dfid_keeps_saying_dfid(client, secretariat_user):
    dfid = factories.organisation("DFID")
    bamako = zoneinfo.ZoneInfo("Africa/Bamako")
    event = factories.EventFactory(
        title="Atelier régional sur le contrôle parlementaire du secteur de la sécurité",
        start=dt.datetime(2014, 3, 11, 9, 0, tzinfo=bamako),
        end=dt.datetime(2014, 3, 13, 17, 0, tzinfo=bamako),
    )
    factories.EventOrganiserFactory(event=event, organisation=dfid, role_id="funder")
    client.force_login(secretariat_user)

    page = client.get(f"/workshops/{event.pk}/").content.decode()

    assert event.organiser_roles.get().organisation.acronym == "DFID"
    assert "DFID" in page
    assert "FCDO" not in page


def test_an_organisation_page_lists_its_names_aliases_parts_and_members(client, focal_point_user):
    client.force_login(focal_point_user)

    response = client.get(detail(factories.organisation("ECOWAS")))

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "fr",
        "French",
        "CEDEAO",
        "Communauté économique des États de l'Afrique de l'Ouest",
    ) in (response.context["names_by_language"])
    assert "Commission de la CEDEAO" in page
    assert [child.acronym for child in response.context["children"]] == ["PAPS"]
    assert len(response.context["memberships"]) == 16
    assert "Create a focal-point account" not in page  # a focal point cannot


def test_a_former_name_shows_its_dates_and_source(client, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(detail(factories.organisation("SADC")))

    aliases = {alias.name: alias for alias in response.context["aliases"]}
    assert aliases["SADCC"].period_display == "1 April 1980 – 17 August 1992"
    assert "Southern African Development Coordination Conference" in response.content.decode()


def test_the_secretariat_sees_create_an_account_for_people_with_an_e_mail_and_none(
    client, secretariat_user
):
    ecowas = factories.organisation("ECOWAS")
    factories.PersonFactory(full_name="Awa Ndiaye", organisation=ecowas)
    factories.PersonFactory(full_name="Kofi Mensah", organisation=ecowas, email="")
    factories.PersonFactory(
        full_name="Fatou Sarr", organisation=ecowas, user=factories.UserFactory(username="fsarr")
    )
    client.force_login(secretariat_user)

    page = client.get(detail(ecowas)).content.decode()

    assert page.count("Create a focal-point account") == 1
    assert "has an account" in page


@pytest.mark.parametrize("count", [1, 60])
def test_the_list_costs_the_same_queries_for_1_or_60_rows(
    client, secretariat_user, django_assert_max_num_queries, count
):
    factories.OrganisationFactory.create_batch(
        count, name="Réseau sahélien", parent=factories.organisation("ECOWAS")
    )
    client.force_login(secretariat_user)
    client.get(LIST)

    # The session; the user; the count; the page with parents (roles are cached).
    with django_assert_max_num_queries(4):
        response = client.get(LIST, {"q": "reseau sahelien"})

    assert response.context["paginator"].count == count


@pytest.mark.parametrize("count", [1, 60])
def test_the_page_costs_the_same_queries_for_1_or_60_people_names_and_parts(
    client, secretariat_user, django_assert_max_num_queries, count
):
    ecowas = factories.organisation("ECOWAS")
    factories.PersonFactory.create_batch(count, organisation=ecowas)
    factories.OrganisationFactory.create_batch(count, parent=ecowas)
    OrganisationName.objects.bulk_create(
        OrganisationName(organisation=ecowas, name=f"Variante {n}", plain=f"variante {n}")
        for n in range(count)
    )
    client.force_login(secretariat_user)
    client.get(LIST)

    # The session; the user; the organisation with parent, successor, headquarters and its
    # number of people; its other names; its parts; its predecessors; its memberships with
    # countries; its first 50 people with their account.
    with django_assert_max_num_queries(8):
        response = client.get(detail(ecowas))

    assert len(response.context["people"]) == min(count, 50)
    if count > 50:
        assert "The first 50 of 60 people" in response.content.decode()
