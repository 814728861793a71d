"""Generated mandates: requesters, mandating organisations and beneficiaries, target
countries and organisation types, outputs, numbered outcome objectives and, for half of them,
the mandate record they come from."""

import datetime as dt

from workshops.models import Mandate, MandateObjective, MandateOutput, Source

from .batch import weighted
from .context import ANCHOR, FIRST_DAY, LAST_DAY, Context, Pools, day_in
from .places import PLACES
from .words import BACKGROUNDS, MANDATE_KINDS, MANDATE_OUTPUTS, MANDATE_TITLE, OBJECTIVES
from .writing import AREAS, cap


def create_mandates(ctx: Context, pools: Pools) -> None:
    rng, writer = ctx.rng, ctx.writer
    isos = sorted(ctx.countries)
    rows, parts = [], []
    for _ in range(ctx.volumes["mandates"]):
        iso2 = rng.choice(isos)
        language = PLACES[iso2].language if rng.random() < 0.8 else "en"
        slots = writer.slots(language, area=rng.choice(AREAS), iso2=iso2)
        start = end = None
        if rng.random() < 0.9:
            start = day_in(rng, FIRST_DAY, LAST_DAY - dt.timedelta(days=200))
            end = start + dt.timedelta(days=rng.randint(90, 1095))
        status = _mandate_status(rng, start, end)
        created = ctx.moment((start or ANCHOR) - dt.timedelta(days=rng.randint(20, 150)))
        created = min(created, ctx.moment(ANCHOR - dt.timedelta(days=rng.randint(1, 60))))
        title = MANDATE_TITLE[language].format(
            what=rng.choice(MANDATE_KINDS[language]),
            topic=slots["topic"],
            country=slots["country"],
        )
        rows.append(
            Mandate(
                title=title,
                language=language,
                description=writer.pick(BACKGROUNDS, slots),
                start_date=start,
                end_date=end,
                status=status,
                created_at=created,
                updated_at=created + dt.timedelta(days=rng.randint(0, 90)),
            )
        )
        parts.append((iso2, slots))
    created_rows = ctx.inserter.insert(Mandate, rows, label="Mandates")
    through = {
        "requesters": Mandate.requesters.through,
        "mandating": Mandate.mandating_organisations.through,
        "beneficiaries": Mandate.beneficiaries.through,
        "countries": Mandate.target_countries.through,
        "types": Mandate.target_organisation_types.through,
    }
    links = {name: [] for name in through}
    outputs, objectives, sources = [], [], []
    for mandate, (iso2, slots) in zip(created_rows, parts, strict=True):
        requesters = {pools.national_of(rng, iso2)} if rng.random() < 0.6 else set()
        if rng.random() < 0.5 or not requesters:
            requesters.add(rng.choice(pools.regional))
        links["requesters"] += [
            through["requesters"](mandate_id=mandate.pk, organisation_id=pk) for pk in requesters
        ]
        links["mandating"] += [
            through["mandating"](mandate_id=mandate.pk, organisation_id=pk)
            for pk in set(rng.sample(pools.regional, min(len(pools.regional), rng.randint(1, 2))))
        ]
        if rng.random() < 0.7:
            links["beneficiaries"] += [
                through["beneficiaries"](mandate_id=mandate.pk, organisation_id=pk)
                for pk in {pools.national_of(rng, iso2) for _ in range(rng.randint(1, 3))}
            ]
        countries = {ctx.countries[iso2]} | {
            ctx.countries[rng.choice(sorted(ctx.countries))] for _ in range(rng.randint(0, 2))
        }
        links["countries"] += [
            through["countries"](mandate_id=mandate.pk, country_id=pk) for pk in sorted(countries)
        ]
        links["types"] += [
            through["types"](mandate_id=mandate.pk, targetorganisationtype_id=pk)
            for pk in rng.sample(ctx.target_types, min(len(ctx.target_types), rng.randint(1, 3)))
        ]
        for position in range(1, rng.randint(1, 3) + 1):
            outputs.append(
                MandateOutput(
                    mandate_id=mandate.pk,
                    position=position,
                    text=ctx.writer.pick(MANDATE_OUTPUTS, slots),
                )
            )
        for position in range(1, rng.randint(2, 7) + 1):
            text = ctx.writer.pick(OBJECTIVES, slots).rstrip(" ;.") + "."
            objectives.append(
                MandateObjective(mandate_id=mandate.pk, position=position, text=cap(text))
            )
        if rng.random() < 0.5:
            published = (mandate.start_date or ANCHOR) - dt.timedelta(days=rng.randint(5, 60))
            sources.append(
                Source(
                    mandate_id=mandate.pk,
                    reference=f"Mandate record {mandate.pk:05d}",
                    headline=mandate.title,
                    published_on=published,
                    language=mandate.language,
                    position=1,
                )
            )
    for name, rows_ in links.items():
        ctx.inserter.insert(through[name], rows_, label=f"Mandates' {name}")
    ctx.inserter.insert(MandateOutput, outputs, label="Mandate outputs")
    saved = ctx.inserter.insert(MandateObjective, objectives, label="Mandate objectives")
    by_mandate: dict[int, list[int]] = {}
    for objective in saved:
        by_mandate.setdefault(objective.mandate_id, []).append(objective.pk)
    ctx.inserter.insert(Source, sources, label="Mandate sources")
    ctx.mandates = [
        (m.pk, m.start_date, m.end_date, by_mandate.get(m.pk, [])) for m in created_rows
    ]


def _mandate_status(rng, start, end) -> str:
    if start is None:
        return weighted(rng, {"requested": 70, "unsupported": 30})
    if end < ANCHOR:
        return weighted(rng, {"completed": 85, "cancelled": 5, "unsupported": 5, "active": 5})
    if start > ANCHOR:
        return "requested"
    return "active"
