"""Reference data: the AU Member States, AU suspensions, organisations, their other names and
memberships; and the directory's writes from the portal (a missing organisation, a focal point's
account).

The data files are the project's copy of the shared reference files (partners/data/README.md).
Each loader is keyed on a natural key and saves a row only when one of its values differs from
the file, so running it again writes nothing (and adds no history rows), while a value edited in
a file updates its row. Rows are never deleted: one added in the admin stays.
"""

import csv
import datetime as dt
import logging
import smtplib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ssrportal.languages import Language
from ssrportal.roles import FOCAL_POINT, group_name

from .models import (
    AUSuspension,
    Country,
    DatePrecision,
    Membership,
    NameKind,
    Organisation,
    OrganisationName,
    Person,
    User,
)
from .models.country import AURegion
from .models.organisation import OrganisationKind

DATA_DIR = Path(__file__).resolve().parent / "data"

log = logging.getLogger(__name__)

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
    """Create or update the organisations, keyed on (acronym, parent); the sources end the note.

    Atomic; safe to run again. Needs the countries. A parent must come before its children in
    the file and be named by an acronym no other row has; a successor may come anywhere.
    Changing a row's parent makes a new organisation (the key changed).
    """
    loaded = Loaded("organisations")
    country_ids = _country_ids()
    ids_by_acronym: dict[str, list[int]] = {}
    rows: list[tuple[_Line, Organisation, str]] = []
    with transaction.atomic():
        for line in _lines(path):
            acronym = line.text("acronym")
            parent_id = _only_id(line, "parent_acronym", ids_by_acronym)
            organisation, outcome = update_or_create_if_changed(
                Organisation,
                lookup={"acronym": acronym, "parent_id": parent_id},
                values={
                    "name": line.text("name"),
                    "name_fr": line.text("name_fr"),
                    "kind": line.choice("kind", OrganisationKind),
                    "headquarters_id": line.key("headquarters_iso2", country_ids, optional=True),
                    "website": line.text("website"),
                    "note": _note_with_sources(line.text("note"), line.text("sources")),
                    "ended_on": line.date("ended_on"),
                    "ended_precision": line.precision("ended_precision"),
                },
            )
            ids_by_acronym.setdefault(acronym, []).append(organisation.pk)
            rows.append((line, organisation, outcome))
        # Successors once every row exists: DFID's successor FCDO may come before it.
        for line, organisation, outcome in rows:
            successor_id = _only_id(line, "successor_acronym", ids_by_acronym, listed="in")
            if organisation.successor_id != successor_id:
                organisation.successor_id = successor_id
                organisation.save(update_fields=["successor"])
                outcome = UPDATED if outcome == UNCHANGED else outcome
            loaded.tally(outcome)
    return loaded


def _only_id(line: _Line, column: str, ids: dict[str, list[int]], listed: str = "before"):
    """The id of the one organisation of the file this column names by acronym, or None."""
    acronym = line.text(column)
    if not acronym:
        return None
    if acronym not in ids:
        raise line.error(f"{column} {acronym!r} must be listed {listed} the file.")
    if len(ids[acronym]) > 1:
        raise line.error(f"{column} {acronym!r} is the acronym of several organisations.")
    return ids[acronym][0]


def load_memberships(*, path: Path = DATA_DIR / "memberships.csv") -> Loaded:
    """Create or update the membership periods, keyed on (organisation, country, joined_on).

    Atomic; safe to run again. Needs the countries and organisations. A joined_on changed in the
    file makes a new period that overlaps the old one, and the load stops with an error until
    the old period is deleted in the admin.
    """
    loaded = Loaded("memberships")
    country_ids = _country_ids()
    # RECs and RMs are top-level: a department's acronym (ECOWAS's PAPS) is not theirs.
    organisation_ids = dict(
        Organisation.objects.filter(parent__isnull=True)
        .exclude(acronym="")
        .values_list("acronym", "pk")
    )
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


# The Organisation field a shown name fills: (kind, language) -> field.
SHOWN_FIELDS = {
    (NameKind.ACRONYM, Language.FRENCH): "acronym_fr",
    (NameKind.ACRONYM, Language.PORTUGUESE): "acronym_pt",
    (NameKind.NAME, Language.FRENCH): "name_fr",
    (NameKind.NAME, Language.PORTUGUESE): "name_pt",
}


def load_organisation_names(*, path: Path = DATA_DIR / "organisation_names.csv") -> Loaded:
    """Create or update the organisations' other names, keyed on (organisation, name, kind,
    language); a row with ``shown`` true also fills the organisation's acronym or name in that
    language (CEDEAO becomes ECOWAS's ``acronym_fr``). Then each organisation's search_names.

    Atomic; safe to run again. Needs the organisations.
    """
    loaded = Loaded("organisation names")
    organisations = {
        (org.acronym, org.parent.acronym if org.parent_id else ""): org
        for org in Organisation.objects.exclude(acronym="").select_related("parent")
    }
    touched: set[int] = set()
    with transaction.atomic():
        for line in _lines(path):
            key = (line.text("organisation_acronym"), line.text("parent_acronym"))
            organisation = organisations.get(key)
            if organisation is None:
                raise line.error(f"no organisation {key[0]!r} with parent {key[1]!r}.")
            kind = line.choice("kind", NameKind)
            language = line.choice("language", Language)
            name = line.text("name")
            used_from, used_until = line.date("used_from"), line.date("used_until")
            if used_from and used_until and used_until < used_from:
                raise line.error("used_until comes before used_from.")
            _, outcome = update_or_create_if_changed(
                OrganisationName,
                lookup={
                    "organisation_id": organisation.pk,
                    "name": name,
                    "kind": kind,
                    "language": language,
                },
                values={
                    "used_from": used_from,
                    "used_from_precision": line.precision("used_from_precision"),
                    "used_until": used_until,
                    "used_until_precision": line.precision("used_until_precision"),
                    "source": line.text("sources"),
                },
            )
            touched.add(organisation.pk)
            loaded.tally(outcome)
            if line.boolean("shown"):
                shown = SHOWN_FIELDS.get((kind, language))
                if shown is None:
                    raise line.error(
                        "shown is true, but only a French or Portuguese acronym or name is shown."
                    )
                update_or_create_if_changed(
                    Organisation, lookup={"pk": organisation.pk}, values={shown: name}
                )
        for organisation in Organisation.objects.filter(pk__in=touched):
            if organisation.names_searched() != organisation.search_names:
                organisation.refresh_search_names()
    return loaded


def load_reference_data() -> list[Loaded]:
    """Load the countries, AU suspensions, organisations, their other names and the
    memberships, in that order.

    One transaction: a mistake in any file leaves the database as it was. Safe to run again.
    """
    with transaction.atomic():
        return [
            load_countries(),
            load_au_suspensions(),
            load_organisations(),
            load_organisation_names(),
            load_memberships(),
        ]


# --- The directory's writes from the portal ----------------------------------------------------


def add_organisation(
    *, name: str, acronym: str, kind: str, parent=None, headquarters=None, by
) -> Organisation:
    """Add a missing organisation (the secretariat, from a form), recorded in its history as
    ``by``'s. One row; the caller has shown the look-alikes (partners.search.look_alikes)."""
    organisation = Organisation(
        name=name, acronym=acronym, kind=kind, parent=parent, headquarters=headquarters
    )
    organisation._history_user = by
    organisation.save()
    return organisation


class AccountRefused(Exception):
    """The person cannot be given an account; the message says why, for the secretariat."""


@dataclass
class Invitation:
    """A focal point's new account and whether its invitation left (None until the
    transaction that created the account commits)."""

    user: User
    person: Person
    sent: bool | None = None

    def send(self) -> None:
        """Mail the invitation to set a password; an SMTP failure is logged, not raised."""
        try:
            send_account_invitation(user=self.user, person=self.person)
        except (smtplib.SMTPException, OSError):
            log.exception("account invitation to %s not sent", self.user.email)
            self.sent = False
        else:
            self.sent = True


def create_focal_point_account(*, person: Person, by) -> Invitation:
    """Give ``person`` a portal account as a focal point of their organisation: a user named by
    their e-mail, in the "Focal point" group, linked to the person, with no password until they
    set one through the invitation.

    Atomic; the invitation is mailed after commit, and an SMTP outage leaves the account made
    and ``Invitation.sent`` False (logged). Refused (AccountRefused) for a person without an
    e-mail, with an account already, or whose e-mail names another account: running it twice
    makes one account.
    """
    with transaction.atomic():
        person = (
            Person.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .get(pk=person.pk)
        )
        email = person.email.strip()
        if person.user_id is not None:
            raise AccountRefused(
                _("%(name)s already has an account.") % {"name": person.display_name}
            )
        if not email:
            raise AccountRefused(
                _("%(name)s has no e-mail address: add one before creating an account.")
                % {"name": person.display_name}
            )
        taken = User.objects.filter(username__iexact=email) | User.objects.filter(
            email__iexact=email
        )
        if taken.exists():
            raise AccountRefused(
                _(
                    "An account with the e-mail address %(email)s already exists: an admin can "
                    "link it to %(name)s in the admin."
                )
                % {"email": email, "name": person.display_name}
            )
        language = person.preferred_language
        user = User(
            username=email,
            email=email,
            first_name=person.full_name[:150],
            organisation=person.organisation,
            language=language if language in settings.UI_LANGUAGES else "",
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=group_name(FOCAL_POINT)))
        person.user = user
        person._history_user = by
        person.save(update_fields=["user"])
        invitation = Invitation(user=user, person=person)
        transaction.on_commit(invitation.send)
    return invitation


def set_password_link(user: User) -> str:
    """The portal's link to choose a password (Django's reset token: valid for one day, and
    no longer once a password is set)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return f"{settings.PORTAL_URL}{path}"


def send_account_invitation(*, user: User, person: Person) -> None:
    """Mail ``user`` the link to set a password, in the person's language. Raises on SMTP
    failure."""
    with translation.override(person.preferred_language):
        context = {
            "person": person,
            "user": user,
            "organisation": person.organisation,
            "link": set_password_link(user),
            "portal_url": settings.PORTAL_URL,
            "reset_url": f"{settings.PORTAL_URL}{reverse('password_reset')}",
        }
        subject = render_to_string("partners/email/account_invitation_subject.txt", context)
        body = render_to_string("partners/email/account_invitation.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [user.email])
