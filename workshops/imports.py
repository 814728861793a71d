"""Reading a participant list from a CSV or XLSX file as Excel saves it, and checking its rows.

``read_participant_file`` turns an uploaded file into rows of text, whatever Excel did to it: UTF-8
with or without a byte order mark (or Windows-1252, or UTF-16 "Unicode text"), commas, semicolons
or tabs, headers in English or French. ``check_rows`` then says what importing each row would do
(a new person, a person of the directory matched by e-mail, someone already taking part) and
what is wrong with it, reading the database and writing nothing. The import itself is
``workshops.services.import_participants``.

The export (``EXPORT_HEADERS``) writes headers this module reads, so an exported list re-imports.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from partners.models import Organisation, Person
from partners.search import name_index
from ssrportal.languages import Language
from ssrportal.text import plain
from ssrportal.uploads import UploadRefused, capped, workbook_rows
from workshops.models import Participant, ParticipantGroup
from workshops.models.participant import ParticipantRole

MAX_FILE_SIZE = 2 * 1024 * 1024
MAX_ROWS = 1000
MAX_COLUMNS = 50
# The rows wait in the cache between the preview and the import, and the preview shows each of
# them: their text is bounded as well as their number.
MAX_TEXT_SIZE = 1024 * 1024

# The columns the import reads, each with the headers that name it (compared without case,
# accents, or the difference between spaces, hyphens and underscores).
HEADERS = {
    "full_name": [
        "full name",
        "fullname",
        "name",
        "nom complet",
        "nom et prenom",
        "nom et prenoms",
        "prenom et nom",
        "prenoms et nom",
        "participant",
    ],
    "first_name": ["first name", "given name", "prenom", "prenoms"],
    "last_name": ["last name", "surname", "family name", "nom de famille", "nom"],
    "title": ["title", "titre", "civilite"],
    "email": [
        "email",
        "e mail",
        "mail",
        "email address",
        "e mail address",
        "courriel",
        "adresse e mail",
        "adresse email",
        "adresse electronique",
    ],
    "organisation": [
        "organisation",
        "organization",
        "organisation represented",
        "organisme",
        "institution",
        "structure",
        "organisation representee",
    ],
    "position": ["position", "job title", "fonction", "poste"],
    "language": [
        "language",
        "preferred language",
        "notice language",
        "langue",
        "langue preferee",
        "langue des avis",
    ],
    "role": ["role"],
    "group": ["group", "groupe"],
}
# Columns the export writes and the import reads past without a word.
EXPORT_ONLY = ["answer", "attendance", "reponse", "presence"]

# What the export writes, in the reader's language: the import reads both.
EXPORT_HEADERS = {
    "en": [
        "full_name",
        "title",
        "email",
        "organisation",
        "position",
        "language",
        "role",
        "group",
        "answer",
        "attendance",
    ],
    "fr": [
        "nom complet",
        "titre",
        "courriel",
        "organisation",
        "fonction",
        "langue",
        "rôle",
        "groupe",
        "réponse",
        "présence",
    ],
}

# "nom" alone is a full name, but the family name when a "prénom" column stands beside it.
AMBIGUOUS_LAST_NAME = "nom"


class ImportFileError(Exception):
    """The file cannot be read as a participant list; the message says why, for its reader."""


@dataclass
class ParticipantRow:
    """One row of the file as typed, trimmed. ``line`` is its row number in the spreadsheet."""

    line: int
    full_name: str = ""
    title: str = ""
    email: str = ""
    organisation: str = ""
    position: str = ""
    language: str = ""
    role: str = ""
    group: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> "ParticipantRow":
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


@dataclass
class ParticipantFile:
    rows: list[ParticipantRow]
    unused_columns: list[str]


# --- Reading the file ------------------------------------------------------------------------


def read_participant_file(upload) -> ParticipantFile:
    """The rows of an uploaded CSV or XLSX file; ImportFileError when it cannot be read.

    The file is read as its rows are needed, and refused at the first limit it passes: its size
    (before anything is read), how much an XLSX workbook unpacks to (ssrportal.uploads), the
    rows and cells read, the participants, the text they hold."""
    name = (upload.name or "").lower()
    if upload.size > MAX_FILE_SIZE:
        raise ImportFileError(_("The file is larger than 2 MB. Split it into smaller files."))
    data = upload.read(MAX_FILE_SIZE + 1)
    if name.endswith(".xlsx"):
        table = read_xlsx(data)
    elif name.endswith((".csv", ".txt")):
        table = read_csv(data)
    elif name.endswith((".xls", ".ods")):
        raise ImportFileError(
            _("This spreadsheet format is not read. Save the file as CSV or as XLSX.")
        )
    else:
        raise ImportFileError(_("Choose a CSV or XLSX file."))
    try:
        return rows_of(table)
    except UploadRefused as error:
        raise ImportFileError(str(error)) from None


def read_csv(data: bytes) -> Iterator[list[str]]:
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            _("This file is a workbook, not CSV text. Name it .xlsx or save it as CSV.")
        )
    text = decode(data)
    if "\x00" in text:
        raise ImportFileError(_("This file is not CSV text."))
    header = next((line for line in io.StringIO(text, newline=None) if line.strip()), "")
    delimiter = max([";", ",", "\t"], key=header.count)
    return csv_rows(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def csv_rows(reader) -> Iterator[list[str]]:
    try:
        yield from capped(reader)
    except csv.Error as error:
        raise ImportFileError(
            _("The file could not be read as CSV (%(error)s).") % {"error": error}
        ) from None


def decode(data: bytes) -> str:
    """Excel saves "CSV UTF-8" with a byte order mark, plain "CSV" in the Windows code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFileError(_("This file is not CSV text.")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file's characters could not be read. Save it as “CSV UTF-8”.")
        ) from None


def read_xlsx(data: bytes) -> Iterator[list[str]]:
    for values in workbook_rows(data, max_columns=MAX_COLUMNS):
        yield [cell_text(value) for value in values]


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows_of(table: Iterable[list[str]]) -> ParticipantFile:
    """The participants of ``table``, read row by row: the first row that is not empty names the
    columns. ``line`` is each row's number in the file."""
    lines = enumerate(([cell.strip() for cell in row[:MAX_COLUMNS]] for row in table), start=1)
    headers = next((row for _line, row in lines if any(row)), None)
    if headers is None:
        raise ImportFileError(_("The file is empty."))
    columns, unused = match_columns(headers)
    if "full_name" not in columns and "last_name" not in columns:
        raise ImportFileError(
            _(
                "No column of the first row names the people. Name it “full_name” "
                "(or “name”, “nom complet”, “nom”)."
            )
        )
    rows = []
    text_size = sum(len(header.encode()) for header in unused)
    for index, cells in lines:
        if not any(cells):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportFileError(
                _("The file has more than %(count)s rows. Split it into smaller files.")
                % {"count": number_format(MAX_ROWS, force_grouping=True)}
            )
        values = {key: cells[i] if i < len(cells) else "" for key, i in columns.items()}
        if "full_name" not in values:
            given = values.pop("first_name", "")
            values["full_name"] = " ".join(filter(None, [given, values.pop("last_name", "")]))
        values.pop("first_name", None)
        values.pop("last_name", None)
        text_size += sum(len(value.encode()) for value in values.values())
        if text_size > MAX_TEXT_SIZE:
            raise ImportFileError(
                _(
                    "The columns the import reads hold more than %(size)s MB of text. Split the "
                    "file into smaller files."
                )
                % {"size": MAX_TEXT_SIZE // (1024 * 1024)}
            )
        rows.append(ParticipantRow(line=index, **values))
    if not rows:
        raise ImportFileError(_("The file has a header row but no participant."))
    return ParticipantFile(rows=rows, unused_columns=unused)


def match_columns(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """{column key: index} for the headers the import reads (the first of each), and the others."""
    aliases = {alias: key for key, names in HEADERS.items() for alias in names}
    plain_headers = [plain(header) for header in headers]
    has_given_name = any(aliases.get(header) == "first_name" for header in plain_headers)
    columns, unused = {}, []
    for index, header in enumerate(plain_headers):
        key = aliases.get(header)
        if header == AMBIGUOUS_LAST_NAME and not has_given_name:
            key = "full_name"
        if key and key not in columns:
            columns[key] = index
        elif header and header not in EXPORT_ONLY:
            unused.append(headers[index])
    return columns, unused


# --- Checking the rows -----------------------------------------------------------------------

NEW_PERSON, MATCHED, ALREADY = "new", "matched", "already"


@dataclass
class RowCheck:
    """What importing one row would do, and what is wrong with it."""

    row: ParticipantRow
    person: Person | None = None
    organisation: Organisation | None = None
    language: str = ""
    role: str = ParticipantRole.PARTICIPANT
    group: ParticipantGroup | None = None
    already: bool = False
    problems: list[str] = field(default_factory=list)
    # People of the directory with the same name but another (or no) e-mail: maybe the same.
    namesakes: list[Person] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        if self.already:
            return ALREADY
        return MATCHED if self.person else NEW_PERSON

    @property
    def is_valid(self) -> bool:
        return not self.problems

    @property
    def adds_participant(self) -> bool:
        return self.is_valid and not self.already

    @property
    def new_group(self) -> bool:
        return bool(self.row.group) and self.group is None


def labels_in_each_language(choices) -> dict[str, str]:
    """{plain code or label, in English and French: code}, to read "Français" or "speaker"."""
    names = {}
    for code, label in choices:
        names[plain(code)] = code
        for language in ("en", "fr"):
            with translation.override(language):
                names[plain(str(label))] = code
    return names


def check_rows(*, event, rows: list[ParticipantRow]) -> list[RowCheck]:
    """Check each row against the directory and the event. Reads only; six queries."""
    organisations = name_index()
    languages = labels_in_each_language(Language.choices)
    roles = labels_in_each_language(ParticipantRole.choices)
    groups = {plain(group.name): group for group in event.participant_groups.all()}
    people, namesakes = match_people(rows)
    taking_part = set(Participant.objects.filter(event=event).values_list("person_id", flat=True))
    seen: dict[str, int] = {}
    checks = []
    for row in rows:
        check = RowCheck(row=row, person=people.get(row.line))
        problems = check.problems
        if not row.full_name:
            problems.append(_("The name is missing."))
        elif len(row.full_name) > Person._meta.get_field("full_name").max_length:
            problems.append(_("The name is longer than 200 characters."))
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                problems.append(
                    _("“%(email)s” is not a valid e-mail address.") % {"email": row.email}
                )
        if row.organisation:
            named = organisations.find(row.organisation)
            if len(named) == 1:
                check.organisation = named[0]
            elif named:
                problems.append(
                    _(
                        "“%(name)s” names several organisations: %(organisations)s. Write the "
                        "one meant as the list shows it."
                    )
                    % {
                        "name": row.organisation,
                        "organisations": "; ".join(sorted(org.label for org in named)),
                    }
                )
            else:
                problems.append(
                    _("No organisation of the directory is named “%(name)s”.")
                    % {"name": row.organisation}
                )
        if row.language:
            check.language = languages.get(plain(row.language), "")
            if not check.language:
                problems.append(
                    _("“%(value)s” is not a language of the portal (%(languages)s).")
                    % {"value": row.language, "languages": ", ".join(Language.values)}
                )
        if row.role:
            check.role = roles.get(plain(row.role), "")
            if not check.role:
                problems.append(
                    _("“%(value)s” is not a role (%(roles)s).")
                    % {"value": row.role, "roles": ", ".join(map(str, ParticipantRole.labels))}
                )
        if row.group:
            check.group = groups.get(plain(row.group))
        for too_long, message in (
            (len(row.email) > 254, _("The e-mail address is longer than 254 characters.")),
            (len(row.title) > 30, _("The title is longer than 30 characters.")),
            (len(row.position) > 300, _("The position is longer than 300 characters.")),
            (len(row.group) > 300, _("The group's name is longer than 300 characters.")),
        ):
            if too_long:
                problems.append(message)
        key = (
            row.email.lower() if row.email else f"{plain(row.full_name)}|{plain(row.organisation)}"
        )
        if row.full_name or row.email:
            if key in seen:
                problems.append(_("Same person as row %(line)s.") % {"line": seen[key]})
            else:
                seen[key] = row.line
        check.already = check.person is not None and check.person.pk in taking_part
        if check.person is None:
            check.namesakes = namesakes.get(plain(row.full_name), [])
        checks.append(check)
    return checks


def people_named(names: list[str]) -> dict[str, list[Person]]:
    """{plain name: the directory's people of that name (as typed, whatever its accents)}."""
    named = {}
    if not any(names):
        return named
    people = Person.objects.filter(full_name__in={name for name in names if name})
    for person in people.select_related("organisation").order_by("full_name", "pk"):
        named.setdefault(plain(person.full_name), []).append(person)
    return named


def match_people(rows: list[ParticipantRow]) -> tuple[dict[int, Person], dict[str, list]]:
    """{row line: the directory's person}: by e-mail whatever its case; without an e-mail, by
    the same name and organisation among people who have none. Also {plain name: the people of
    that name}, whatever their e-mail. Two queries."""
    emails = {row.email.lower() for row in rows if row.email}
    by_email = {
        person.email_lower: person
        for person in Person.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .select_related("organisation")
    }
    named = people_named([row.full_name for row in rows])
    matches = {}
    for row in rows:
        if row.email:
            person = by_email.get(row.email.lower())
        else:
            person = next(
                (
                    person
                    for person in named.get(plain(row.full_name), [])
                    if not person.email and plain(row.organisation) in labels_of(person)
                ),
                None,
            )
        if person is not None:
            matches[row.line] = person
    return matches, named


def labels_of(person: Person) -> set[str]:
    """How a file may name the person's organisation (any name, acronym or alias, plain): ""
    when they have none."""
    organisation = person.organisation
    if organisation is None:
        return {""}
    return organisation.plain_names()
