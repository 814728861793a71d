"""Generated directory: organisations with their other names and successors, accounts for the
secretariat and focal points, and people."""

import datetime as dt
import unicodedata

from partners.models import NameKind, Organisation, OrganisationName, Person, User
from partners.models.organisation import OrganisationKind
from ssrportal.roles import FOCAL_POINT, SECRETARIAT
from ssrportal.text import plain

from .batch import quota
from .context import (
    ANCHOR,
    EMAIL_DOMAIN,
    INTERNATIONAL,
    REGIONAL,
    USERNAME_PREFIX,
    Context,
    Org,
    PersonRef,
)
from .org_names import (
    ABBREVIATIONS,
    COMPANIES,
    CSO_CAUSES,
    CSO_KINDS,
    INSTITUTIONS,
    INTERGOVERNMENTAL,
    PARTNER_COUNTRIES,
    REC_PARTS,
    RESEARCH,
)
from .places import FAMILY_NAMES, GIVEN_NAMES, PLACES
from .words import PERSON_TITLES, POSITIONS, TOPICS

K = OrganisationKind

# Share of each kind among the generated organisations.
KIND_SHARES = {
    K.NATIONAL_INSTITUTION: 45,
    K.CIVIL_SOCIETY: 22,
    K.RESEARCH_TRAINING: 8,
    K.BILATERAL: 6,
    K.UN_ENTITY: 4,
    K.REC_DEPARTMENT: 5,
    K.AU_ORGAN: 3,
    K.PRIVATE: 3,
    K.INTERGOVERNMENTAL: 2,
    K.EU_INSTITUTION: 1,
    K.DEVELOPMENT_BANK: 1,
}


def slug(text: str) -> str:
    return "-".join(part for part in plain(text).replace("'", " ").split() if part.isalnum())


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _candidates(ctx: Context, kind: str, existing: dict[str, Organisation]) -> list[dict]:
    """Every organisation of ``kind`` the generator can make, as field values."""

    def names(iso2: str) -> tuple[str, str, str]:
        return ctx.country_names[iso2]["en"], ctx.country_names[iso2]["fr"], PLACES[iso2].name_pt

    isos = sorted(ctx.countries)
    rows = []
    if kind == K.NATIONAL_INSTITUTION:
        for iso2 in isos:
            en, fr, pt = names(iso2)
            for t_en, t_fr, t_pt, stem, former in INSTITUTIONS:
                rows.append(
                    {
                        "name": f"{t_en} ({en})",
                        "name_fr": f"{t_fr} ({fr})",
                        "name_pt": f"{t_pt} ({pt})",
                        "acronym": f"{stem}-{iso2}",
                        "iso2": iso2,
                        "former": f"{former} ({en})" if former else "",
                    }
                )
    elif kind == K.CIVIL_SOCIETY:
        for iso2 in isos:
            language = PLACES[iso2].language
            country = names(iso2)[("en", "fr", "pt").index(language)]
            for what in CSO_KINDS[language]:
                for cause in CSO_CAUSES[language]:
                    rows.append(
                        {"name": f"{what} {cause} – {country}", "iso2": iso2, "language": language}
                    )
    elif kind == K.RESEARCH_TRAINING:
        for iso2 in isos:
            en, fr, pt = names(iso2)
            for r_en, r_fr, r_pt in RESEARCH:
                rows.append(
                    {
                        "name": f"{r_en} ({en})",
                        "name_fr": f"{r_fr} ({fr})",
                        "name_pt": f"{r_pt} ({pt})",
                        "iso2": iso2,
                    }
                )
    elif kind == K.BILATERAL:
        for iso2 in isos:
            en, fr, pt = names(iso2)
            for p_en, p_fr, p_pt in PARTNER_COUNTRIES:
                rows.append(
                    {
                        "name": f"Embassy of {p_en} ({en})",
                        "name_fr": f"{p_fr} ({fr})",
                        "name_pt": f"{p_pt} ({pt})",
                        "iso2": iso2,
                    }
                )
    elif kind in (K.UN_ENTITY, K.DEVELOPMENT_BANK, K.EU_INSTITUTION):
        parents = {
            K.UN_ENTITY: ["UNDP", "UN Women", "OHCHR", "IOM", "ILO"],
            K.DEVELOPMENT_BANK: ["AfDB", "WB"],
            K.EU_INSTITUTION: ["EU"],
        }[kind]
        for iso2 in isos:
            en, fr, pt = names(iso2)
            for acronym in parents:
                parent = existing.get(acronym)
                short = parent.acronym if parent else acronym
                short_fr = (parent.acronym_fr if parent else "") or short
                rows.append(
                    {
                        "name": f"{short} office ({en})",
                        "name_fr": f"Bureau {short_fr} ({fr})",
                        "name_pt": f"Escritório {short} ({pt})",
                        "iso2": iso2,
                        "parent": parent.pk if parent else None,
                    }
                )
    elif kind == K.INTERGOVERNMENTAL:
        for iso2 in isos:
            en, fr, pt = names(iso2)
            for i_en, i_fr, stem in INTERGOVERNMENTAL:
                rows.append(
                    {
                        "name": f"{i_en} – office in {PLACES[iso2].city['en']}",
                        "name_fr": f"{i_fr} – bureau de {PLACES[iso2].city['fr']}",
                        "acronym": f"{stem}-{iso2}",
                        "iso2": iso2,
                    }
                )
    elif kind == K.PRIVATE:
        for iso2 in isos:
            for company in COMPANIES:
                rows.append(
                    {"name": f"{company} Security Services ({names(iso2)[0]})", "iso2": iso2}
                )
    elif kind == K.REC_DEPARTMENT:
        regional = [org for org in existing.values() if org.kind in (K.REC, K.RM)]
        for parent in sorted(regional, key=lambda org: org.acronym):
            for p_en, p_fr, p_pt in REC_PARTS:
                rows.append(
                    {
                        "name": p_en,
                        "name_fr": p_fr,
                        "name_pt": p_pt,
                        "parent": parent.pk,
                        "iso2": None,
                    }
                )
            for iso2 in isos:
                en, fr, pt = names(iso2)
                rows.append(
                    {
                        "name": f"Liaison office ({en})",
                        "name_fr": f"Bureau de liaison ({fr})",
                        "name_pt": f"Gabinete de ligação ({pt})",
                        "parent": parent.pk,
                        "iso2": iso2,
                    }
                )
    elif kind == K.AU_ORGAN:
        auc = existing.get("AUC")
        for iso2 in isos:
            en, fr, pt = names(iso2)
            rows.append(
                {
                    "name": f"AU Liaison Office ({en})",
                    "name_fr": f"Bureau de liaison de l'UA ({fr})",
                    "name_pt": f"Gabinete de Ligação da UA ({pt})",
                    "parent": auc.pk if auc else None,
                    "iso2": iso2,
                }
            )
    return rows


def create_organisations(ctx: Context) -> None:
    """The existing organisations (reference data) first, then the generated ones with their
    other names; ``search_names`` computed here, as Organisation.save() would."""
    rng = ctx.rng
    existing = {}
    for org in Organisation.objects.order_by("acronym", "name", "pk"):
        existing.setdefault(org.acronym or org.name, org)
        hq = org.headquarters.iso2 if org.headquarters_id else None
        ctx.organisations.append(
            Org(
                pk=org.pk,
                kind=org.kind,
                iso2=hq,
                label=org.acronym or org.name,
                acronym=org.acronym,
                language="en",
                names=_names_group(org.kind, hq),
                domain=f"{slug(org.acronym or org.name)[:30].strip('-')}.{EMAIL_DOMAIN}",
            )
        )
    ctx.reference_organisations = len(ctx.organisations)
    kinds = quota(rng, ctx.volumes["organisations"], KIND_SHARES)
    pools = {kind: _candidates(ctx, kind, existing) for kind in KIND_SHARES}
    for pool in pools.values():
        rng.shuffle(pool)
    taken = dict.fromkeys(KIND_SHARES, 0)
    orgs, aliases, isos = [], [], []
    for kind in kinds:
        pool = pools[kind]
        index = taken[kind]
        taken[kind] += 1
        values = dict(pool[index % len(pool)])
        if index >= len(pool):  # more than the combinations: number the repeats
            values["name"] += f" {index // len(pool) + 1}"
            values["acronym"] = ""
        org, names = _organisation(ctx, kind, values)
        orgs.append(org)
        aliases.append(names)
        isos.append(values.get("iso2"))
    created = ctx.inserter.insert(Organisation, orgs, label="Organisations")
    for org, names, iso2 in zip(created, aliases, isos, strict=True):
        for alias in names:
            alias.organisation_id = org.pk
        ctx.organisations.append(
            Org(
                pk=org.pk,
                kind=org.kind,
                iso2=iso2,
                label=org.acronym or org.name,
                acronym=org.acronym,
                language=PLACES[iso2].language if iso2 else "en",
                names=_names_group(org.kind, iso2),
                domain=f"{slug(org.acronym or org.name)[:40].strip('-')}.{EMAIL_DOMAIN}",
            )
        )
    ctx.inserter.insert(
        OrganisationName, [alias for names in aliases for alias in names], label="Other names"
    )
    _successors(ctx, created)


def _organisation(ctx: Context, kind: str, values: dict) -> tuple[Organisation, list]:
    rng = ctx.rng
    iso2 = values.get("iso2")
    acronym = values.get("acronym", "") if rng.random() < 0.5 else ""
    org = Organisation(
        name=values["name"],
        name_fr=values.get("name_fr", ""),
        name_pt=values.get("name_pt", ""),
        acronym=acronym,
        kind=kind,
        parent_id=values.get("parent"),
        headquarters_id=ctx.countries[iso2] if iso2 else None,
        website=f"https://www.{slug(acronym or values['name'])[:40].strip('-')}.{EMAIL_DOMAIN}"
        if rng.random() < 0.4
        else "",
        description="",
    )
    if rng.random() < 0.3:
        area = rng.choice(list(TOPICS))
        org.description = f"Works on {TOPICS[area]['en'][0]}."
    names = []
    if values.get("former") and rng.random() < 0.5:
        until = rng.randint(2008, 2022)
        names.append(
            OrganisationName(
                name=values["former"],
                kind=NameKind.FORMER_NAME,
                language="en",
                used_until=dt.date(until, 1, 1),
                used_until_precision="year",
                source=f"Official gazette, {until}",
            )
        )
    elif rng.random() < 0.25:
        spelling = _other_spelling(values["name"])
        if spelling != values["name"]:
            names.append(OrganisationName(name=spelling, kind=NameKind.OTHER_SPELLING))
    for alias in names:
        alias.plain = plain(alias.name)
    org.search_names = org.names_searched(aliases=[alias.plain for alias in names])
    return org, names


def _other_spelling(name: str) -> str:
    """A spelling the records use: abbreviated, without accents, or with "&"."""
    words = name.split(" ")
    abbreviated = " ".join(ABBREVIATIONS.get(word, word) for word in words)
    if abbreviated != name:
        return abbreviated
    return _ascii(name).replace(" and ", " & ").replace(" et ", " & ").replace(" e ", " & ")


def _successors(ctx: Context, created: list[Organisation]) -> None:
    """A few national institutions (2 %, at least one) were replaced by another, of the same
    country where there is one: DFID became FCDO."""
    rng = ctx.rng
    national = [org for org in created if org.kind == K.NATIONAL_INSTITUTION]
    if len(national) < 2:
        return
    ended = {}
    for old in rng.sample(national, max(1, round(len(national) * 0.02))):
        others = [org for org in national if org is not old and org.pk not in ended]
        same_country = [org for org in others if org.headquarters_id == old.headquarters_id]
        new = rng.choice(same_country or others)
        old.successor_id, old.active = new.pk, False
        old.ended_on, old.ended_precision = dt.date(rng.randint(2014, 2024), 1, 1), "year"
        ended[old.pk] = old
    Organisation.objects.bulk_update(
        list(ended.values()), ["successor", "active", "ended_on", "ended_precision"]
    )


def _names_group(kind: str, iso2: str | None) -> str:
    if kind in INTERNATIONAL or iso2 is None:
        return "international" if kind in INTERNATIONAL else "east"
    place = PLACES.get(iso2)
    return place.names if place else "international"


def create_accounts(ctx: Context) -> None:
    """Three secretariat accounts, a focal point for each REC, RM and AU body of the reference
    data and for some generated organisations (150 at scale 1.0). Passwords are unusable: the
    benchmark signs in with accounts of its own."""
    rng = ctx.rng
    reference = ctx.organisations[: ctx.reference_organisations]
    generated = ctx.organisations[ctx.reference_organisations :]
    chosen = [org for org in reference if org.kind in REGIONAL]
    chosen += rng.sample(generated, min(len(generated), ctx.volumes["focal_points"]))
    joined = dt.datetime(2015, 1, 5, 9, tzinfo=dt.UTC)
    users, roles = [], []
    women = []
    for n in range(1, 4):
        user, woman = _user(ctx, f"{USERNAME_PREFIX}secretariat-{n}", None, "east", joined)
        users.append(user)
        women.append(woman)
        roles.append(SECRETARIAT)
    for n, org in enumerate(chosen, start=1):
        user, woman = _user(ctx, f"{USERNAME_PREFIX}focal-{n:04d}", org.pk, org.names, joined)
        users.append(user)
        women.append(woman)
        roles.append(FOCAL_POINT)
    created = ctx.inserter.insert(User, users, label="Accounts")
    memberships = [
        User.groups.through(user_id=user.pk, group_id=ctx.groups[role])
        for user, role in zip(created, roles, strict=True)
    ]
    ctx.inserter.insert(User.groups.through, memberships, label="Accounts' roles")
    by_pk = {org.pk: org for org in ctx.organisations}
    for user, role in zip(created, roles, strict=True):
        ctx.user_emails[user.pk] = (user.get_full_name(), user.email)
        if role == SECRETARIAT:
            ctx.secretariat.append(user.pk)
        else:
            by_pk[user.organisation_id].users.append(user.pk)
    ctx.focal_point_users = [
        (user.pk, user.organisation_id, (user.first_name, user.last_name, woman))
        for user, role, woman in zip(created, roles, women, strict=True)
        if role == FOCAL_POINT
    ]


def _user(ctx: Context, username: str, org: int | None, names: str, joined) -> tuple[User, int]:
    first, last, woman = _person_name(ctx, names)
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@portal.{EMAIL_DOMAIN}",
        organisation_id=org,
        password=f"!{ctx.rng.getrandbits(128):032x}",  # unusable, like set_unusable_password
        is_active=True,
        date_joined=joined,
    )
    return user, woman


def _person_name(ctx: Context, names: str) -> tuple[str, str, int]:
    rng = ctx.rng
    woman = rng.random() < 0.4
    given = GIVEN_NAMES[names][1 if woman else 0]
    return rng.choice(given), rng.choice(FAMILY_NAMES[names]), int(woman)


def create_people(ctx: Context) -> None:
    """People of the directory: the focal points with accounts first, then the others, most
    of an organisation (the regional ones have many), nearly all with an e-mail address."""
    rng = ctx.rng
    orgs = ctx.organisations
    weights = [8 if org.kind in REGIONAL else 1 for org in orgs]
    emails: dict[str, int] = {}
    rows = []
    by_pk = {org.pk: org for org in orgs}
    for user_pk, org_pk, name in ctx.focal_point_users:
        rows.append(_person(ctx, by_pk[org_pk], emails, name=name, user=user_pk))
    for _ in range(max(0, ctx.volumes["people"] - len(rows))):
        org = rng.choices(orgs, weights=weights)[0] if rng.random() < 0.96 else None
        rows.append(_person(ctx, org, emails))
    created = ctx.inserter.insert(Person, rows, label="People")
    for person in created:
        ctx.people.append(
            PersonRef(
                pk=person.pk,
                org=person.organisation_id,
                language=person.preferred_language,
                name=f"{person.title} {person.full_name}".strip(),
                email=person.email,
            )
        )


def _person(ctx: Context, org: Org | None, emails: dict, *, name=None, user=None) -> Person:
    rng = ctx.rng
    names = org.names if org else rng.choice(list(GIVEN_NAMES))
    first, last, woman = name or _person_name(ctx, names)
    language = org.language if org else rng.choice(["en", "fr"])
    if org and org.kind in INTERNATIONAL:
        language = rng.choice(["en", "en", "fr"])
    address = ""
    if user is not None or rng.random() < 0.97:
        local = f"{slug(first)}.{slug(last)}".replace("-", "")
        domain = org.domain if org else f"mail.{EMAIL_DOMAIN}"
        key = f"{local}@{domain}"
        emails[key] = emails.get(key, 0) + 1
        address = key if emails[key] == 1 else f"{local}{emails[key]}@{domain}"
    iso2 = org.iso2 if org else None
    return Person(
        title=rng.choice(PERSON_TITLES[language][woman]) if rng.random() < 0.8 else "",
        full_name=f"{first} {last}",
        position=rng.choice(POSITIONS[language]) if rng.random() < 0.8 else "",
        organisation_id=org.pk if org else None,
        email=address,
        phone=f"+2{rng.randint(10, 69)} {rng.randint(20, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
        if rng.random() < 0.5
        else "",
        preferred_language=language,
        time_zone=PLACES[iso2].time_zone if iso2 and rng.random() < 0.6 else "",
        is_focal_point=user is not None or rng.random() < 0.03,
        user_id=user,
        note="" if rng.random() < 0.98 else f"Met at the {ANCHOR.year - 1} annual review.",
    )
