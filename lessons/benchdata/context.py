"""What one generation run shares between its steps: the random source, the volumes, the
reference rows it reads, and the light records (ids and a few values) of what it created."""

import datetime as dt
import random
from dataclasses import dataclass, field

from partners.models.organisation import OrganisationKind as K

from .batch import Inserter
from .writing import Writer

# The generated records' "today": nothing depends on the day the command runs.
ANCHOR = dt.date(2026, 1, 1)
# Fifteen years of events: fourteen before the anchor, one planned after it.
FIRST_DAY = dt.date(2012, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)

# Generated addresses and accounts carry these marks: how a second run knows it would duplicate.
EMAIL_DOMAIN = "bench.example"
USERNAME_PREFIX = "bench-"

# Existing organisations of these kinds get focal-point accounts, and organise most events.
REGIONAL = {K.REC, K.RM, K.AU_COMMISSION, K.AUC_DEPARTMENT, K.AU_ORGAN, K.REC_DEPARTMENT}
INTERNATIONAL = {
    K.UN_ENTITY,
    K.EU_INSTITUTION,
    K.BILATERAL,
    K.DEVELOPMENT_BANK,
    K.INTERGOVERNMENTAL,
}

# Rows at scale 1.0: ten years and more of a busy secretariat (issue 12).
VOLUMES = {
    "organisations": 2_000,
    "people": 20_000,
    "mandates": 400,
    "events": 10_000,
    "participants": 100_000,
    "notices": 324_000,
    "lessons": 100_000,
    "focal_points": 150,  # of generated organisations; the reference RECs, RMs, AU bodies too
}


def volumes_at(scale: float) -> dict[str, int]:
    return {name: max(1, round(count * scale)) for name, count in VOLUMES.items()}


@dataclass(slots=True)
class Org:
    pk: int
    kind: str
    iso2: str | None
    label: str
    acronym: str
    language: str
    names: str
    domain: str
    users: list[int] = field(default_factory=list)


@dataclass(slots=True)
class PersonRef:
    pk: int
    org: int | None
    language: str
    name: str
    email: str


@dataclass(slots=True)
class EventRef:
    pk: int
    language: str
    kind: str
    status: str
    start: dt.datetime | None
    end: dt.datetime | None
    all_day: bool
    open_end: bool
    time_zone: str
    iso2: str | None
    organisers: list[int]
    areas: list[int]
    countries: list[int]
    created_at: dt.datetime
    size: int = 0  # participants of a big event; 0 for the others
    groups: list[int] = field(default_factory=list)


@dataclass(slots=True)
class ParticipantRef:
    pk: int
    event: int
    person: int
    answer: str
    attendance: str
    language: str


@dataclass(slots=True)
class LessonRef:
    pk: int
    event: int
    organisation: int
    author: int | None
    stage: str
    language: str
    title: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None
    action: int | None = None
    action_body: int | None = None
    action_due: dt.date | None = None
    overdue: bool = False


@dataclass
class Context:
    seed: int
    rng: random.Random
    writer: Writer
    inserter: Inserter
    volumes: dict[str, int]
    countries: dict[str, int]  # AU Member States: iso2 -> pk
    country_names: dict[str, dict[str, str]]
    areas: dict[str, int]  # thematic area code -> pk
    target_types: list[int]
    roles: list[str]  # organiser role codes
    categories: list[int]
    groups: dict[str, int]  # role -> Group pk
    organisations: list[Org] = field(default_factory=list)  # the reference ones first
    reference_organisations: int = 0
    people: list[PersonRef] = field(default_factory=list)
    secretariat: list[int] = field(default_factory=list)
    # (user pk, organisation pk, (given name, family name, 1 for a woman))
    focal_point_users: list[tuple[int, int, tuple[str, str, int]]] = field(default_factory=list)
    user_emails: dict[int, tuple[str, str]] = field(default_factory=dict)
    mandates: list[tuple[int, dt.date | None, dt.date | None, list[int]]] = field(
        default_factory=list
    )
    events: list[EventRef] = field(default_factory=list)
    participants: list[ParticipantRef] = field(default_factory=list)
    lessons: list[LessonRef] = field(default_factory=list)

    def moment(self, day: dt.date, *, hour: int | None = None) -> dt.datetime:
        """A UTC time on ``day`` in office hours, drawn from the run's random source."""
        hour = self.rng.randint(7, 16) if hour is None else hour
        return dt.datetime(
            day.year, day.month, day.day, hour, self.rng.randint(0, 59), tzinfo=dt.UTC
        )


def day_in(rng, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
    """A day between ``first`` and ``last``, later years more likely (the portal grew)."""
    span = (last - first).days
    return first + dt.timedelta(days=int(span * rng.random() ** 0.8))


class Pools:
    """Organisations and people to draw from, by what they are."""

    def __init__(self, ctx: Context):
        self.regional = [org.pk for org in ctx.organisations if org.kind in REGIONAL]
        self.international = [
            org.pk
            for org in ctx.organisations
            if org.kind in (K.UN_ENTITY, K.EU_INSTITUTION, K.BILATERAL, K.DEVELOPMENT_BANK)
        ] or self.regional
        self.civil = [
            org.pk
            for org in ctx.organisations
            if org.kind in (K.CIVIL_SOCIETY, K.RESEARCH_TRAINING)
        ] or self.regional
        self.national: dict[str, list[int]] = {}
        for org in ctx.organisations:
            if org.kind == K.NATIONAL_INSTITUTION and org.iso2:
                self.national.setdefault(org.iso2, []).append(org.pk)
        self.everyone = [org.pk for org in ctx.organisations]
        self.orgs = {org.pk: org for org in ctx.organisations}
        self.names = {org.pk: (org.acronym, org.label) for org in ctx.organisations}
        self.people: dict[int, list[int]] = {}
        for person in ctx.people:
            if person.org is not None:
                self.people.setdefault(person.org, []).append(person.pk)
        self.all_people = [person.pk for person in ctx.people]

    def names_of(self, org: int) -> dict[str, str]:
        """The slots naming ``org`` in titles ("ECOWAS workshop on...") and headlines."""
        acronym, label = self.names[org]
        return {"org": acronym, "org_label": label}

    def national_of(self, rng, iso2: str) -> int:
        return rng.choice(self.national.get(iso2) or self.regional or self.everyone)

    def person_of(self, rng, org: int) -> int | None:
        people = self.people.get(org)
        if people:
            return rng.choice(people)
        return rng.choice(self.all_people) if self.all_people else None
