# The expected texts are the seeds' own, with their typography (curly quotes, guillemets, dashes).
import datetime as dt
import io
import zoneinfo

import pytest
from django.apps import apps
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError

from partners.models import CoordinationFramework, Organisation, User
from workshops.models import Event, Mandate

pytestmark = pytest.mark.django_db

BAMAKO = zoneinfo.ZoneInfo("Africa/Bamako")
ADDIS_ABABA = zoneinfo.ZoneInfo("Africa/Addis_Ababa")
JLMP_TITLE = (
    "AUC-RECs High-Level Meeting to launch the Joint Labour Migration Programme Strategic Framework"
)
MALI_TITLE = (
    "Atelier national de mise en place de l’alliance des organisations de la société civile sur "
    "la RSS au Mali"
)


def seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def acronyms(organisations) -> list[str]:
    return sorted(o.acronym for o in organisations)


def test_mandate_000_has_the_seven_outcome_objectives_in_order():
    seed_demo()

    mandate = Mandate.objects.get(title="AU/REC Workshop")
    assert list(mandate.objectives.order_by("position").values_list("position", "text")) == [
        (
            1,
            "Provide a platform for technical level officers of RECs/RMs and AUC to jointly "
            "review and plan for SSR support to Member States based on comparative advantages and "
            "priority areas identified in the AU SSR Policy Frameworks and other instruments;",
        ),
        (
            2,
            "Translate complementarities in the AUC Commission, regional economic communities and "
            "regional mechanisms into enhanced synergy in implementing SSR support to Member "
            "States;",
        ),
        (
            3,
            "Give a long term perspective to institutional coordination in implementation of SSR "
            "support but also take a medium term focus for the next three-to-five years;",
        ),
        (
            4,
            "Devise modalities for improving political level support for SSR in RECs/RMs and "
            "making SSR a priority in improving peace and security on the continent;",
        ),
        (
            5,
            "Share experience and lessons from Joint Assessment Missions in various Member States, "
            "and feed such lessons where relevant into the planning and design of SSR support;",
        ),
        (
            6,
            "Draw key lessons from the outcomes of the project Building African Union Capacities "
            "in Security Sector Reform (SSR): A Joint UN-EU Support Action in building RECs/RMs "
            "capacities",
        ),
        (
            7,
            "Strengthen the building blocks of APSA by providing a model for regional cooperation "
            "between AU and RECs/RMs in supporting SSR in Member States.",
        ),
    ]


def test_mandate_000_has_its_two_outputs_dates_and_aim():
    seed_demo()

    mandate = Mandate.objects.get(title="AU/REC Workshop")
    assert list(mandate.outputs.order_by("position").values_list("position", "text")) == [
        (
            1,
            "Provide expertise and advice to the workshop organizers and facilitate the workshop "
            "deliberations to enable smooth process towards achieving the workshop objectives.",
        ),
        (
            2,
            "Identify areas of support that they could render to the REC/RMs to help them develop "
            "and/ or implement their SSR policy frameworks.",
        ),
    ]
    assert (mandate.language, mandate.status) == ("en", "completed")
    assert (mandate.start_date, mandate.end_date) == (dt.date(2016, 12, 1), dt.date(2016, 12, 17))
    assert mandate.description == (
        "The aim of the workshop is to enhance institutional coordination in SSR support between "
        "the AU Commission and Regional Economic Communities and Regional Mechanisms through "
        "joint planning and review."
    )


def test_mandate_000_leaves_empty_what_the_seed_leaves_empty():
    seed_demo()

    mandate = Mandate.objects.get(title="AU/REC Workshop")
    assert list(mandate.mandating_organisations.all()) == []
    assert list(mandate.target_countries.all()) == []
    assert list(mandate.target_organisation_types.all()) == []


def test_workshop_000_is_held_under_the_mandate_and_serves_all_seven_objectives():
    seed_demo()

    event = Event.objects.get(title="AU/REC Workshop")
    assert (event.kind, event.status, event.venue) == ("workshop", "held", "")
    assert event.mandate == Mandate.objects.get(title="AU/REC Workshop")
    # The record gives days, no times: whole days in Addis Ababa.
    assert (event.all_day, event.open_end, event.time_zone) == (True, False, "Africa/Addis_Ababa")
    assert event.start == dt.datetime(2016, 12, 1, 0, 0, tzinfo=ADDIS_ABABA)
    assert event.end == dt.datetime(2016, 12, 17, 23, 59, 59, tzinfo=ADDIS_ABABA)
    assert sorted(event.served_objectives.values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
    ]
    assert event.lessons.count() == 0


def test_meeting_001_has_objectives_a_to_f_and_expected_results_a_to_d_in_order():
    seed_demo()

    event = Event.objects.get(title=JLMP_TITLE)
    assert [(o.letter, o.text) for o in event.objectives.order_by("position")] == [
        ("a", "Present and launch the JLMP Strategic and MERL Frameworks;"),
        (
            "b",
            "Update the CEOs of the Regional Economic Communities on the activities and "
            "achievements of the JLMP till date;",
        ),
        ("c", "Highlight existing and potential challenges with JLMP implementation;"),
        (
            "d",
            "Discuss a draft guidance on complementarity and synergy between migration/labour "
            "migration programmes and projects at continental, regional and national levels;",
        ),
        (
            "e",
            "Jointly review the efficiency of existing communication channels at the RECs and AUC "
            "with a view of improvement; and",
        ),
        (
            "f",
            "Sensitize more development partners about JLMP and to seek opportunities for "
            "partnerships.",
        ),
    ]
    assert [(r.letter, r.text) for r in event.expected_results.order_by("position")] == [
        (
            "a",
            "Dissemination of and awareness of the JLMP Strategic Framework among the RECs and "
            "other key stakeholders, at highest political level, for ownership and buy-in;",
        ),
        ("b", "Implementation challenges assessed and documented;"),
        ("c", "Guidance document on synergy and complementarity endorsed; and"),
        ("d", "Basic joint communication plan endorsed."),
    ]


def test_meeting_001_is_online_on_7_december_2020_in_english():
    seed_demo()

    event = Event.objects.get(title=JLMP_TITLE)
    assert (event.kind, event.status, event.format, event.online_url) == (
        "high_level_meeting",
        "held",
        "online",
        "",
    )
    assert (event.language, event.working_languages) == ("en", ["en"])
    # "December 07, 2020": a day, no time.
    assert (event.all_day, event.open_end, event.time_zone) == (True, False, "Africa/Addis_Ababa")
    assert event.start == dt.datetime(2020, 12, 7, 0, 0, tzinfo=ADDIS_ABABA)
    assert event.end == dt.datetime(2020, 12, 7, 23, 59, 59, tzinfo=ADDIS_ABABA)
    assert event.summary == (
        "The African Union Commission (AUC) - Regional Economic Communities (RECs) High-Level "
        "Meeting to launch the Joint Labour Migration Programme Strategic Framework."
    )
    assert event.background.splitlines()[2:7] == [
        "The projects are as follows:",
        "• Extending access to social protection and portability of benefits to migrant workers "
        "and their families in selected RECs in Africa 2017 – 2020 implemented by ILO covering "
        "EAC, ECOWAS and SADC;",
        "• Priority implementation actions of the AUC-ILO-IOM-ECA Joint Programme on Labour "
        "Migration Governance for Development and Integration in Africa (JLMP Priority) "
        "2018-2021 covering EAC, ECOWAS and SADC;",
        "• SIDA-funded Capacity Development in Statistics 2019-2021 implemented by Statistics "
        "Sweden covering COMESA, EAC, ECOWAS and IGAD;",
        "• GIZ’s Support to the African Union on migration and displacement 2018 – 2020 which "
        "has supported the JLMP Priority.",
    ]
    assert list(event.thematic_areas.values_list("code", flat=True)) == ["labour-migration"]
    assert list(event.target_countries.all()) == []
    assert event.documents.count() == 0


def test_meeting_001_is_organised_by_hhs_iom_and_ilo_with_no_funder():
    seed_demo()

    event = Event.objects.get(title=JLMP_TITLE)
    assert list(
        event.organiser_roles.order_by("position").values_list(
            "position", "organisation__acronym", "role"
        )
    ) == [(1, "HHS", "organiser"), (2, "IOM", "organiser"), (3, "ILO", "organiser")]


def test_meeting_001_has_its_participant_groups_in_order_with_the_organisations_named():
    seed_demo()

    event = Event.objects.get(title=JLMP_TITLE)
    groups = list(event.participant_groups.order_by("position"))
    assert [(g.position, g.name, acronyms(g.organisations.all())) for g in groups] == [
        (
            1,
            "CEOs of 8 recognized AU RECs",
            ["CEN-SAD", "COMESA", "EAC", "ECCAS", "ECOWAS", "IGAD", "SADC", "UMA"],
        ),
        (
            2,
            "RECs Liaison Offices and Focal persons at HQ involved with coordination of the JLMP",
            [],
        ),
        (3, "Relevant AUC Departments", []),
        (4, "JLMP partners", ["GIZ", "ILO", "IOM", "SCB", "UNECA"]),
        (5, "Donor partners", ["AfDB", "DEN", "EU", "FCDO", "FIN", "NOR", "SDC", "Sida"]),
        (
            6,
            "International/UN Organizations",
            ["ILO", "IOM", "OHCHR", "UN Women", "UNDP", "UNECA"],
        ),
        (7, "Chair of STC of Labour & Migration", []),
        (8, "Representatives of the media", []),
    ]
    assert groups[0].description == (
        "CEOs of 8 recognized AU RECs namely CENSAD, COMESA, EAC, ECOWAS, ECCAS, SADC, IGAD, UMA"
    )


def test_meeting_001_has_its_two_contacts_without_email():
    seed_demo()

    event = Event.objects.get(title=JLMP_TITLE)
    assert [
        (
            c.position,
            c.purpose,
            c.person.title,
            c.person.full_name,
            c.person.position,
            c.person.organisation.acronym,
            c.person.email,
        )
        for c in event.contacts.order_by("position")
    ] == [
        (
            1,
            "For more information related to the consultation",
            "Mr.",
            "Oumar Diop",
            "JLMP Support Unit Coordinator",
            "AUC",
            "",
        ),
        (
            2,
            "For media inquiries",
            "Mr.",
            "Gamal Eldin Ahmed A. Karrar",
            "Senior Communication Officer, Information and Communications Directorate",
            "AUC",
            "",
        ),
    ]


def test_workshop_002_is_stored_in_french_in_bamako_on_26_and_27_january_2022():
    seed_demo()

    event = Event.objects.get(title=MALI_TITLE)
    assert (event.language, event.working_languages) == ("fr", ["fr"])
    assert (event.kind, event.status, event.format) == ("workshop", "held", "in_person")
    assert (event.city, event.country.iso2, event.time_zone) == ("Bamako", "ML", "Africa/Bamako")
    # "Du 26 au 27 Janvier 2022": two whole days in Bamako.
    assert (event.all_day, event.open_end) == (True, False)
    assert event.start == dt.datetime(2022, 1, 26, 0, 0, tzinfo=BAMAKO)
    assert event.end == dt.datetime(2022, 1, 27, 23, 59, 59, tzinfo=BAMAKO)
    assert list(event.target_countries.values_list("iso2", flat=True)) == ["ML"]
    assert sorted(event.thematic_areas.values_list("code", flat=True)) == [
        "civil-society-oversight",
        "ssr-policy-strategy",
    ]
    assert event.summary.startswith(
        "Du 26 au 27 Janvier 2022, s’est tenu à Bamako l’atelier national de mise en place de "
        "l’alliance des organisations de la société civile sur la RSS au Mali dans le cadre du "
        "projet « Sécurité pour tous » co-financé par l’Union européenne"
    )
    assert list(event.objectives.values_list("position", "text")) == [
        (
            1,
            "faciliter la mise en réseau des acteurs de la société civile qui permettra de mener "
            "plus efficacement des actions de lobbying et de défense d’intérêts de la société "
            "civile pour une meilleure participation et prise en compte dans le processus de RSS "
            "au Mali.",
        )
    ]
    assert "a vu le jour" in event.outcome
    assert event.outcome.endswith(
        "A la suite de cela, un comité de pilotage composé d’une dizaine de membres a été mis en "
        "place pour travailler sur la forme et les contours de l’alliance."
    )
    assert list(
        event.participant_groups.values_list(
            "name", "count", "count_approximation", "count_kind", "countries__iso2"
        )
    ) == [
        (
            "une trentaine de représentant des OSC membres et non-membres de la CCSC-PURN",
            30,
            "about",
            "reported",
            "ML",
        )
    ]


def test_workshop_002_is_funded_by_the_eu_and_the_fes():
    seed_demo()

    event = Event.objects.get(title=MALI_TITLE)
    assert list(
        event.organiser_roles.order_by("position").values_list("organisation__acronym", "role")
    ) == [
        ("CCSC-PURN", "organiser"),
        ("FES", "co_organiser"),
        ("EU", "co_funder"),
        ("FES", "co_funder"),
    ]


ATTENDED_SPEAKER = ("speaker", "confirmed", "attended", "fr")


def test_workshop_002_speakers_of_the_photo_attended_in_french():
    seed_demo()

    event = Event.objects.get(title=MALI_TITLE)
    assert [
        (
            p.person.title,
            p.person.full_name,
            p.person.position,
            p.person.preferred_language,
            p.organisation.acronym,
            p.role,
            p.answer,
            p.attendance,
            p.notice_language,
        )
        for p in event.participants.order_by("person__full_name")
    ] == [
        ("M.", "Bart Ouvry", "Ambassadeur de la DUE au Mali", "fr", "EU", *ATTENDED_SPEAKER),
        ("M.", "Boubacar Bocoum", "", "fr", "CCSC-PURN", *ATTENDED_SPEAKER),
        (
            "M.",
            "Christian Klatt",
            "Représentant résident de la FES au Mali",
            "fr",
            "FES",
            *ATTENDED_SPEAKER,
        ),
    ]


def test_frameworks_of_seed_003_have_their_members_and_working_groups():
    seed_demo()

    frameworks = {
        f.name: (
            f.acronym,
            f.established,
            f.cadence,
            sorted(f.memberships.values_list("organisation__acronym", "role")),
            list(f.working_groups.order_by("position").values_list("name", flat=True)),
        )
        for f in CoordinationFramework.objects.all()
    }
    assert frameworks == {
        "Contact Group of International Partners for the Sahel": (
            "",
            "November 2014, Bamako",
            "",
            [
                ("AUC", "member"),
                ("AfDB", "member"),
                ("EU", "member"),
                ("OSES", "member"),
                ("WB", "member"),
            ],
            [],
        ),
        "Ministerial Coordination Platform for the Sahel": (
            "",
            "November 2013",
            "Biannual ordinary plenary meetings under the leadership of a Sahel country",
            [("MISAHEL", "secretariat"), ("OSES", "secretariat")],
            ["Governance", "Security", "Resilience", "Development"],
        ),
        "Steering Committee of the United Nations Integrated Strategy for the Sahel (UNISS)": (
            "UNISS SC",
            "",
            "",
            [("OSES", "chair")],
            [
                "Regional Inter-Agency Working Group on Governance",
                "Regional Inter-Agency Working Group on Security",
                "Regional Inter-Agency Working Group on Resilience",
            ],
        ),
    }


def test_uniss_description_keeps_the_seed_words_and_notes_its_typo():
    seed_demo()

    description = CoordinationFramework.objects.get(acronym="UNISS SC").description
    assert "(one on each pillar of the UNISS: Governance, Security and Governance)" in description
    assert description.endswith(
        "Note: the source names the pillars “Governance, Security and Governance”; the three "
        "pillars of the UNISS are Governance, Security and Resilience."
    )


def test_demo_users_are_in_their_groups_with_their_organisations():
    seed_demo()

    users = {
        u.username: (
            sorted(u.groups.values_list("name", flat=True)),
            u.organisation.acronym if u.organisation else "",
            u.language,
            u.is_staff,
            u.is_superuser,
        )
        for u in User.objects.filter(
            username__in=["admin", "secretariat", "secretariat.fr", "focal.ecowas", "focal.sadc"]
        )
    }
    assert users == {
        "admin": (["Admin"], "", "", True, True),
        "secretariat": (["Secretariat"], "PAPS", "", False, False),
        "secretariat.fr": (["Secretariat"], "PAPS", "fr", False, False),
        "focal.ecowas": (["Focal point"], "ECOWAS", "", False, False),
        "focal.sadc": (["Focal point"], "SADC", "", False, False),
    }


def test_prints_a_warning_and_the_logins_that_work():
    output = seed_demo()

    assert output.splitlines() == [
        "Demo data loaded: seeds 000, 001, 002 and 003.",
        "These are demo accounts for a local run only: never load them on a shared server.",
        "Admin login: http://127.0.0.1:8000/admin/  user admin  password admin-demo-kestrel-2026",
        "Secretariat login: http://127.0.0.1:8000/accounts/login/  user secretariat  "
        "password secretariat-demo-heron-2026",
        "Focal point (ECOWAS) login: http://127.0.0.1:8000/accounts/login/  user focal.ecowas  "
        "password ecowas-demo-ibis-2026",
        "Focal point (SADC) login: http://127.0.0.1:8000/accounts/login/  user focal.sadc  "
        "password sadc-demo-kudu-2026",
        "Secretariat (French) login: http://127.0.0.1:8000/accounts/login/  user secretariat.fr  "
        "password secretariat-demo-baobab-2026",
    ]
    for line in output.splitlines()[2:]:
        username, password = line.split("  user ")[1].split("  password ")
        user = User.objects.get(username=username)
        assert user.check_password(password)
        validate_password(password, user)


def test_does_not_show_a_password_someone_changed():
    seed_demo()
    user = User.objects.get(username="focal.sadc")
    user.set_password("a-password-of-their-own-2026")
    user.save()

    output = seed_demo()

    assert (
        "Focal point (SADC) login: http://127.0.0.1:8000/accounts/login/  user focal.sadc  "
        "password (changed since it was created: not shown)"
    ) in output.splitlines()
    assert User.objects.get(username="focal.sadc").check_password("a-password-of-their-own-2026")


def snapshot() -> dict:
    """Every row of every model, historical ones included, as stored."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def test_running_twice_changes_nothing():
    first_output = seed_demo()
    before = snapshot()

    second_output = seed_demo()

    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {
        label: len(rows) for label, rows in before.items()
    }
    assert after == before
    assert second_output == first_output


def test_refuses_to_run_without_the_reference_data():
    # update() writes no history and the test's transaction rolls it back.
    Organisation.objects.filter(acronym="AUC").update(acronym="AUC-renamed")

    with pytest.raises(CommandError, match=r"^Run `python manage.py load_reference_data` first\.$"):
        seed_demo()

    assert not Mandate.objects.filter(title="AU/REC Workshop").exists()
