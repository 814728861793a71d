"""Bench data: the volumes of a busy secretariat's ten years and more, generated.

``generate(scale=1.0, seed=1)`` creates, at scale 1.0, 2,000 organisations (with other names
and a few successors), 20,000 people, accounts for the secretariat and focal points (each REC,
RM and AU body, and 150 generated organisations), 400 mandates, 10,000 events over 15 years
(2012-2026) in all 55 AU Member States, 100,000 participants (a few events with 500 and more),
324,000 notices and 100,000 lessons (60 % in English, 30 % in French, 10 % in Portuguese), with
everything these records hold: the parts that directory.py, mandates.py, events.py,
participants.py, register.py and notices.py list. Other scales multiply every volume (at least
one of each). The same seed on the same reference data gives the same records, on SQLite as on
PostgreSQL: every draw comes from ``random.Random(seed)`` and every date from the fixed ANCHOR
(2026-01-01, the records' "today"), never from the clock.

Rows are written with ``bulk_create``, 5,000 a batch, in one transaction: a run that fails
leaves nothing behind. bulk_create calls no ``save()`` and sends no signal, so the generator
does itself what ``save()`` derives: ``Event.normalise_span()`` (whole days, open ends),
``Organisation.search_names`` and ``OrganisationName.plain``; the e-mail addresses are written
stripped. What the signals would have done is not done: no history rows
(django-simple-history: generated records have no earlier versions), no notice handed to
Celery (the rows are written in their final states; the queued and retrying ones would be sent
by a sweep running on this database), no cached choice list refreshed row by row: their
versions are bumped once, after the commit. ``auto_now``/``auto_now_add`` are switched off
while inserting, so creation dates are the generated ones. PostgreSQL computes the generated
search columns itself (lessons' and events' ``search_vector``); afterwards the tables are
ANALYZEd so the planner knows their size.

Generated people's addresses end with ``.bench.example`` and accounts start with ``bench-``:
a second run on a database that holds them refuses (BenchDataExists) rather than duplicate.
"""

import datetime as dt
import random
import time

from django.contrib.auth.models import Group
from django.core.management.base import OutputWrapper
from django.db import connection, transaction

from lessons.models import LessonCategory
from partners.models import Country, Person, User
from ssrportal.roles import FOCAL_POINT, SECRETARIAT, group_name
from workshops.choices import CACHED_MODELS, forget_choices
from workshops.models import OrganiserRole, TargetOrganisationType, ThematicArea

from .batch import Inserter
from .context import EMAIL_DOMAIN, USERNAME_PREFIX, VOLUMES, Context, Pools, volumes_at
from .directory import create_accounts, create_organisations, create_people
from .events import create_events
from .mandates import create_mandates
from .notices import create_notices
from .participants import create_participants
from .places import PLACES
from .register import create_lessons
from .writing import Writer

__all__ = ["VOLUMES", "BenchDataError", "BenchDataExists", "generate", "volumes_at"]

MAX_SCALE = 10.0


class BenchDataError(Exception):
    """The data cannot be generated here; the message says what to do."""


class BenchDataExists(BenchDataError):
    """The database already holds generated data."""


def generate(*, scale: float = 1.0, seed: int = 1, out=None) -> Inserter:
    """Generate the bench data at ``scale`` from ``seed``; print a line per model to ``out``
    (a stream or a command's OutputWrapper). Atomic. Refuses to run twice on one database.
    Returns the inserter, whose ``lines`` and ``total_rows`` say what was written."""
    if not 0 < scale <= MAX_SCALE:
        raise BenchDataError(f"The scale must be above 0 and at most {MAX_SCALE:g}.")
    already_generated()
    if out is not None and not isinstance(out, OutputWrapper):
        out = OutputWrapper(out)
    inserter = Inserter(out)
    started = time.perf_counter()
    with transaction.atomic():
        ctx = _context(scale, seed, inserter)
        create_organisations(ctx)
        create_accounts(ctx)
        create_people(ctx)
        pools = Pools(ctx)
        create_mandates(ctx, pools)
        create_events(ctx, pools)
        create_participants(ctx)
        create_lessons(ctx, pools)
        create_notices(ctx)
    _after_commit()
    elapsed = time.perf_counter() - started
    if out is not None:
        out.write(
            f"Bench data (scale {scale:g}, seed {seed}): {inserter.total_rows:,} rows in "
            f"{dt.timedelta(seconds=round(elapsed))} ({inserter.total_rows / elapsed:,.0f} "
            "rows/s)."
        )
    return inserter


def already_generated() -> None:
    """Raise BenchDataExists if this database holds generated people or accounts."""
    people = Person.objects.filter(email__endswith=f".{EMAIL_DOMAIN}").count()
    accounts = User.objects.filter(username__startswith=USERNAME_PREFIX).count()
    if people or accounts:
        raise BenchDataExists(
            f"This database already holds generated bench data ({people:,} people with "
            f"@….{EMAIL_DOMAIN} addresses, {accounts:,} {USERNAME_PREFIX}… accounts): "
            "generating again would duplicate it. Generate into a fresh database (createdb, "
            "migrate, load_reference_data), or empty this one first (manage.py flush, then "
            "load_reference_data)."
        )


def _context(scale: float, seed: int, inserter: Inserter) -> Context:
    members = {
        country.iso2: country
        for country in Country.objects.au_members().order_by("iso2")
        if country.iso2 in PLACES
    }
    roles = list(OrganiserRole.objects.order_by("position", "code").values_list("code", flat=True))
    areas = dict(ThematicArea.objects.order_by("position", "code").values_list("code", "pk"))
    groups = dict(
        Group.objects.filter(
            name__in=[group_name(SECRETARIAT), group_name(FOCAL_POINT)]
        ).values_list("name", "pk")
    )
    if not members or "organiser" not in roles or not areas or len(groups) < 2:
        raise BenchDataError(
            "The reference data is missing (AU Member States, organiser roles, thematic areas "
            "or the role groups): run `python manage.py migrate` and "
            "`python manage.py load_reference_data` first."
        )
    rng = random.Random(seed)
    names = {iso2: {"en": c.name_en, "fr": c.name_fr or c.name_en} for iso2, c in members.items()}
    return Context(
        seed=seed,
        rng=rng,
        writer=Writer(rng, names),
        inserter=inserter,
        volumes=volumes_at(scale),
        countries={iso2: country.pk for iso2, country in members.items()},
        country_names=names,
        areas=areas,
        target_types=list(
            TargetOrganisationType.objects.order_by("position", "code").values_list("pk", flat=True)
        ),
        roles=roles,
        categories=list(
            LessonCategory.objects.order_by("position", "code").values_list("pk", flat=True)
        ),
        groups={
            SECRETARIAT: groups[group_name(SECRETARIAT)],
            FOCAL_POINT: groups[group_name(FOCAL_POINT)],
        },
    )


def _after_commit() -> None:
    """What the skipped signals would have kept right: cached choice lists read again; and
    fresh planner statistics on PostgreSQL."""
    for model in CACHED_MODELS:
        forget_choices(model)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
