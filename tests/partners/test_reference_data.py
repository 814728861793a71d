import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from partners.models import AUSuspension, Country, Membership, Organisation
from partners.services import DATA_DIR, load_memberships, load_organisations
from tests import factories

pytestmark = pytest.mark.django_db

EN_DASH = "\N{EN DASH}"

SUMMARY = (
    "Reference data: 55 countries, 10 AU suspensions, 46 organisations, 69 organisation names, "
    "132 memberships, "
    "18 thematic areas, 5 target organisation types, 14 organiser roles, 10 lesson categories.\n"
)

SEED_PARTNERS = {
    "IOM": "un_entity",
    "ILO": "un_entity",
    "UNECA": "un_entity",
    "UNDP": "un_entity",
    "UN Women": "un_entity",
    "OHCHR": "un_entity",
    "OSES": "un_entity",
    "EU": "eu_institution",
    "GIZ": "bilateral",
    "Sida": "bilateral",
    "SDC": "bilateral",
    "SCB": "bilateral",
    "AfDB": "development_bank",
    "WB": "development_bank",
    "FCDO": "bilateral",
    "NOR": "bilateral",
    "DEN": "bilateral",
    "FIN": "bilateral",
    "FES": "civil_society",
    "DCAF": "research_training",
    "ISSAT": "research_training",
    "OECD-DAC": "intergovernmental",
    "CCSC-PURN": "civil_society",
    "AC-RSS": "civil_society",
    "MISAHEL": "au_organ",
}


def _edited_copy(name: str, folder, *, row: str, old: str, new: str):
    """A copy of a data file in which the line starting with ``row`` has ``old`` made ``new``."""
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines(keepends=True)
    [line] = [line for line in lines if line.startswith(row)]
    assert old in line
    copy = folder / name
    copy.write_text("".join(lines).replace(line, line.replace(old, new)), encoding="utf-8")
    return copy


def test_the_55_au_member_states_have_their_iso_codes():
    mali = factories.country("ML")
    sahrawi = factories.country("EH")
    algeria = factories.country("DZ")

    assert Country.objects.au_members().count() == 55
    assert (mali.iso3, mali.iso_numeric, mali.name_en, mali.name_fr) == (
        "MLI",
        "466",
        "Mali",
        "Mali",
    )
    assert (sahrawi.iso3, sahrawi.iso_numeric, sahrawi.name_en) == (
        "ESH",
        "732",
        "Sahrawi Arab Democratic Republic",
    )
    assert (algeria.iso_numeric, algeria.au_region) == ("012", "northern")


def test_country_name_follows_the_language():
    algeria = factories.country("DZ")

    with translation.override("fr"):
        in_french = str(algeria)
    with translation.override("en"):
        in_english = str(algeria)

    assert (in_french, in_english) == ("Algérie", "Algeria")


def test_the_eight_recs_and_two_rms_have_their_kind():
    regional = dict(Organisation.objects.regional().values_list("acronym", "kind"))

    assert regional == {
        "CEN-SAD": "rec",
        "COMESA": "rec",
        "EAC": "rec",
        "ECCAS": "rec",
        "ECOWAS": "rec",
        "IGAD": "rec",
        "SADC": "rec",
        "UMA": "rec",
        "EASF": "rm",
        "NARC": "rm",
    }


def test_ecowas_is_cedeao_to_a_french_reader_and_ecowas_to_an_english_one():
    ecowas = factories.organisation("ECOWAS")

    with translation.override("fr"):
        in_french = str(ecowas)
    with translation.override("en"):
        in_english = str(ecowas)

    assert in_french == f"CEDEAO {EN_DASH} Communauté économique des États de l'Afrique de l'Ouest"
    assert in_english == f"ECOWAS {EN_DASH} Economic Community of West African States"
    assert ecowas.headquarters == factories.country("NG")


def test_the_auc_departments_sit_under_the_auc():
    auc = factories.organisation("AUC")

    departments = set(auc.children.filter(kind="auc_department").values_list("acronym", flat=True))

    assert (auc.kind, auc.name_fr, auc.headquarters.iso2) == (
        "au_commission",
        "Commission de l'Union africaine",
        "ET",
    )
    assert departments == {"PAPS", "ARBE", "ETTIM", "ESTI", "HHS", "IE"}
    assert factories.organisation("MISAHEL").parent == auc


def test_organisation_note_ends_with_its_sources():
    paps = factories.organisation("PAPS")

    assert paps.note.startswith("Merged the Department of Political Affairs")
    assert paps.note.endswith("Sources: C1, C2, C3, C5.")


def test_the_partners_named_in_the_seeds_exist():
    partners = Organisation.objects.filter(acronym__in=SEED_PARTNERS)

    assert dict(partners.values_list("acronym", "kind")) == SEED_PARTNERS
    assert factories.organisation("ISSAT").parent == factories.organisation("DCAF")
    assert {
        org.acronym: org.headquarters.iso2 for org in partners.filter(headquarters__isnull=False)
    } == {
        "AC-RSS": "ML",
        "CCSC-PURN": "ML",
        "MISAHEL": "ML",
        "OSES": "SN",
        "AfDB": "CI",
        "UNECA": "ET",
    }


def test_loading_twice_changes_nothing():
    ids_before = {
        model: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (Country, AUSuspension, Organisation, Membership)
    }
    history_before = Organisation.history.count()
    out = StringIO()

    call_command("load_reference_data", stdout=out)

    assert out.getvalue() == SUMMARY
    assert {
        model: list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in ids_before
    } == ids_before
    assert Organisation.history.count() == history_before


def test_load_reference_data_is_silent_at_verbosity_0():
    out = StringIO()

    call_command("load_reference_data", verbosity=0, stdout=out)

    assert out.getvalue() == ""


def test_an_edited_data_file_updates_only_the_edited_row(tmp_path):
    edited = _edited_copy(
        "organisations.csv", tmp_path, row="ECOWAS,", old=",NG,,", new=",NG,https://www.ecowas.int,"
    )
    history_before = Organisation.history.count()

    loaded = load_organisations(path=edited)

    ecowas = factories.organisation("ECOWAS")
    assert ecowas.website == "https://www.ecowas.int"
    assert (loaded.rows, loaded.created, loaded.updated) == (46, 0, 1)
    assert Organisation.history.count() == history_before + 1
    assert ecowas.history.first().history_type == "~"


def test_a_later_leaving_date_in_the_data_file_ends_the_membership(tmp_path):
    edited = _edited_copy(
        "memberships.csv",
        tmp_path,
        row="ECCAS,CM,",
        old="1983-10-18,day,,,R4,Founding member (treaty 18 Oct 1983).,true",
        new="1983-10-18,day,2030-01-01,day,R4,Founding member (treaty 18 Oct 1983).,false",
    )

    load_memberships(path=edited)

    eccas = factories.organisation("ECCAS")
    cameroon = factories.country("CM")
    assert cameroon in eccas.members_on(dt.date(2029, 12, 31))
    assert cameroon not in eccas.members_on(dt.date(2030, 1, 1))
    assert Membership.objects.filter(organisation=eccas, country=cameroon).count() == 1


def test_mali_was_in_ecowas_in_2016_and_not_in_2026():
    ecowas = factories.organisation("ECOWAS")
    mali = factories.country("ML")

    members_2016 = ecowas.members_on(dt.date(2016, 12, 1))
    members_2026 = ecowas.members_on(dt.date(2026, 1, 1))

    assert mali in members_2016
    assert mali not in members_2026
    assert (members_2016.count(), members_2026.count()) == (15, 12)
    assert (
        Membership.objects.on(dt.date(2016, 12, 1))
        .filter(organisation=ecowas, country=mali)
        .exists()
    )
    assert (
        not Membership.objects.on(dt.date(2026, 1, 1))
        .filter(organisation=ecowas, country=mali)
        .exists()
    )


def test_a_year_only_leaving_date_counts_from_the_first_of_january():
    comesa = factories.organisation("COMESA")
    lesotho = factories.country("LS")

    membership = Membership.objects.get(organisation=comesa, country=lesotho)

    assert (membership.left_on, membership.left_precision) == (dt.date(1997, 1, 1), "year")
    assert membership.period_display == f"… {EN_DASH} 1997"
    assert lesotho in comesa.members_on(dt.date(1996, 12, 31))
    assert lesotho not in comesa.members_on(dt.date(1997, 1, 1))


def test_seychelles_has_two_sadc_periods():
    sadc = factories.organisation("SADC")
    seychelles = factories.country("SC")

    periods = Membership.objects.filter(organisation=sadc, country=seychelles).order_by("joined_on")

    assert [(period.joined_on, period.left_on) for period in periods] == [
        (dt.date(1997, 9, 1), dt.date(2004, 1, 1)),
        (dt.date(2008, 8, 16), None),
    ]
    assert periods[0].period_display == f"September 1997 {EN_DASH} 2004"
    assert seychelles not in sadc.members_on(dt.date(2006, 1, 1))


def test_former_memberships_all_have_a_leaving_date_and_none_overlap():
    memberships = Membership.objects.all()

    assert memberships.count() == 132
    assert memberships.filter(left_on__isnull=False).count() == 11
    assert [str(m) for m in memberships if m.overlapping().exists()] == []


def test_au_suspensions_by_date():
    burkina_faso = factories.country("BF")
    gabon = factories.country("GA")
    guinea = factories.country("GN")

    assert burkina_faso.is_suspended_on(dt.date(2023, 6, 1))
    assert gabon.is_suspended_on(dt.date(2024, 1, 1))
    assert not gabon.is_suspended_on(dt.date(2026, 1, 1))
    assert guinea.is_suspended_on(dt.date(2024, 6, 1))
    assert not guinea.is_suspended_on(dt.date(2026, 2, 1))


def test_six_member_states_were_suspended_on_26_february_2026():
    suspended = Country.objects.suspended_on(dt.date(2026, 2, 26))

    assert sorted(suspended.values_list("iso2", flat=True)) == ["BF", "GW", "MG", "ML", "NE", "SD"]


def test_mali_2020_suspension_was_lifted_in_a_month_without_a_day():
    suspension = AUSuspension.objects.get(
        country=factories.country("ML"), suspended_on=dt.date(2020, 8, 19)
    )

    assert (suspension.lifted_on, suspension.lifted_precision) == (dt.date(2020, 10, 1), "month")
    assert suspension.period_display == f"19 August 2020 {EN_DASH} October 2020"
    assert not factories.country("ML").is_suspended_on(dt.date(2021, 1, 1))
