import pytest
from django.utils import translation

from workshops.models import TargetOrganisationType, ThematicArea
from workshops.services import DATA_DIR, load_thematic_areas

pytestmark = pytest.mark.django_db


def test_the_18_thematic_areas_are_in_domain_order():
    names = list(ThematicArea.objects.values_list("name_en", flat=True))

    assert names == [
        "SSR policy and strategy",
        "Defence reform",
        "Police reform",
        "Justice reform",
        "Corrections",
        "Border management",
        "Intelligence oversight",
        "Parliamentary oversight",
        "Civil society oversight",
        "Gender and SSR (women's participation)",
        "Youth",
        "DDR (disarmament, demobilisation and reintegration)",
        "Small arms and light weapons (SALW)",
        "Transnational organised crime and trafficking",
        "Maritime security",
        "Labour migration governance",
        "Financial management of the security sector",
        "Human rights",
    ]


def test_the_5_target_organisation_types_are_in_domain_order():
    codes = list(TargetOrganisationType.objects.values_list("code", flat=True))

    assert codes == [
        "security-providers",
        "justice-rule-of-law",
        "management-oversight",
        "public-oversight",
        "regional-continental-bodies",
    ]


def test_vocabulary_labels_follow_the_language():
    ddr = ThematicArea.objects.get(code="ddr")
    salw = ThematicArea.objects.get(code="salw")

    with translation.override("fr"):
        in_french = [str(ddr), str(salw)]
    with translation.override("en"):
        in_english = [str(ddr), str(salw)]

    assert in_french == [
        "DDR (désarmement, démobilisation et réintégration)",
        "Armes légères et de petit calibre (ALPC)",
    ]
    assert in_english == [
        "DDR (disarmament, demobilisation and reintegration)",
        "Small arms and light weapons (SALW)",
    ]


def test_a_language_without_labels_falls_back_to_english():
    gender = ThematicArea.objects.get(code="gender")

    with translation.override("pt"):
        shown = str(gender)

    assert shown == "Gender and SSR (women's participation)"


def test_target_organisation_types_say_what_they_include_in_both_languages():
    providers = TargetOrganisationType.objects.get(code="security-providers")

    with translation.override("fr"):
        name_in_french = str(providers)

    assert name_in_french == "Prestataires de sécurité"
    assert providers.description_en.startswith("armed forces, police, gendarmerie, ")
    assert providers.description_fr.startswith("forces armées, police, gendarmerie, ")


def test_an_edited_label_updates_the_row_and_keeps_its_id(tmp_path):
    youth = ThematicArea.objects.get(code="youth")
    edited = tmp_path / "thematic_areas.csv"
    text = (DATA_DIR / "thematic_areas.csv").read_text(encoding="utf-8")
    edited.write_text(
        text.replace("youth,Youth,Jeunesse,", "youth,Youth,Jeunes,"), encoding="utf-8"
    )

    load_thematic_areas(path=edited)

    assert ThematicArea.objects.get(code="youth").name_fr == "Jeunes"
    assert ThematicArea.objects.get(code="youth").pk == youth.pk
    assert ThematicArea.objects.count() == 18
