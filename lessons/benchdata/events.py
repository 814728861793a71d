"""Generated events, with every part a real record has: organisers in their roles (from the
OrganiserRole table, a joint mission's head named), objectives, expected results, participant
groups with approximate counts, their organisations and countries, contacts, titles in other
languages, sources with their publication dates, and links between events."""

import datetime as dt
import zoneinfo

from partners.models import CoordinationFramework
from workshops.models import (
    Event,
    EventContact,
    EventExpectedResult,
    EventLink,
    EventObjective,
    EventOrganiser,
    EventTranslation,
    ParticipantGroup,
    Source,
)
from workshops.models.event import EventFormat

from .batch import quota, weighted
from .context import ANCHOR, EMAIL_DOMAIN, FIRST_DAY, LAST_DAY, Context, EventRef, Pools, day_in
from .directory import slug
from .places import PLACES
from .words import (
    BACKGROUNDS,
    CONTACT_PURPOSES,
    GROUPS,
    HEAD_OF_MISSION,
    HEADLINES,
    KINDS,
    OBJECTIVES,
    OUTCOMES,
    RESULTS,
    SUMMARIES,
    VENUES,
)
from .writing import AREAS, cap

LANGUAGE_ORDER = ["en", "fr", "pt", "ar"]
DATE_SHARES = {"all_day": 70, "timed": 24.5, "start_only": 4, "undated": 1.5}
PAST_STATUS = {"held": 90, "cancelled": 4, "postponed": 3, "confirmed": 2, "planned": 1}
FUTURE_STATUS = {"planned": 55, "confirmed": 35, "postponed": 5, "cancelled": 5}
# The roles of the organisations after the first, and how often each comes.
OTHER_ROLES = {
    "co_organiser": 30,
    "funder": 20,
    "technical_partner": 15,
    "host": 10,
    "co_funder": 8,
    "facilitator": 6,
    "sponsor": 4,
    "invited_expert": 4,
    "convener": 3,
}
APPROXIMATIONS = {"": 35, "about": 45, "at_least": 8, "more_than": 8, "up_to": 4}


def big_event_sizes(ctx: Context) -> list[int]:
    """Participants of the few big events: 500 and more at scale 1.0, fewer where the
    volumes leave too few people or participants."""
    count = max(1, min(4, round(40 * ctx.volumes["events"] / 100_000)))
    cap_ = min(ctx.volumes["people"], max(1, ctx.volumes["participants"] * 3 // 10 // count))
    return [min(size, cap_) for size in (1500, 1000, 720, 520)[:count]]


def create_events(ctx: Context, pools: Pools) -> None:
    rng = ctx.rng
    count = ctx.volumes["events"]
    date_kinds = quota(rng, count, DATE_SHARES)
    sizes = big_event_sizes(ctx)
    big = dict(zip(rng.sample(range(count), min(count, len(sizes))), sizes, strict=True))
    kinds = {code: spec["weight"] for code, spec in KINDS.items()}
    isos = sorted(ctx.countries)
    frameworks = list(CoordinationFramework.objects.order_by("pk").values_list("pk", flat=True))
    events, plans = [], []
    for index in range(count):
        kind = "conference" if index in big else weighted(rng, kinds)
        date_kind = "all_day" if index in big else date_kinds[index]
        mandate = rng.choice(ctx.mandates) if ctx.mandates and rng.random() < 0.35 else None
        iso2 = rng.choice(isos)
        size = big.get(index, 0)
        event, plan = _event(ctx, pools, kind, date_kind, mandate, iso2, size, frameworks)
        plan["size"] = size
        events.append(event)
        plans.append(plan)
    saved = ctx.inserter.insert(Event, events, label="Events")
    for event, plan in zip(saved, plans, strict=True):
        ctx.events.append(
            EventRef(
                pk=event.pk,
                language=event.language,
                kind=event.kind,
                status=event.status,
                start=event.start,
                end=event.end,
                all_day=event.all_day,
                open_end=event.open_end,
                time_zone=event.time_zone,
                iso2=plan["iso2"],
                organisers=[],
                areas=[],
                countries=[],
                created_at=event.created_at,
                size=plan["size"],
            )
        )
    _event_parts(ctx, pools, saved, plans)


def _event(ctx, pools, kind, date_kind, mandate, iso2, big: int, frameworks):
    """One event (``big``: the participants of a big one, else 0) and what its parts need."""
    rng, writer = ctx.rng, ctx.writer
    place = PLACES[iso2]
    zone = zoneinfo.ZoneInfo(place.time_zone)
    language = place.language if rng.random() < 0.85 else rng.choice(["en", "fr"])
    spec = KINDS[kind]
    first_org = _first_organiser(rng, pools, iso2)
    area = rng.choice(AREAS)
    slots = writer.slots(language, area=area, kind=kind, iso2=iso2, **pools.names_of(first_org))
    day = None
    if date_kind != "undated":
        if mandate and mandate[1] and rng.random() < 0.9:
            day = mandate[1] + dt.timedelta(days=rng.randint(0, (mandate[2] - mandate[1]).days))
            day = min(day, LAST_DAY)
        else:
            day = day_in(rng)
        if big:
            day = day_in(rng, FIRST_DAY, ANCHOR - dt.timedelta(days=60))
    days = rng.randint(*spec["days"])
    start = end = None
    all_day = open_end = False
    if day is not None:
        last = day + dt.timedelta(days=days - 1)
        if date_kind == "timed":
            hour = rng.choice([8, 9, 9, 10, 14])
            start = dt.datetime(
                day.year, day.month, day.day, hour, rng.choice([0, 30]), tzinfo=zone
            )
            end_hour = min(hour + rng.randint(2, 8), 19) if days == 1 else rng.choice([13, 17])
            end = dt.datetime(last.year, last.month, last.day, end_hour, 0, tzinfo=zone)
        else:
            start = dt.datetime(day.year, day.month, day.day, 9, tzinfo=zone)
            end = dt.datetime(last.year, last.month, last.day, 17, tzinfo=zone)
            all_day = True
            if date_kind == "start_only":
                end, open_end = None, True
        status = weighted(rng, PAST_STATUS if last < ANCHOR else FUTURE_STATUS)
        if big:
            status = "held"
    else:
        status = weighted(rng, {"planned": 75, "postponed": 25})
    event_format = weighted(
        rng, {EventFormat.IN_PERSON: 75, EventFormat.ONLINE: 12, EventFormat.HYBRID: 13}
    )
    if big:
        event_format = EventFormat.IN_PERSON
    online = event_format != EventFormat.IN_PERSON
    working = {language}
    if rng.random() < 0.5:
        working.add(rng.choice(["en", "fr"]))
    if rng.random() < 0.12:
        working.add("pt")
    if place.names == "north" and rng.random() < 0.3:
        working.add("ar")
    held = status == "held"
    reference = day or ANCHOR
    created = ctx.moment(reference - dt.timedelta(days=rng.randint(15, 150)))
    created = min(created, ctx.moment(ANCHOR - dt.timedelta(days=rng.randint(1, 60))))
    reported, women = None, None
    if held and (big or rng.random() < 0.6):
        reported = round(big, -1) if big else rng.randint(8, 120)
        if rng.random() < 0.5:
            women = rng.randint(0, reported // 2)
    event = Event(
        title=writer.event_title(
            slots, session_year=day.year if day and rng.random() < 0.12 else None
        ),
        language=language,
        kind=kind,
        status=status,
        mandate_id=mandate[0] if mandate else None,
        framework_id=rng.choice(frameworks) if frameworks and rng.random() < 0.03 else None,
        start=start,
        end=end,
        all_day=all_day,
        open_end=open_end,
        time_zone=place.time_zone,
        format=event_format,
        venue="" if event_format == EventFormat.ONLINE else f"{rng.choice(VENUES)}",
        city="" if event_format == EventFormat.ONLINE else place.city[language],
        country_id=None if event_format == EventFormat.ONLINE else ctx.countries[iso2],
        online_url=f"https://meet.{EMAIL_DOMAIN}/ssr-{rng.getrandbits(40):010x}" if online else "",
        working_languages=[code for code in LANGUAGE_ORDER if code in working],
        summary=writer.pick(SUMMARIES, slots) if rng.random() < 0.9 else "",
        reported_participants=reported,
        reported_participants_approximation=weighted(rng, APPROXIMATIONS) if reported else "",
        reported_women=women,
        reported_women_approximation="about" if women and rng.random() < 0.3 else "",
        background=writer.pick(BACKGROUNDS, slots) if rng.random() < 0.5 else "",
        outcome=writer.pick(OUTCOMES, slots) if held and rng.random() < 0.7 else "",
        created_at=created,
        updated_at=min(
            created + dt.timedelta(days=rng.randint(0, 200)),
            dt.datetime.combine(ANCHOR, dt.time(8), tzinfo=dt.UTC),
        ),
    )
    event.normalise_span()  # what Event.save() does, and bulk_create does not
    plan = {
        "iso2": iso2,
        "area": area,
        "first_org": first_org,
        "slots": slots,
        "mandate": mandate,
        "held": held,
    }
    return event, plan


def _first_organiser(rng, pools: Pools, iso2: str) -> int:
    draw = rng.random()
    if draw < 0.65:
        return rng.choice(pools.regional)
    if draw < 0.85:
        return pools.national_of(rng, iso2)
    return rng.choice(pools.civil)


def _event_parts(ctx: Context, pools: Pools, saved: list[Event], plans: list[dict]) -> None:
    rng, writer = ctx.rng, ctx.writer
    roles = set(ctx.roles)
    other_roles = {role: weight for role, weight in OTHER_ROLES.items() if role in roles}
    first_roles = {
        role: weight
        for role, weight in {"organiser": 85, "convener": 8, "host": 7}.items()
        if role in roles
    }
    isos = sorted(ctx.countries)
    organisers, objectives, results, contacts, translations = [], [], [], [], []
    sources, groups, group_plans = [], [], []
    targets, areas, served = [], [], []
    target_through = Event.target_countries.through
    area_through = Event.thematic_areas.through
    served_through = Event.served_objectives.through
    for event, plan, ref in zip(saved, plans, ctx.events, strict=True):
        slots, language, iso2 = plan["slots"], event.language, plan["iso2"]
        # Organisers: the first in its role, then partners; a joint mission has a lead and
        # members, its head of mission named.
        mission = event.kind == "joint_assessment_mission" and {"lead", "member"} <= roles
        chosen = [(plan["first_org"], "lead" if mission else weighted(rng, first_roles))]
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            role = "member" if mission else weighted(rng, other_roles)
            org = pools.international if role in ("funder", "co_funder") else pools.everyone
            org = pools.national_of(rng, iso2) if role == "host" else rng.choice(org)
            if all((org, role) != (o, r) for o, r in chosen):
                chosen.append((org, role))
        for position, (org, role) in enumerate(chosen, start=1):
            head = mission and position == 1
            organisers.append(
                EventOrganiser(
                    event_id=event.pk,
                    organisation_id=org,
                    role_id=role,
                    position=position,
                    represented_by_id=pools.person_of(rng, org) if head else None,
                    capacity=HEAD_OF_MISSION[language] if head else "",
                )
            )
        ref.organisers = list(dict.fromkeys(org for org, _role in chosen))
        # What it is about, and for whom.
        codes = [plan["area"], *rng.sample(AREAS, rng.randint(0, 2))]
        ref.areas = [ctx.areas[code] for code in dict.fromkeys(codes) if code in ctx.areas]
        areas += [area_through(event_id=event.pk, thematicarea_id=pk) for pk in ref.areas]
        countries = [iso2, *(rng.choice(isos) for _ in range(rng.choice([0, 0, 1, 2, 4])))]
        ref.countries = [ctx.countries[code] for code in dict.fromkeys(countries)]
        targets += [target_through(event_id=event.pk, country_id=pk) for pk in ref.countries]
        mandate = plan["mandate"]
        if mandate and mandate[3] and rng.random() < 0.5:
            served += [
                served_through(event_id=event.pk, mandateobjective_id=pk)
                for pk in rng.sample(mandate[3], min(len(mandate[3]), rng.randint(1, 2)))
            ]
        if rng.random() < 0.85:
            for position, text in enumerate(_distinct(rng, OBJECTIVES[language], 2, 6), 1):
                objectives.append(
                    EventObjective(
                        event_id=event.pk, position=position, text=writer.fill(text, slots)
                    )
                )
            for position, text in enumerate(_distinct(rng, RESULTS[language], 0, 4), 1):
                results.append(
                    EventExpectedResult(
                        event_id=event.pk, position=position, text=writer.fill(text, slots)
                    )
                )
        contact_people = {pools.person_of(rng, org) for org, _role in chosen[:2]} - {None}
        for position, person in enumerate(sorted(contact_people)[: rng.randint(0, 2)], 1):
            contacts.append(
                EventContact(
                    event_id=event.pk,
                    person_id=person,
                    position=position,
                    purpose=CONTACT_PURPOSES[language][position - 1],
                )
            )
        others = [
            code
            for code in event.working_languages
            if code in ("en", "fr", "pt") and code != language
        ]
        if others and rng.random() < 0.25:
            other = rng.choice(others)
            other_slots = writer.slots(
                other,
                area=plan["area"],
                kind=event.kind,
                iso2=iso2,
                **pools.names_of(plan["first_org"]),
            )
            translations.append(
                EventTranslation(
                    event_id=event.pk,
                    language=other,
                    title=writer.event_title(other_slots, session_year=None),
                    summary=writer.pick(SUMMARIES, other_slots) if event.summary else "",
                )
            )
        sources += _sources(ctx, event, plan)
        for position, name in enumerate(_distinct(rng, GROUPS[language], 0, 4), 1):
            groups.append(_group(ctx, event, plan, position, name))
            group_plans.append(ref)
    ctx.inserter.insert(EventOrganiser, organisers, label="Event organisers")
    ctx.inserter.insert(area_through, areas, label="Events' thematic areas")
    ctx.inserter.insert(target_through, targets, label="Events' target countries")
    ctx.inserter.insert(served_through, served, label="Events' objectives served")
    ctx.inserter.insert(EventObjective, objectives, label="Event objectives")
    ctx.inserter.insert(EventExpectedResult, results, label="Expected results")
    ctx.inserter.insert(EventContact, contacts, label="Event contacts")
    ctx.inserter.insert(EventTranslation, translations, label="Titles in other languages")
    ctx.inserter.insert(Source, sources, label="Event sources")
    saved_groups = ctx.inserter.insert(ParticipantGroup, groups, label="Participant groups")
    _group_members(ctx, pools, saved_groups, group_plans)
    _links(ctx)


def _distinct(rng, values: list, least: int, most: int) -> list:
    return rng.sample(values, min(len(values), rng.randint(least, most)))


def _group(ctx: Context, event: Event, plan: dict, position: int, name: str):
    """A group as the notice lists it, with its count where the record gives one ("about 30")."""
    rng = ctx.rng
    count, approximation = None, ""
    if rng.random() < 0.6:
        count = rng.randint(3, 60)
        approximation = weighted(rng, APPROXIMATIONS)
        if approximation:
            count = max(5, round(count, -1))
    return ParticipantGroup(
        event_id=event.pk,
        position=position,
        name=name,
        count=count,
        count_approximation=approximation,
        count_kind="reported" if plan["held"] else "expected",
    )


def _group_members(ctx: Context, pools: Pools, groups: list, refs: list[EventRef]) -> None:
    rng = ctx.rng
    org_through = ParticipantGroup.organisations.through
    country_through = ParticipantGroup.countries.through
    orgs, countries = [], []
    for group, ref in zip(groups, refs, strict=True):
        ref.groups.append(group.pk)
        for org in {rng.choice(pools.everyone) for _ in range(rng.randint(0, 3))}:
            orgs.append(org_through(participantgroup_id=group.pk, organisation_id=org))
        for country in rng.sample(ref.countries, min(len(ref.countries), rng.randint(0, 3))):
            countries.append(country_through(participantgroup_id=group.pk, country_id=country))
    ctx.inserter.insert(org_through, orgs, label="Groups' organisations")
    ctx.inserter.insert(country_through, countries, label="Groups' countries")


def _sources(ctx: Context, event: Event, plan: dict) -> list[Source]:
    rng = ctx.rng
    count = rng.choice([0, 1, 1, 1, 2]) if plan["held"] else rng.choice([0, 0, 1])
    if event.start is None:
        count = 0
    rows = []
    for position in range(1, count + 1):
        slots = plan["slots"]
        day = event.end.date() if plan["held"] else event.start.date()
        published = day + dt.timedelta(
            days=rng.randint(0, 7) if plan["held"] else -rng.randint(7, 40)
        )
        headline = cap(ctx.writer.pick(HEADLINES, slots))
        site = slug(slots.org or slots.org_label)[:40].strip("-") or "news"
        url = f"https://www.{site}.{EMAIL_DOMAIN}/news/{published:%Y/%m}/{event.pk}-{position}"
        rows.append(
            Source(
                event_id=event.pk,
                url=url,
                headline=headline[:500],
                published_on=published,
                dateline=PLACES[plan["iso2"]].city[event.language] if rng.random() < 0.6 else "",
                language=event.language,
                position=position,
            )
        )
    return rows


def _links(ctx: Context) -> None:
    """Some events follow up, continue or present the results of an earlier one of the same
    country; a few are the same event recorded twice."""
    rng = ctx.rng
    by_country: dict[str, list[EventRef]] = {}
    for ref in sorted((r for r in ctx.events if r.start), key=lambda r: (r.start, r.pk)):
        by_country.setdefault(ref.iso2, []).append(ref)
    kinds = {"follow_up": 50, "series": 30, "presents": 15, "same": 5}
    links, seen = [], set()
    for refs in by_country.values():
        for index, ref in enumerate(refs[1:], start=1):
            if rng.random() < 0.06:
                earlier = refs[rng.randint(max(0, index - 10), index - 1)]
                kind = weighted(rng, kinds)
                if (ref.pk, earlier.pk, kind) not in seen:
                    seen.add((ref.pk, earlier.pk, kind))
                    links.append(
                        EventLink(
                            from_event_id=ref.pk, to_event_id=earlier.pk, kind=kind, position=1
                        )
                    )
    ctx.inserter.insert(EventLink, links, label="Event links")
