"""Reference data: the AU Member States, AU suspensions, organisations and memberships.

The data files are the project's copy of the shared reference files (partners/data/README.md).
Each loader is keyed on a natural key and saves a row only when one of its values differs from
the file, so running it again writes nothing (and adds no history rows), while a value edited in
a file updates its row. Rows are never deleted: one added in the admin stays.
"""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.db import models, transaction

from .models import AUSuspension, Country, DatePrecision, Membership, Organisation
from .models.country import AURegion
from .models.organisation import OrganisationKind

DATA_DIR = Path(__file__).resolve().parent / "data"

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class ReferenceDataError(Exception):
    """A data file holds a value the models cannot take; the message names the file and line."""


@dataclass
class Loaded:
    """What one loader did: the rows of its data file, and how many it created or updated."""

    what: str
    rows: int = 0
    created: int = 0
    updated: int = 0

    def __str__(self):
        return f"{self.rows} {self.what}"

    @property
    def unchanged(self) -> int:
        return self.rows - self.created - self.updated

    def tally(self, outcome: str) -> None:
        self.rows += 1
        self.created += outcome == CREATED
        self.updated += outcome == UPDATED


def read_data_file(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a UTF-8 CSV file with a header row, each with its line number."""
    with path.open(newline="", encoding="utf-8") as data:
        return [(number, row) for number, row in enumerate(csv.DictReader(data), start=2)]


def update_or_create_if_changed(
    model: type[models.Model], *, lookup: dict, values: dict
) -> tuple[models.Model, str]:
    """``update_or_create`` that saves only when a value differs, and then only those fields.

    Django's own ``update_or_create`` saves every time, and each save of a model with
    django-simple-history adds a history row. Give foreign keys by attname (``parent_id``).
    Returns the row and CREATED, UPDATED or UNCHANGED.
    """
    row = model.objects.filter(**lookup).first()
    if row is None:
        return model.objects.create(**lookup, **values), CREATED
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if not changed:
        return row, UNCHANGED
    for name in changed:
        setattr(row, name, values[name])
    row.save(update_fields=changed)
    return row, UPDATED


class _Line:
    """Reads the values of one data-file row, naming the file and line in any error."""

    def __init__(self, path: Path, number: int, row: dict[str, str]):
        self.where = f"{path.name}, line {number}"
        self.row = row

    def error(self, message: str) -> ReferenceDataError:
        return ReferenceDataError(f"{self.where}: {message}")

    def text(self, column: str) -> str:
        return (self.row.get(column) or "").strip()

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        value = self.text(column)
        if required and not value:
            raise self.error(f"{column} is empty.")
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise self.error(f"{column} {value!r} is not a YYYY-MM-DD date.") from None

    def choice(self, column: str, choices: type[models.TextChoices], default: str = "") -> str:
        value = self.text(column) or default
        if value and value not in choices.values:
            raise self.error(f"{column} {value!r} is not one of {', '.join(choices.values)}.")
        return value

    def precision(self, column: str) -> str:
        return self.choice(column, DatePrecision, default=DatePrecision.DAY)

    def boolean(self, column: str) -> bool:
        value = self.text(column)
        if value not in ("true", "false"):
            raise self.error(f"{column} {value!r} is not true or false.")
        return value == "true"

    def key(self, column: str, ids: dict[str, int], *, optional: bool = False) -> int | None:
        """The id of the row this column names (an ISO code, an acronym)."""
        value = self.text(column)
        if not value and optional:
            return None
        if value not in ids:
            raise self.error(f"{column} {value!r} is not in the reference data.")
        return ids[value]

    def check_current(self, end_column: str) -> None:
        """A row that is not current must have an end date, and a current one must have none."""
        current, end = self.boolean("current"), self.date(end_column)
        if current and end is not None:
            raise self.error(f"current is true but {end_column} is set.")
        if not current and end is None:
            raise self.error(
                f"current is false but {end_column} is empty: give the date, to the month or year "
                "if that is all that is known (see partners/data/README.md)."
            )


def _lines(path: Path):
    for number, row in read_data_file(path):
        yield _Line(path, number, row)


def _country_ids() -> dict[str, int]:
    return dict(Country.objects.values_list("iso2", "pk"))


def _note_with_sources(note: str, sources: str) -> str:
    ids = [source.strip() for source in sources.split(";") if source.strip()]
    if not ids:
        return note
    return f"{note}\n\nSources: {', '.join(ids)}.".strip()


def load_countries(*, path: Path = DATA_DIR / "countries.csv") -> Loaded:
    """Create or update the countries, keyed on ISO alpha-2. Atomic; safe to run again."""
    loaded = Loaded("countries")
    with transaction.atomic():
        for line in _lines(path):
            _, outcome = update_or_create_if_changed(
                Country,
                lookup={"iso2": line.text("iso2")},
                values={
                    "iso3": line.text("iso3"),
                    "iso_numeric": line.text("iso_numeric"),
                    "name_en": line.text("name_en"),
                    "name_fr": line.text("name_fr"),
                    "au_member": line.boolean("au_member"),
                    "au_region": line.choice("au_region", AURegion),
                    "note": line.text("note"),
                },
            )
            loaded.tally(outcome)
    return loaded


def load_au_suspensions(*, path: Path = DATA_DIR / "au_suspensions.csv") -> Loaded:
    """Create or update the AU suspensions, keyed on (country, suspended_on).

    Atomic; safe to run again. Needs the countries.
    """
    loaded = Loaded("AU suspensions")
    country_ids = _country_ids()
    with transaction.atomic():
        for line in _lines(path):
            line.check_current("lifted_on")
            _, outcome = update_or_create_if_changed(
                AUSuspension,
                lookup={
                    "country_id": line.key("iso2", country_ids),
                    "suspended_on": line.date("suspended_on", required=True),
                },
                values={
                    "lifted_on": line.date("lifted_on"),
                    "lifted_precision": line.precision("lifted_precision"),
                    "decision": line.text("decision"),
                    "note": line.text("note"),
                    "sources": line.text("sources"),
                },
            )
            loaded.tally(outcome)
    return loaded


def load_organisations(*, path: Path = DATA_DIR / "organisations.csv") -> Loaded:
    """Create or update the organisations, keyed on acronym; the sources end the note.

    Atomic; safe to run again. Needs the countries. A parent must come before its children in
    the file.
    """
    loaded = Loaded("organisations")
    country_ids = _country_ids()
    ids_by_acronym: dict[str, int] = {}
    with transaction.atomic():
        for line in _lines(path):
            acronym = line.text("acronym")
            parent = line.text("parent_acronym")
            if parent and parent not in ids_by_acronym:
                raise line.error(f"parent {parent!r} must be listed before {acronym!r}.")
            organisation, outcome = update_or_create_if_changed(
                Organisation,
                lookup={"acronym": acronym},
                values={
                    "name": line.text("name"),
                    "name_fr": line.text("name_fr"),
                    "kind": line.choice("kind", OrganisationKind),
                    "parent_id": ids_by_acronym.get(parent),
                    "headquarters_id": line.key("headquarters_iso2", country_ids, optional=True),
                    "website": line.text("website"),
                    "note": _note_with_sources(line.text("note"), line.text("sources")),
                },
            )
            ids_by_acronym[acronym] = organisation.pk
            loaded.tally(outcome)
    return loaded


def load_memberships(*, path: Path = DATA_DIR / "memberships.csv") -> Loaded:
    """Create or update the membership periods, keyed on (organisation, country, joined_on).

    Atomic; safe to run again. Needs the countries and organisations. A joined_on changed in the
    file makes a new period that overlaps the old one, and the load stops with an error until
    the old period is deleted in the admin.
    """
    loaded = Loaded("memberships")
    country_ids = _country_ids()
    organisation_ids = dict(Organisation.objects.exclude(acronym="").values_list("acronym", "pk"))
    with transaction.atomic():
        for line in _lines(path):
            line.check_current("left_on")
            membership, outcome = update_or_create_if_changed(
                Membership,
                lookup={
                    "organisation_id": line.key("organisation_acronym", organisation_ids),
                    "country_id": line.key("iso2", country_ids),
                    "joined_on": line.date("joined_on"),
                },
                values={
                    "joined_precision": line.precision("joined_precision"),
                    "left_on": line.date("left_on"),
                    "left_precision": line.precision("left_precision"),
                    "note": line.text("note"),
                    "sources": line.text("sources"),
                },
            )
            if membership.overlapping().exists():
                raise line.error(
                    "this period overlaps another period of the same country in the same "
                    "organisation."
                )
            loaded.tally(outcome)
    return loaded


def load_reference_data() -> list[Loaded]:
    """Load the countries, AU suspensions, organisations and memberships, in that order.

    One transaction: a mistake in any file leaves the database as it was. Safe to run again.
    """
    with transaction.atomic():
        return [load_countries(), load_au_suspensions(), load_organisations(), load_memberships()]
