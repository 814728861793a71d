"""Reference data of the workshops app: DOMAIN.md's controlled vocabularies.

Loaded from workshops/data/ like the partners' reference data (partners.services), keyed on
``code``: running a loader again writes nothing, and a label edited in a file updates its row.
"""

import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from partners.models import Organisation, Person
from partners.services import (
    Loaded,
    ReferenceDataError,
    read_data_file,
    update_or_create_if_changed,
)
from ssrportal.languages import Language

from . import versions
from .imports import ParticipantRow, check_rows, plain
from .models import (
    Answer,
    Document,
    Event,
    EventContact,
    EventLink,
    EventLinkKind,
    EventOrganiser,
    EventStatus,
    EventTranslation,
    Mandate,
    Notice,
    OrganiserRole,
    Participant,
    ParticipantGroup,
    Source,
    TargetOrganisationType,
    ThematicArea,
    about_fields,
)
from .models.notice import new_message_id
from .models.participant import DocumentKind, ParticipantRole
from .notices import recording
from .notices.sending import enqueue_on_commit

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load_vocabulary(model, *, path: Path, what: str, text_fields: list[str]) -> Loaded:
    loaded = Loaded(what)
    with transaction.atomic():
        for number, row in read_data_file(path):
            try:
                position = int(row["position"])
            except ValueError:
                raise ReferenceDataError(
                    f"{path.name}, line {number}: position {row['position']!r} is not a number."
                ) from None
            _, outcome = update_or_create_if_changed(
                model,
                lookup={"code": row["code"].strip()},
                values={
                    "position": position,
                    **{field: row[field].strip() for field in text_fields},
                },
            )
            loaded.tally(outcome)
    return loaded


def load_thematic_areas(*, path: Path = DATA_DIR / "thematic_areas.csv") -> Loaded:
    """Create or update the thematic areas, keyed on code. Atomic; safe to run again."""
    return _load_vocabulary(
        ThematicArea, path=path, what="thematic areas", text_fields=["name_en", "name_fr"]
    )


def load_target_organisation_types(
    *, path: Path = DATA_DIR / "target_organisation_types.csv"
) -> Loaded:
    """Create or update the target organisation types, keyed on code. Atomic; safe to run again."""
    return _load_vocabulary(
        TargetOrganisationType,
        path=path,
        what="target organisation types",
        text_fields=["name_en", "name_fr", "description_en", "description_fr"],
    )


def load_organiser_roles(*, path: Path = DATA_DIR / "organiser_roles.csv") -> Loaded:
    """Create or update the organisers' roles, keyed on code. Atomic; safe to run again."""
    return _load_vocabulary(
        OrganiserRole,
        path=path,
        what="organiser roles",
        text_fields=["name_en", "name_fr", "heading_en", "heading_fr"],
    )


def load_vocabularies() -> list[Loaded]:
    """Load the thematic areas, target organisation types and organiser roles in one
    transaction. Safe to run again.
    """
    with transaction.atomic():
        return [load_thematic_areas(), load_target_organisation_types(), load_organiser_roles()]


# Apps above this one (lessons) cannot be imported from here: they register the loader of their
# own reference data from their AppConfig.ready(), and load_reference_data runs it last.
REFERENCE_DATA_OF_APPS_ABOVE: list[Callable[[], list[Loaded]]] = []


def register_reference_data(loader: Callable[[], list[Loaded]]) -> None:
    """Have ``load_reference_data`` run ``loader`` too; registering it again changes nothing."""
    if loader not in REFERENCE_DATA_OF_APPS_ABOVE:
        REFERENCE_DATA_OF_APPS_ABOVE.append(loader)


def load_reference_data_of_apps_above() -> list[Loaded]:
    """Run the loaders that register_reference_data registered, in the order registered."""
    with transaction.atomic():
        return [loaded for loader in REFERENCE_DATA_OF_APPS_ABOVE for loaded in loader()]


# --- Participants and documents ------------------------------------------------------------------

ALREADY_A_PARTICIPANT = gettext_lazy("This person is already a participant of this event.")


def add_participant(
    *,
    event: Event,
    person: Person | None = None,
    new_person: Person | None = None,
    organisation: Organisation | None = None,
    group: ParticipantGroup | None = None,
    role: str = ParticipantRole.PARTICIPANT,
    notice_language: str = "",
    by,
) -> Participant:
    """Add ``person`` of the directory, or ``new_person`` (unsaved: created here), to ``event``.

    Atomic: the new person and the participant are saved together or not at all. The organisation
    represented defaults to the person's own, the notice language to their preferred language.
    Raises ValidationError on "person" when the person already takes part, saving nothing.
    """
    if new_person is None and Participant.objects.filter(event=event, person=person).exists():
        raise ValidationError({"person": ALREADY_A_PARTICIPANT})
    try:
        with transaction.atomic():
            if new_person is not None:
                person = new_person
                person._history_user = by
                person.save()
            participant = Participant(
                event=event,
                person=person,
                organisation=organisation or person.organisation,
                group=group,
                role=role,
                notice_language=notice_language or person.preferred_language,
            )
            participant._history_user = by
            participant.save()
    except IntegrityError:
        if new_person is not None:
            raise
        raise ValidationError({"person": ALREADY_A_PARTICIPANT}) from None
    return participant


def set_answer(*, event: Event, participants: list[Participant], answer: str, by) -> int:
    """Record ``answer`` for the ``participants`` of ``event``; how many changed.

    Atomic, one history row per participant changed; running it twice changes nothing more.
    """
    now = timezone.now()
    changed = []
    for participant in participants:
        if participant.event_id != event.pk:
            raise ValueError(f"Participant {participant.pk} is not one of event {event.pk}.")
        if participant.answer != answer:
            participant.answer = answer
            participant.answered_at = None if answer == Answer.INVITED else now
            changed.append(participant)
    with transaction.atomic():
        bulk_update_with_history(changed, Participant, ["answer", "answered_at"], default_user=by)
    return len(changed)


def record_attendance(*, event: Event, participants: list[Participant], attendance: str, by) -> int:
    """Record ``attendance`` for the ``participants`` of ``event``; how many changed.

    Refused (ValidationError) before the event starts. Atomic, one history row per participant
    changed; running it twice changes nothing more.
    """
    if event.start is None or event.start > timezone.now():
        raise ValidationError(_("Attendance can be recorded once the event has started."))
    changed = []
    for participant in participants:
        if participant.event_id != event.pk:
            raise ValueError(f"Participant {participant.pk} is not one of event {event.pk}.")
        if participant.attendance != attendance:
            participant.attendance = attendance
            changed.append(participant)
    with transaction.atomic():
        bulk_update_with_history(changed, Participant, ["attendance"], default_user=by)
    return len(changed)


@dataclass
class ImportSummary:
    added: int = 0
    new_people: int = 0
    already: int = 0
    skipped: int = 0


def import_participants(*, event: Event, rows: list[ParticipantRow], by) -> ImportSummary:
    """Add the people of ``rows`` (read by workshops.imports) to ``event``.

    The rows are checked again inside the transaction: a row with a problem is skipped, a person
    of the directory (same e-mail, any case) is matched and not duplicated, someone already
    taking part is left as is. People, groups named in the file and participants are created
    in one transaction, with their history; importing the same rows twice adds nothing more.
    """
    summary = ImportSummary()
    with transaction.atomic():
        checks = check_rows(event=event, rows=rows)
        summary.already = sum(check.is_valid and check.already for check in checks)
        summary.skipped = sum(not check.is_valid for check in checks)
        to_add = [check for check in checks if check.adds_participant]
        new_groups = {}
        last_position = max(event.participant_groups.values_list("position", flat=True), default=0)
        for check in to_add:
            if check.new_group:
                key = plain(check.row.group)
                if key not in new_groups:
                    last_position += 1
                    new_groups[key] = ParticipantGroup.objects.create(
                        event=event, position=last_position, name=check.row.group
                    )
                check.group = new_groups[key]
        new_people = {}
        for check in to_add:
            if check.person is None:
                row = check.row
                check.person = Person(
                    full_name=row.full_name,
                    title=row.title,
                    email=row.email.strip(),
                    organisation=check.organisation,
                    position=row.position,
                    preferred_language=check.language or Language.ENGLISH,
                )
                new_people[row.line] = check.person
        bulk_create_with_history(list(new_people.values()), Person, default_user=by)
        participants = [
            Participant(
                event=event,
                person=check.person,
                organisation=check.organisation or check.person.organisation,
                group=check.group,
                role=check.role,
                notice_language=check.language or check.person.preferred_language,
            )
            for check in to_add
        ]
        bulk_create_with_history(participants, Participant, default_user=by)
    summary.added = len(participants)
    summary.new_people = len(new_people)
    return summary


def name_in_own_folder(filename: str) -> str:
    """``<random folder>/<filename>``: an upload keeps its name, and two of one name do not meet.

    The name is cut to keep the stored path (events/<id>/<folder>/<name>) in a FileField's 300
    characters.
    """
    stem, extension = os.path.splitext(filename)
    return f"{secrets.token_hex(8)}/{stem[: 200 - len(extension)]}{extension}"


def add_document(
    *, event: Event, kind: str, title: str, language: str, file: UploadedFile, by
) -> Document:
    """Store ``file`` (whose type the upload form checked) as a document of ``event``.

    The file goes under MEDIA_ROOT, in a folder of its own so that it keeps its name, and is
    only served by the download view. Atomic: a failed save leaves no file behind. The report
    of an event that is over sends the thank-you to those who took part (once each).
    """
    document = Document(event=event, kind=kind, title=title, language=language, uploaded_by=by)
    document.file.save(name_in_own_folder(file.name), file, save=False)
    try:
        with transaction.atomic():
            document.save()
            if kind == DocumentKind.REPORT:
                recording.record_thank_you(event=event, by=by)
    except Exception:
        document.file.delete(save=False)
        raise
    return document


# --- Event and mandate forms ---------------------------------------------------------------------

NumberedTexts = Sequence[tuple[int | None, str]]
"""A numbered list's items in their new order: (id of the saved item or None if new, text)."""


def _assign(record, values: dict) -> dict:
    """Set ``record``'s own fields from ``values``; return the many-to-many ones, to set later."""
    many = {}
    for name, value in values.items():
        if record._meta.get_field(name).many_to_many:
            many[name] = value
        else:
            setattr(record, name, value)
    return many


def _save_numbered(parent, related_name: str, items: NumberedTexts, *, by) -> None:
    """Make ``parent``'s numbered list hold ``items``, at positions 1..n in their order.

    Saved items keep their id (events link to a mandate's objectives), items left out are
    deleted. (parent, position) is unique and checked row by row by PostgreSQL, so the items
    that move are first lifted above every position in use, then written at their place.
    """
    manager = getattr(parent, related_name)
    saved = {row.pk: row for row in manager.all()}
    kept = {pk: position for position, (pk, _text) in enumerate(items, 1) if pk in saved}
    manager.exclude(pk__in=list(kept)).delete()
    moving = [pk for pk, position in kept.items() if saved[pk].position != position]
    if moving:
        above = max([row.position for row in saved.values()] + [len(items)])
        manager.filter(pk__in=moving).update(position=F("position") + above)
    for position, (pk, text) in enumerate(items, 1):
        row = saved.get(pk) or manager.model(**{manager.field.name: parent})
        if row.pk and row.position == position and row.text == text:
            continue
        row.position, row.text = position, text
        row._history_user = by
        row.save()


@dataclass
class GroupValues:
    """A participant group as the event form gives it: its saved row (None if new), its own
    fields, and the organisations and countries it names."""

    row: ParticipantGroup | None
    values: dict
    organisations: list = field(default_factory=list)
    countries: list = field(default_factory=list)


@dataclass
class OrganiserValues:
    """An organisation named with a role, and who acted for it ("head of mission")."""

    organisation: Organisation
    role: OrganiserRole | str = "organiser"
    represented_by: Person | None = None
    capacity: str = ""


def _save_groups(event: Event, groups: Sequence[GroupValues]) -> None:
    """Make ``event``'s participant groups ``groups``, at positions 1..n in their order.

    Saved groups keep their id, so their participants stay in them; groups left out are
    deleted (their participants stay, without a group). (event, position) is unique: the kept
    groups are first lifted above every position in use.
    """
    kept = [group.row.pk for group in groups if group.row is not None]
    event.participant_groups.exclude(pk__in=kept).delete()
    above = max([*event.participant_groups.values_list("position", flat=True), len(groups)])
    event.participant_groups.update(position=F("position") + above)
    for position, group in enumerate(groups, 1):
        row = group.row or ParticipantGroup(event=event)
        for name, value in group.values.items():
            setattr(row, name, value)
        row.position = position
        row.save()
        row.organisations.set(group.organisations)
        row.countries.set(group.countries)


@transaction.atomic
def save_event(
    *,
    event: Event,
    values: dict,
    objectives: NumberedTexts,
    expected_results: NumberedTexts,
    organisers: Sequence[OrganiserValues | tuple[Organisation, str]],
    contacts: Sequence[tuple[Person, str]],
    translations: Sequence[tuple[str, str, str]],
    groups: Sequence[GroupValues] | None = None,
    links: Sequence[tuple[str, Event]] | None = None,
    sources: Sequence[dict] | None = None,
    version: str | None = None,
    by,
) -> Event:
    """Save ``event`` (new or not) with ``values`` and all its rows, exactly as given.

    ``version`` (workshops/versions.py): the version the form was opened at; a saved event
    whose version is another by now raises StaleRecord, and nothing is written (the row is
    locked meanwhile, so two saves at once cannot both pass).

    Atomic: any failure saves nothing. Objectives and expected results are numbered 1..n in the
    order given and keep their ids; organisers (OrganiserValues, or (organisation, role)),
    contacts (person, purpose) and titles in other languages (language, title, summary)
    replace the previous ones, in the order given. Participant groups keep their ids
    (_save_groups); links to other events (kind, other event) and sources replace the previous
    ones; ``None`` leaves them as they are. One history row for the event. When the dates,
    venue, online link or status of a saved event change, the notices to its invited
    participants are recorded with it (workshops.notices.recording.record_event_changes).
    """
    before = None
    versioned = event.pk is not None and version is not None
    if versioned and versions.current_version(Event, event.pk, lock=True) != version:
        raise versions.StaleRecord
    if event.pk is not None:
        # From the database: a model form has already written the new values on ``event``.
        before = recording.snapshot(Event.objects.select_related("country").get(pk=event.pk))
    many = _assign(event, values)
    event._history_user = by
    event.save()
    for name, value in many.items():
        getattr(event, name).set(value)
    if before is not None:
        recording.record_event_changes(event=event, before=before, by=by)
    _save_numbered(event, "objectives", objectives, by=by)
    _save_numbered(event, "expected_results", expected_results, by=by)
    event.organiser_roles.all().delete()
    organisers = [
        row if isinstance(row, OrganiserValues) else OrganiserValues(*row) for row in organisers
    ]
    EventOrganiser.objects.bulk_create(
        EventOrganiser(
            event=event,
            organisation=row.organisation,
            role_id=row.role if isinstance(row.role, str) else row.role.code,
            represented_by=row.represented_by,
            capacity=row.capacity,
            position=position,
        )
        for position, row in enumerate(organisers, 1)
    )
    if groups is not None:
        _save_groups(event, groups)
    if links is not None:
        event.links_out.all().delete()
        EventLink.objects.bulk_create(
            EventLink(from_event=event, kind=kind, to_event=other, position=position)
            for position, (kind, other) in enumerate(links, 1)
        )
    if sources is not None:
        save_sources(record=event, sources=sources)
    event.contacts.all().delete()
    EventContact.objects.bulk_create(
        EventContact(event=event, person=person, purpose=purpose, position=position)
        for position, (person, purpose) in enumerate(contacts, 1)
    )
    event.translations.all().delete()
    EventTranslation.objects.bulk_create(
        EventTranslation(event=event, language=language, title=title, summary=summary)
        for language, title, summary in translations
    )
    return event


@transaction.atomic
def duplicate_event(*, event: Event, by, next_in_series: bool = False) -> Event:
    """A copy of ``event`` to plan the next meeting of a series, status planned.

    Copies the fields (dates included: the officer sets them next), organisers, objectives,
    expected results, contacts, titles in other languages, target countries, thematic areas and
    served objectives; not the participants, groups, sources, documents or history. With
    ``next_in_series``, the copy is linked as the next of the series after ``event``. Atomic.
    """
    skipped = {"id", "status", "created_at", "updated_at"}
    copy = Event(
        **{
            field.attname: getattr(event, field.attname)
            for field in Event._meta.concrete_fields
            if field.name not in skipped
        },
        status=EventStatus.PLANNED,
    )
    copy._history_user = by
    copy.save()
    copy.target_countries.set(event.target_countries.all())
    copy.thematic_areas.set(event.thematic_areas.all())
    copy.served_objectives.set(event.served_objectives.all())
    for related_name in ("objectives", "expected_results"):
        manager = getattr(event, related_name)
        manager.model.objects.bulk_create(
            manager.model(event=copy, position=row.position, text=row.text) for row in manager.all()
        )
    EventOrganiser.objects.bulk_create(
        EventOrganiser(
            event=copy,
            organisation_id=row.organisation_id,
            role_id=row.role_id,
            represented_by_id=row.represented_by_id,
            capacity=row.capacity,
            position=row.position,
        )
        for row in event.organiser_roles.all()
    )
    if next_in_series:
        EventLink.objects.create(from_event=copy, kind=EventLinkKind.SERIES, to_event=event)
    EventContact.objects.bulk_create(
        EventContact(
            event=copy, person_id=row.person_id, purpose=row.purpose, position=row.position
        )
        for row in event.contacts.all()
    )
    EventTranslation.objects.bulk_create(
        EventTranslation(event=copy, language=row.language, title=row.title, summary=row.summary)
        for row in event.translations.all()
    )
    return copy


def save_sources(*, record: Event | Mandate, sources: Sequence[dict]) -> list[Source]:
    """Make ``record``'s sources exactly ``sources``, at positions 1..n in their order.

    Each source is a dict of Source fields (url, reference, headline, published_on, dateline,
    language). The previous sources are deleted and the given ones created: call it inside
    the caller's transaction (save_event, save_mandate), which it does not open itself.
    """
    manager = record.sources
    manager.all().delete()
    return Source.objects.bulk_create(
        Source(**{manager.field.name: record}, position=position, **values)
        for position, values in enumerate(sources, 1)
    )


@transaction.atomic
def save_mandate(
    *,
    mandate: Mandate,
    values: dict,
    outputs: NumberedTexts,
    objectives: NumberedTexts,
    sources: Sequence[dict] | None = None,
    version: str | None = None,
    by,
) -> Mandate:
    """Save ``mandate`` (new or not) with ``values``, its outputs, outcome objectives and
    sources; ``version`` as for save_event (StaleRecord).

    Atomic: any failure saves nothing. Outputs and objectives are numbered 1..n in the order
    given; a saved objective keeps its id, so the events that serve it still do. The sources,
    when given (None leaves them as they are), replace the previous ones (save_sources).
    History rows for the mandate (its earlier dates and texts stay readable there) and for
    each output or objective changed.
    """
    versioned = mandate.pk is not None and version is not None
    if versioned and versions.current_version(Mandate, mandate.pk, lock=True) != version:
        raise versions.StaleRecord
    many = _assign(mandate, values)
    mandate._history_user = by
    mandate.save()
    for name, value in many.items():
        getattr(mandate, name).set(value)
    _save_numbered(mandate, "outputs", outputs, by=by)
    _save_numbered(mandate, "objectives", objectives, by=by)
    if sources is not None:
        save_sources(record=mandate, sources=sources)
    return mandate


# --- Notices ------------------------------------------------------------------------------------


def record_notices(
    *,
    kind: str,
    event: Event,
    users: Sequence = (),
    about=None,
    by=None,
    details: dict | None = None,
) -> list[Notice]:
    """Record one queued notice of ``kind`` for each of ``users`` that has an e-mail address.

    Call it inside the transaction of the change that causes the notice (a lesson's move): the
    rows exist if and only if the change does. Each row copies the address, the name and the
    language of its recipient (the account's language, English when it follows the browser);
    a user listed twice, or two accounts sharing an address, get one row. ``about`` is the
    record the notice concerns (a lesson), if not the event itself; ``details`` what the
    message must repeat as it was when recorded (a return's comment), stored on each row.
    They are handed to the workers when the transaction commits.
    """
    rows, seen = [], set()
    for user in users:
        address = (user.email or "").strip()
        if not address or address.casefold() in seen:
            continue
        seen.add(address.casefold())
        rows.append(
            Notice(
                kind=kind,
                event=event,
                user=user,
                recipient_name=user.get_full_name() or user.get_username(),
                recipient_email=address,
                language=user.language or Language.ENGLISH,
                message_id=new_message_id(),
                recorded_by=by,
                details=dict(details or {}),
                **about_fields(about),
            )
        )
    rows = Notice.objects.bulk_create(rows)
    enqueue_on_commit(notice.pk for notice in rows)
    return rows
