# ruff: noqa: RUF001
# The seed texts keep their own typography (curly quotes, guillemets, en dashes, the French
# no-break space before a colon): they are stored verbatim, so the ambiguous-character rules do
# not apply to this file.
"""The demo records: seeds 000 to 003 of ../shared/seeds, copied faithfully, and a user per role.

The texts are the seeds' own, typos included ("the AUC Commission", "Governance, Security and
Governance"). What a seed leaves empty stays empty. ``seed_demo`` runs :func:`load_demo_data`.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import models, transaction
from django.db.models import Q

from partners.models import (
    CoordinationFramework,
    Country,
    FrameworkMember,
    Organisation,
    Person,
    User,
    WorkingGroup,
)
from workshops.models import (
    Event,
    EventContact,
    EventExpectedResult,
    EventObjective,
    EventOrganiser,
    Mandate,
    MandateObjective,
    MandateOutput,
    Participant,
    ParticipantGroup,
    ThematicArea,
)

ADDIS_ABABA = zoneinfo.ZoneInfo("Africa/Addis_Ababa")
BAMAKO = zoneinfo.ZoneInfo("Africa/Bamako")


class ReferenceDataMissing(Exception):
    """The organisations, countries or thematic areas of load_reference_data are not there."""


# --- Seed 000: the mandate record "AU/REC Workshop" ----------------------------------------------

MANDATE_000_TITLE = "AU/REC Workshop"
MANDATE_000_DESCRIPTION = (
    "The aim of the workshop is to enhance institutional coordination in SSR support between the "
    "AU Commission and Regional Economic Communities and Regional Mechanisms through joint "
    "planning and review."
)
MANDATE_000_OUTPUTS = [
    "Provide expertise and advice to the workshop organizers and facilitate the workshop "
    "deliberations to enable smooth process towards achieving the workshop objectives.",
    "Identify areas of support that they could render to the REC/RMs to help them develop and/ "
    "or implement their SSR policy frameworks.",
]
MANDATE_000_OBJECTIVES = [
    "Provide a platform for technical level officers of RECs/RMs and AUC to jointly review and "
    "plan for SSR support to Member States based on comparative advantages and priority areas "
    "identified in the AU SSR Policy Frameworks and other instruments;",
    "Translate complementarities in the AUC Commission, regional economic communities and "
    "regional mechanisms into enhanced synergy in implementing SSR support to Member States;",
    "Give a long term perspective to institutional coordination in implementation of SSR support "
    "but also take a medium term focus for the next three-to-five years;",
    "Devise modalities for improving political level support for SSR in RECs/RMs and making SSR "
    "a priority in improving peace and security on the continent;",
    "Share experience and lessons from Joint Assessment Missions in various Member States, and "
    "feed such lessons where relevant into the planning and design of SSR support;",
    "Draw key lessons from the outcomes of the project Building African Union Capacities in "
    "Security Sector Reform (SSR): A Joint UN-EU Support Action in building RECs/RMs capacities",
    "Strengthen the building blocks of APSA by providing a model for regional cooperation between "
    "AU and RECs/RMs in supporting SSR in Member States.",
]

# --- Seed 001: the JLMP high-level meeting --------------------------------------------------------

EVENT_001_TITLE = (
    "AUC-RECs High-Level Meeting to launch the Joint Labour Migration Programme Strategic Framework"
)
EVENT_001_SUMMARY = (
    "The African Union Commission (AUC) - Regional Economic Communities (RECs) High-Level "
    "Meeting to launch the Joint Labour Migration Programme Strategic Framework."
)
EVENT_001_BACKGROUND = "\n".join(
    [
        "Since 2015, projects totaling over US$17 million are currently being implemented in "
        "support of the JLMP covering these areas: social protection and portability of benefits "
        "to migrant workers and their families, enhanced skills portability, improved labour "
        "migration governance, improved availability of regular up-to-date migration statistics.",
        "",
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
        "",
        "In 2019, the AUC, with sponsorship from the Swiss Agency for Development and Cooperation "
        "(SDC) and in cooperation with stakeholders at the RECs and international development "
        "partners, developed the JLMP Strategic Framework. The objective of the assignment was to "
        "review the status, structure and implementation arrangements among the various JLMP "
        "partners and propose a ten-year strategic framework and results framework. The "
        "strategic framework and monitoring and evaluation framework were adopted by the Steering "
        "Committee of the JLMP in May, 2020.",
        "",
        "Regional Economic Communities (RECs) are the pillars of the AU and have a key role in "
        "promoting the implementation of JLMP and ensuring coordination, harmonization and "
        "collaboration with other regional processes which have a bearing on labour migration. "
        "In addition, RECs promote labour migration governance and management as an integral "
        "part of the regional development agenda through increased intra-regional trade and "
        "investment. They also ensure alignment of RECs policies, strategies, programmes and "
        "plans with the JLMP to ensure ownership, commitment and involvement in its "
        "implementation, monitoring evaluation and reporting.",
    ]
)
# Items keep the seed's closing punctuation (";", "; and", ".") so the list reads as printed.
EVENT_001_OBJECTIVES = [
    "Present and launch the JLMP Strategic and MERL Frameworks;",
    "Update the CEOs of the Regional Economic Communities on the activities and achievements of "
    "the JLMP till date;",
    "Highlight existing and potential challenges with JLMP implementation;",
    "Discuss a draft guidance on complementarity and synergy between migration/labour migration "
    "programmes and projects at continental, regional and national levels;",
    "Jointly review the efficiency of existing communication channels at the RECs and AUC with a "
    "view of improvement; and",
    "Sensitize more development partners about JLMP and to seek opportunities for partnerships.",
]
EVENT_001_EXPECTED_RESULTS = [
    "Dissemination of and awareness of the JLMP Strategic Framework among the RECs and other key "
    "stakeholders, at highest political level, for ownership and buy-in;",
    "Implementation challenges assessed and documented;",
    "Guidance document on synergy and complementarity endorsed; and",
    "Basic joint communication plan endorsed.",
]
# The "Department of Social Affairs" of the seed became HHS in the 2018 reform of the AUC.
EVENT_001_ORGANISERS = ["HHS", "IOM", "ILO"]
RECS = ["CEN-SAD", "COMESA", "EAC", "ECOWAS", "ECCAS", "SADC", "IGAD", "UMA"]
# (name, the seed's own words where they add to the name, organisations named)
EVENT_001_PARTICIPANT_GROUPS = [
    (
        "CEOs of 8 recognized AU RECs",
        "CEOs of 8 recognized AU RECs namely CENSAD, COMESA, EAC, ECOWAS, ECCAS, SADC, IGAD, UMA",
        RECS,
    ),
    ("RECs Liaison Offices and Focal persons at HQ involved with coordination of the JLMP", "", []),
    ("Relevant AUC Departments", "", []),
    (
        "JLMP partners",
        "JLMP partners including IOM, ILO, ECA, GIZ, Statistics Sweden",
        ["IOM", "ILO", "UNECA", "GIZ", "SCB"],
    ),
    (
        "Donor partners",
        "Donor partners including SIDA, EU, SDC, AfDB, Norway, Denmark, Finland, UK Foreign, "
        "Commonwealth & Development Office (FCDO)",
        ["Sida", "EU", "SDC", "AfDB", "NOR", "DEN", "FIN", "FCDO"],
    ),
    (
        "International/UN Organizations",
        "International/UN Organizations – IOM, ILO, UNECA, UNDP, UN Women, OHCHR",
        ["IOM", "ILO", "UNECA", "UNDP", "UN Women", "OHCHR"],
    ),
    ("Chair of STC of Labour & Migration", "", []),
    (
        "Representatives of the media",
        "Representatives of the media, are invited to cover the AUC-RECs High-Level Meeting to "
        "launch the Joint Labour Migration Programme Strategic Framework.",
        [],
    ),
]
# (title, full name, position, organisation, purpose); the seed's e-mail addresses were stripped.
EVENT_001_CONTACTS = [
    (
        "Mr.",
        "Oumar Diop",
        "JLMP Support Unit Coordinator",
        "AUC",
        "For more information related to the consultation",
    ),
    (
        "Mr.",
        "Gamal Eldin Ahmed A. Karrar",
        "Senior Communication Officer, Information and Communications Directorate",
        "AUC",
        "For media inquiries",
    ),
]

# --- Seed 002: the national workshop of the civil society alliance on SSR in Mali (French) --------

EVENT_002_TITLE = (
    "Atelier national de mise en place de l’alliance des organisations de la société civile sur "
    "la RSS au Mali"
)
EVENT_002_SUMMARY = (
    "Du 26 au 27 Janvier 2022, s’est tenu à Bamako l’atelier national de mise en place de "
    "l’alliance des organisations de la société civile sur la RSS au Mali dans le cadre du projet "
    "« Sécurité pour tous » co-financé par l’Union européenne en partenariat avec la "
    "Friedrich-Ebert-Stiftung. Au total, une trentaine de représentant des OSC membres et "
    "non-membres de la CCSC-PURN ont participé audit atelier et ont pu mettre en place l’Alliance "
    "Citoyenne pour la Réforme du Secteur de la Sécurité (AC-RSS)."
)
EVENT_002_OBJECTIVE = (
    "faciliter la mise en réseau des acteurs de la société civile qui permettra de mener plus "
    "efficacement des actions de lobbying et de défense d’intérêts de la société civile pour une "
    "meilleure participation et prise en compte dans le processus de RSS au Mali."
)
EVENT_002_BACKGROUND = "\n\n".join(
    [
        "L’objectif était de " + EVENT_002_OBJECTIVE,
        "La mise en place de ladite alliance des organisations de la société civile sur la RSS a "
        "été fait sur la base du document de positionnement de la SC sur la Réforme du Secteur de "
        "Sécurité au Mali obtenu grâce aux résultats des différents foras régionaux et des "
        "ateliers Genre et jeunesse de Gao.",
        # The seed's run of spaces after "organisé" is page markup, reduced to one space.
        "Cet atelier a été organisé dans le cadre du projet régional ‘’Sécurité pour tous’’ "
        "co-financé par l’Union Européenne en partenariat avec la Friedrich-Ebert-Stiftung et vise "
        "à renforcer/appuyer les reformes du secteur de la sécurité en impliquant d’avantage la "
        "société civile y compris les femmes et les jeunes dans le processus.",
    ]
)
EVENT_002_OUTCOME = "\n\n".join(
    [
        "Après deux jours d’atelier intense, une alliance du nom de l’Alliance Citoyenne pour la "
        "Réforme du Secteur de la Sécurité (AC-RSS) a vu le jour avec pour objectif général "
        "de\u00a0: Promouvoir la participation de la SC dans le processus de G/RSS au Mali.",
        "Les priorités de l’alliance ainsi que des pistes d’actions à entreprendre à court, moyen "
        "et long terme ont été discuté et partagé par l’ensemble des participant (e) s.",
        "A la suite de cela, un comité de pilotage composé d’une dizaine de membres a été mis en "
        "place pour travailler sur la forme et les contours de l’alliance.",
    ]
)
# (organisation, role): "co-financé par l’Union européenne en partenariat avec la
# Friedrich-Ebert-Stiftung": both fund the project, which the FES carries out.
EVENT_002_ORGANISERS = [
    ("CCSC-PURN", "organiser"),
    ("FES", "co_organiser"),
    # « co-financé par l'Union européenne en partenariat avec la Friedrich-Ebert-Stiftung »
    ("EU", "co_funder"),
    ("FES", "co_funder"),
]
EVENT_002_PARTICIPANT_GROUP = (
    "une trentaine de représentant des OSC membres et non-membres de la CCSC-PURN"
)
# The people of the photo caption: (title, full name, position, organisation).
EVENT_002_SPEAKERS = [
    ("M.", "Boubacar Bocoum", "", "CCSC-PURN"),
    ("M.", "Bart Ouvry", "Ambassadeur de la DUE au Mali", "EU"),
    ("M.", "Christian Klatt", "Représentant résident de la FES au Mali", "FES"),
]

# --- Seed 003: the coordination frameworks of the Sahel ------------------------------------------

CONTACT_GROUP_DESCRIPTION = (
    "In November 2013, the UN Secretary-General led undertook a high level visit to the Sahel, "
    "jointly with the Chairperson of the Commission of the African Union, the President of the "
    "African Development Bank, the President of the World Bank, and the Commissioner for "
    "Development of the European Union. The participants in this high level visit pledge to "
    "reinforce their support to the Sahel and to work in synergy in the region. In November 2014, "
    "on the occasion of the commemoration of the first anniversary of this visit, the "
    "Representatives and Envoys for the Sahel of the participating created, in Bamako, Mali, a "
    "Contact Group of international partners for the Sahel. The Contact Group of international "
    "partners for the Sahel serves as a forum for ensuring common messaging and concerted "
    "advocacy efforts among international partners on the Sahel, with the aim to ” support the "
    "efforts and initiatives of the countries of the region, to improve living conditions and "
    "ensure a better future for the people of the Sahel.”"
)
PLATFORM_DESCRIPTION = (
    "The Ministerial Coordination Platform was established during the high level meeting of the "
    "Secretary-General of the United Nations, the Chairperson of the Commission of the African "
    "Union, the President of the African Development Bank, the President of the World Bank, and "
    "the Commissioner for Development of the European Union, to the Sahel in November 2013. The "
    "Ministerial Coordination Platforms, brings together countries of the region and regional and "
    "international partners of the Sahel (both bilateral and multilateral), with overall the "
    "objective to ensure coherence between the various initiatives and strategies for the Sahel "
    "and enhance coordination and synergy of actions in their implementation for better efficacy "
    "and efficiency. The Ministerial Coordination Platforms, holds biannual ordinary plenary "
    "meetings under the leadership of a Sahel country, and comprises four Thematic Working Groups "
    "(Governance, Security, Resilience and Development) also chaired by Sahel countries with the "
    "technical support of regional and international partner organizations. The Ministerial "
    "Coordination Platform and its Thematic Working Groups are supported by a Technical "
    "Secretariat Co-chair by the African Union (through its Mission for Mali and the Sahel – "
    "MISAHEL) and the United Nations (through OSES)."
)
UNISS_DESCRIPTION = "\n\n".join(
    [
        "This is the United Nations internal coordination and oversight mechanism for the "
        "implementation of the United Nations Integrated Strategy for the Sahel (UNISS). The "
        "Steering Committee is chaired by the Special of the UN Secretary-General for the Sahel "
        "its membership includes Dakar-based regional directors/representatives of UN entities "
        "and UN Resident Coordinators in Sahel countries. The Steering Committee provides "
        "strategic guidance for the implementation of the UNISS, ensures coherence across the "
        "three pillars of the UNISS and between regional and national implementation efforts, "
        "and promotes strategic partnerships and engagement with key regional and international "
        "stakeholders. The Steering Committee oversees the activities of the three Regional "
        "Inter-Agency Working Groups (one on each pillar of the UNISS: Governance, Security and "
        "Governance). The Regional Inter-Agency Working Groups are tasked with formulating and "
        "monitoring the implementation of regional projects under their respective pillars of "
        "the UNISS. They also serve as a platform for information sharing among UN entities "
        "participating in the implementation of the UNISS.",
        "Note: the source names the pillars “Governance, Security and Governance”; the three "
        "pillars of the UNISS are Governance, Security and Resilience.",
    ]
)
UNISS_GROUP_DESCRIPTION = (
    "Tasked with formulating and monitoring the implementation of regional projects under its "
    "pillar of the UNISS; a platform for information sharing among UN entities participating in "
    "the implementation of the UNISS."
)
PLATFORM_GROUP_DESCRIPTION = (
    "Chaired by Sahel countries with the technical support of regional and international partner "
    "organizations."
)
SECRETARIAT_NOTE = "Co-chairs the Technical Secretariat of the Platform and its working groups"
# (name, acronym, established, cadence, description, [(organisation, role, note)],
#  [(working group name, description)])
FRAMEWORKS = [
    (
        "Contact Group of International Partners for the Sahel",
        "",
        "November 2014, Bamako",
        "",
        CONTACT_GROUP_DESCRIPTION,
        [
            ("OSES", "member", "For the UN Secretary-General"),
            ("AUC", "member", "For the Chairperson of the Commission of the African Union"),
            ("AfDB", "member", ""),
            ("WB", "member", ""),
            ("EU", "member", "For the Commissioner for Development of the European Union"),
        ],
        [],
    ),
    (
        "Ministerial Coordination Platform for the Sahel",
        "",
        "November 2013",
        "Biannual ordinary plenary meetings under the leadership of a Sahel country",
        PLATFORM_DESCRIPTION,
        [
            ("MISAHEL", "secretariat", f"{SECRETARIAT_NOTE}, for the African Union"),
            ("OSES", "secretariat", f"{SECRETARIAT_NOTE}, for the United Nations"),
        ],
        [
            (name, PLATFORM_GROUP_DESCRIPTION)
            for name in ["Governance", "Security", "Resilience", "Development"]
        ],
    ),
    (
        "Steering Committee of the United Nations Integrated Strategy for the Sahel (UNISS)",
        "UNISS SC",
        "",
        "",
        UNISS_DESCRIPTION,
        [("OSES", "chair", "The Special Envoy of the UN Secretary-General for the Sahel")],
        [
            (f"Regional Inter-Agency Working Group on {pillar}", UNISS_GROUP_DESCRIPTION)
            for pillar in ["Governance", "Security", "Resilience"]
        ],
    ),
]

# --- Demo users -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoUser:
    label: str
    username: str
    password: str
    group: str
    organisation: str = ""
    language: str = ""
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS = [
    DemoUser(
        "Admin", "admin", "admin-demo-kestrel-2026", "Admin", is_staff=True, is_superuser=True
    ),
    DemoUser("Secretariat", "secretariat", "secretariat-demo-heron-2026", "Secretariat", "PAPS"),
    DemoUser(
        "Focal point (ECOWAS)", "focal.ecowas", "ecowas-demo-ibis-2026", "Focal point", "ECOWAS"
    ),
    DemoUser("Focal point (SADC)", "focal.sadc", "sadc-demo-kudu-2026", "Focal point", "SADC"),
    DemoUser(
        "Secretariat (French)",
        "secretariat.fr",
        "secretariat-demo-baobab-2026",
        "Secretariat",
        "PAPS",
        language="fr",
    ),
]


@dataclass(frozen=True)
class DemoLogin:
    label: str
    username: str
    password: str
    """Empty when the account existed with another password: it is not ours to show."""


# --- Loading --------------------------------------------------------------------------------------

ORGANISATIONS = sorted(
    {"AUC", "PAPS", "HHS", "IOM", "ILO", "UNECA", "UNDP", "UN Women", "OHCHR", "OSES", "EU"}
    | {"GIZ", "Sida", "SDC", "SCB", "AfDB", "WB", "FCDO", "NOR", "DEN", "FIN", "FES"}
    | {"CCSC-PURN", "MISAHEL", *RECS}
)
THEMATIC_AREAS = ["labour-migration", "civil-society-oversight", "ssr-policy-strategy"]


@transaction.atomic
def load_demo_data() -> list[DemoLogin]:
    """Write the demo records and users; return the logins to print.

    One transaction, reads included. Safe to run twice: rows are found by their natural key,
    created when missing and saved only when a value differs from the seed, so a second run
    writes nothing (no new rows, no history rows). Passwords are set only when a user is created.
    Rows the seeds do not name (an objective someone added) are left alone. Raises
    ReferenceDataMissing, naming what is missing, before writing anything.
    """
    # ECOWAS's PAPS shares the AUC department's acronym: the demo means the AUC's (top-level
    # organisations, or parts of the AUC).
    orgs = {
        o.acronym: o
        for o in Organisation.objects.filter(acronym__in=ORGANISATIONS).filter(
            Q(parent__isnull=True) | Q(parent__acronym="AUC")
        )
    }
    areas = {a.code: a for a in ThematicArea.objects.filter(code__in=THEMATIC_AREAS)}
    mali = Country.objects.filter(iso2="ML").first()
    missing = [a for a in ORGANISATIONS if a not in orgs] + [
        c for c in THEMATIC_AREAS if c not in areas
    ]
    if mali is None:
        missing.append("ML")
    if missing:
        raise ReferenceDataMissing(", ".join(missing))
    _seed_000()
    _seed_001(orgs, areas)
    _seed_002(orgs, areas, mali)
    _seed_003(orgs)
    return [_seed_user(demo, orgs) for demo in DEMO_USERS]


def _seed_000() -> None:
    mandate = _upsert(
        Mandate,
        {"title": MANDATE_000_TITLE},
        language="en",
        description=MANDATE_000_DESCRIPTION,
        start_date=dt.date(2016, 12, 1),
        end_date=dt.date(2016, 12, 17),
        status="completed",
    )
    # The seed leaves the mandating organisations, target countries and types empty.
    _set_m2m(mandate.mandating_organisations, [])
    _set_m2m(mandate.target_countries, [])
    _set_m2m(mandate.target_organisation_types, [])
    _upsert_list(MandateOutput, "mandate", mandate, MANDATE_000_OUTPUTS)
    objectives = _upsert_list(MandateObjective, "mandate", mandate, MANDATE_000_OBJECTIVES)

    # Venue, format and working languages are not in the seed: the defaults stand, empty stays
    # empty. Its "Specific Lessons Identified" is empty, so no lessons either.
    event = _upsert(
        Event,
        {"title": MANDATE_000_TITLE},
        language="en",
        kind="workshop",
        status="held",
        mandate=mandate,
        # The record gives days, no times.
        start=dt.datetime(2016, 12, 1, tzinfo=ADDIS_ABABA),
        end=dt.datetime(2016, 12, 17, 23, 59, 59, tzinfo=ADDIS_ABABA),
        all_day=True,
        time_zone="Africa/Addis_Ababa",
    )
    _set_m2m(event.served_objectives, objectives)


def _seed_001(orgs: dict, areas: dict) -> None:
    event = _upsert(
        Event,
        {"title": EVENT_001_TITLE},
        language="en",
        kind="high_level_meeting",
        status="held",
        # The seed gives the day only; 10:00 to 13:00 in Addis Ababa is our choice.
        # "December 07, 2020": a day, no time.
        start=dt.datetime(2020, 12, 7, tzinfo=ADDIS_ABABA),
        end=dt.datetime(2020, 12, 7, 23, 59, 59, tzinfo=ADDIS_ABABA),
        all_day=True,
        time_zone="Africa/Addis_Ababa",
        format="online",
        online_url="",
        working_languages=["en"],
        summary=EVENT_001_SUMMARY,
        background=EVENT_001_BACKGROUND,
    )
    _set_m2m(event.thematic_areas, [areas["labour-migration"]])
    _set_m2m(event.target_countries, [])
    for position, acronym in enumerate(EVENT_001_ORGANISERS, start=1):
        _upsert(
            EventOrganiser,
            {"event": event, "organisation": orgs[acronym], "role_id": "organiser"},
            position=position,
        )
    _upsert_list(EventObjective, "event", event, EVENT_001_OBJECTIVES)
    _upsert_list(EventExpectedResult, "event", event, EVENT_001_EXPECTED_RESULTS)
    for position, (name, description, acronyms) in enumerate(EVENT_001_PARTICIPANT_GROUPS, 1):
        group = _upsert(
            ParticipantGroup,
            {"event": event, "position": position},
            name=name,
            description=description,
        )
        _set_m2m(group.organisations, [orgs[a] for a in acronyms])
    for position, (title, name, job, acronym, purpose) in enumerate(EVENT_001_CONTACTS, 1):
        person = _upsert(
            Person,
            {"full_name": name, "organisation": orgs[acronym]},
            title=title,
            position=job,
        )
        _upsert(
            EventContact, {"event": event, "person": person}, purpose=purpose, position=position
        )


def _seed_002(orgs: dict, areas: dict, mali: Country) -> None:
    event = _upsert(
        Event,
        {"title": EVENT_002_TITLE},
        language="fr",
        kind="workshop",
        status="held",
        # "Du 26 au 27 Janvier 2022": days, no times.
        start=dt.datetime(2022, 1, 26, tzinfo=BAMAKO),
        end=dt.datetime(2022, 1, 27, 23, 59, 59, tzinfo=BAMAKO),
        all_day=True,
        time_zone="Africa/Bamako",
        format="in_person",
        city="Bamako",
        country=mali,
        working_languages=["fr"],
        summary=EVENT_002_SUMMARY,
        background=EVENT_002_BACKGROUND,
        outcome=EVENT_002_OUTCOME,
    )
    _set_m2m(event.target_countries, [mali])
    _set_m2m(event.thematic_areas, [areas["civil-society-oversight"], areas["ssr-policy-strategy"]])
    for position, (acronym, role) in enumerate(EVENT_002_ORGANISERS, start=1):
        _upsert(
            EventOrganiser,
            {"event": event, "organisation": orgs[acronym], "role_id": role},
            position=position,
        )
    _upsert_list(EventObjective, "event", event, [EVENT_002_OBJECTIVE])
    group = _upsert(
        ParticipantGroup,
        {"event": event, "position": 1},
        name=EVENT_002_PARTICIPANT_GROUP,
        # "une trentaine de représentant des OSC": about thirty, as reported after the event.
        count=30,
        count_approximation="about",
        count_kind="reported",
    )
    _set_m2m(group.countries, [mali])
    for title, name, job, acronym in EVENT_002_SPEAKERS:
        person = _upsert(
            Person,
            {"full_name": name, "organisation": orgs[acronym]},
            title=title,
            position=job,
            preferred_language="fr",
        )
        _upsert(
            Participant,
            {"event": event, "person": person},
            organisation=orgs[acronym],
            role="speaker",
            answer="confirmed",
            attendance="attended",
            notice_language="fr",
        )


def _seed_003(orgs: dict) -> None:
    for name, acronym, established, cadence, description, members, groups in FRAMEWORKS:
        framework = _upsert(
            CoordinationFramework,
            {"name": name},
            acronym=acronym,
            established=established,
            cadence=cadence,
            description=description,
        )
        for org, role, note in members:
            _upsert(
                FrameworkMember,
                {"framework": framework, "organisation": orgs[org], "role": role},
                note=note,
            )
        for position, (group_name, group_description) in enumerate(groups, start=1):
            _upsert(
                WorkingGroup,
                {"framework": framework, "position": position},
                name=group_name,
                description=group_description,
            )


def _seed_user(demo: DemoUser, orgs: dict) -> DemoLogin:
    user = User.objects.filter(username=demo.username).first()
    created = user is None
    if created:
        user = User(username=demo.username)
        user.set_password(demo.password)
    values = {
        "email": f"{demo.username}@example.org",
        "organisation": orgs.get(demo.organisation),
        "language": demo.language,
        "is_staff": demo.is_staff,
        "is_superuser": demo.is_superuser,
        "is_active": True,
    }
    if created or _differs(user, values):
        for field, value in values.items():
            setattr(user, field, value)
        user.full_clean(exclude=["password"])
        user.save()
    group = Group.objects.get(name=demo.group)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    shown = demo.password if created or user.check_password(demo.password) else ""
    return DemoLogin(demo.label, demo.username, shown)


def _differs(obj: models.Model, values: dict) -> bool:
    return any(getattr(obj, field) != value for field, value in values.items())


def _upsert(model: type[models.Model], lookup: dict, **values) -> models.Model:
    """The row matching ``lookup`` (the oldest, if several), created or brought to ``values``."""
    obj = model.objects.filter(**lookup).order_by("pk").first()
    if obj is None:
        obj = model(**lookup, **values)
    elif not _differs(obj, values):
        return obj
    else:
        for field, value in values.items():
            setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


def _upsert_list(model: type[models.Model], parent_field: str, parent, texts: list[str]) -> list:
    """A numbered list (objectives, outputs, results): item n has position n."""
    return [
        _upsert(model, {parent_field: parent, "position": position}, text=text)
        for position, text in enumerate(texts, start=1)
    ]


def _set_m2m(manager, objects: list) -> None:
    if set(manager.values_list("pk", flat=True)) != {o.pk for o in objects}:
        manager.set(objects)
