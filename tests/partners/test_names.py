"""Names that change: acronyms and names per language, aliases, successors, shared acronyms."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from partners.models import Organisation, OrganisationName
from partners.services import load_reference_data
from ssrportal.text import plain
from tests import factories

pytestmark = pytest.mark.django_db

EN_DASH = "\N{EN DASH}"


@pytest.mark.parametrize(
    ("acronym", "in_french", "in_portuguese"),
    [
        ("ECOWAS", "CEDEAO", "CEDEAO"),
        ("AU", "UA", "UA"),
        ("AUC", "CUA", "CUA"),
        ("ECCAS", "CEEAC", "CEEAC"),
        ("EU", "UE", "UE"),
        ("UN", "ONU", "ONU"),
        ("SADC", "CDAA", "SADC"),
        ("IGAD", "IGAD", "IGAD"),
        ("ILO", "OIT", "OIT"),
    ],
)
def test_the_reader_s_language_picks_the_acronym(acronym, in_french, in_portuguese):
    organisation = factories.organisation(acronym)

    shown = {}
    for language in ("en", "fr", "pt"):
        with translation.override(language):
            shown[language] = organisation.display_acronym

    assert shown == {"en": acronym, "fr": in_french, "pt": in_portuguese}


def test_a_french_reader_sees_cedeao_and_the_french_name():
    ecowas = factories.organisation("ECOWAS")

    with translation.override("fr"):
        label = str(ecowas)

    assert label == f"CEDEAO {EN_DASH} Communauté économique des États de l'Afrique de l'Ouest"


def test_a_portuguese_reader_sees_the_portuguese_name_and_an_english_one_the_english_name():
    ecowas = factories.organisation("ECOWAS")

    with translation.override("pt"):
        in_portuguese = str(ecowas)
    with translation.override("en"):
        in_english = str(ecowas)

    assert in_portuguese == (
        f"CEDEAO {EN_DASH} Comunidade Económica dos Estados da África Ocidental"
    )
    assert in_english == f"ECOWAS {EN_DASH} Economic Community of West African States"


def test_the_two_paps_are_told_apart_by_their_parent():
    auc_paps = factories.organisation("PAPS", parent="AUC")
    ecowas_paps = factories.organisation("PAPS", parent="ECOWAS")

    with translation.override("fr"):
        in_french = (auc_paps.label, ecowas_paps.label)

    assert auc_paps.label == f"PAPS {EN_DASH} Political Affairs, Peace and Security (AUC)"
    assert ecowas_paps.label == f"PAPS {EN_DASH} Political Affairs, Peace and Security (ECOWAS)"
    assert in_french == (
        f"PAPS {EN_DASH} Affaires politiques, paix et sécurité (CUA)",
        f"PAPS {EN_DASH} Affaires politiques, paix et sécurité (CEDEAO)",
    )
    assert (ecowas_paps.kind, ecowas_paps.headquarters.iso2) == ("rec_department", "NG")


def test_an_acronym_is_unique_under_one_parent_but_not_across_parents():
    sadc = factories.organisation("SADC")
    Organisation.objects.create(name="Politics, Defence and Security", acronym="PAPS", parent=sadc)

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Peace and Security", acronym="paps", parent=sadc)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Economic Community", acronym="Ecowas", kind="rec")

    assert Organisation.objects.filter(acronym__iexact="PAPS").count() == 3


def test_dfid_became_fcdo_on_2_september_2020():
    dfid = factories.organisation("DFID")
    fcdo = factories.organisation("FCDO")

    assert dfid.successor == fcdo
    assert (dfid.ended_on, dfid.ended_display) == (dt.date(2020, 9, 2), "2 September 2020")
    assert list(fcdo.predecessors.all()) == [dfid]
    assert dfid.name == "Department for International Development (United Kingdom)"
    assert "Sources: seed 004, U1." in dfid.note


def test_former_names_keep_their_dates_and_sources():
    sadcc = OrganisationName.objects.get(name="SADCC")

    assert (sadcc.organisation.acronym, sadcc.kind) == ("SADC", "former_name")
    assert sadcc.period_display == "1 April 1980 – 17 August 1992"
    assert sadcc.source == "R7"
    igadd = OrganisationName.objects.get(name="IGADD")
    assert igadd.period_display == "January 1986 – 1996"


def test_an_alias_added_in_the_admin_is_searched_at_once():
    bamako_network = factories.OrganisationFactory(name="Réseau des femmes pour la paix")

    alias = OrganisationName.objects.create(
        organisation=bamako_network, name="REFEPA-Mali", kind="acronym"
    )
    bamako_network.refresh_from_db()

    assert alias.plain == "refepa mali"
    assert "|refepa mali|" in bamako_network.search_names
    assert "|reseau des femmes pour la paix|" in bamako_network.search_names
    alias.delete()
    bamako_network.refresh_from_db()
    assert "refepa" not in bamako_network.search_names


def test_renaming_an_organisation_changes_what_finds_it_without_a_history_of_the_index():
    network = factories.OrganisationFactory(name="Sahel civil society platform")
    before = network.history.count()

    network.name = "Plateforme de la société civile du Sahel"
    network.save(update_fields=["name"])
    network.refresh_from_db()

    assert network.search_names == "|plateforme de la societe civile du sahel|"
    assert network.history.count() == before + 1


def test_plain_drops_accents_case_and_punctuation():
    assert plain("  Communauté Économique des États de l’Afrique ") == (
        "communaute economique des etats de l'afrique"
    )
    assert plain("CEN-SAD") == plain("cen sad") == "cen sad"
    assert plain("Cédéao") == plain("CEDEAO") == "cedeao"


def test_reference_data_loads_twice_without_change():
    def snapshot():
        return {
            "names": list(
                OrganisationName.objects.order_by("pk").values_list(
                    "pk", "organisation_id", "name", "kind", "language", "used_from", "source"
                )
            ),
            "organisations": list(
                Organisation.objects.order_by("pk").values_list(
                    "pk", "acronym_fr", "name_pt", "successor_id", "ended_on", "search_names"
                )
            ),
            "history": Organisation.history.count(),
        }

    before = snapshot()

    loaded = {each.what: each for each in load_reference_data()}

    assert snapshot() == before
    assert (loaded["organisation names"].created, loaded["organisation names"].updated) == (0, 0)
    assert (loaded["organisations"].created, loaded["organisations"].updated) == (0, 0)
    assert loaded["organisation names"].rows == 69
