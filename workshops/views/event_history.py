"""The history of changes of an event and of its participants."""

import datetime as dt
from collections import defaultdict

from django.db.models import F, Value, Window
from django.db.models.functions import Lag
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import pgettext_lazy
from django.views.generic import TemplateView

from partners.models import CoordinationFramework, Country, Organisation, Person
from ssrportal.languages import Language, current_language
from workshops.models import (
    Event,
    Mandate,
    Participant,
    ParticipantGroup,
)
from workshops.permissions import ReaderRequired

from .event_page import union_rows

# --- History of changes ---------------------------------------------------------------------------

HISTORY_PER_PAGE = 20
HISTORY_TYPES = {
    "+": pgettext_lazy("a version of a record", "created"),
    "~": pgettext_lazy("a version of a record", "changed"),
    "-": pgettext_lazy("a version of a record", "deleted"),
}
PARTICIPANT_HISTORY_TYPES = {
    "+": pgettext_lazy("a version of a participant", "added"),
    "~": pgettext_lazy("a version of a participant", "changed"),
    "-": pgettext_lazy("a version of a participant", "removed"),
}
# Foreign keys shown by name: field name -> the kind of name (see related_names).
NAMED_KEYS = {
    "country": "country",
    "mandate": "mandate",
    "framework": "framework",
    "person": "person",
    "organisation": "organisation",
    "group": "group",
}


# Far past any history: an offset the database can hold (a bigint), shown as an empty page.
LAST_PAGE = 1_000_000


def page_number(request, name: str) -> int:
    try:
        return min(max(1, int(request.GET.get(name, 1))), LAST_PAGE)
    except ValueError:
        return 1


def records_with_previous(records, page: int) -> tuple[list[tuple], bool]:
    """A page of history records, newest first, each with the record before it: two queries.

    The record before is the previous version of the same object, wherever it stands in the
    list (a participant's versions are interleaved with others'). Returns the pairs and whether
    there is an older page.
    """
    offset = (page - 1) * HISTORY_PER_PAGE
    previous_id = Window(
        Lag("history_id"),
        partition_by=[F("id")],
        order_by=[F("history_date").asc(), F("history_id").asc()],
    )
    rows = list(
        records.select_related("history_user")
        .annotate(previous_history_id=previous_id)
        .order_by("-history_date", "-history_id")[offset : offset + HISTORY_PER_PAGE + 1]
    )
    has_older = len(rows) > HISTORY_PER_PAGE
    rows = rows[:HISTORY_PER_PAGE]
    previous = records.model.objects.in_bulk(
        [r.previous_history_id for r in rows if r.previous_history_id]
    )
    return [(r, previous.get(r.previous_history_id)) for r in rows], has_older


def related_names(ids: dict[str, set]) -> dict[tuple[str, int], str]:
    """Names of the records the changes point to, {(kind, id): name}: one query (none if none)."""
    sources = {
        "country": (Country.objects.all(), F("name_en"), F("name_fr")),
        "mandate": (Mandate.objects.all(), F("title"), Value("")),
        "framework": (CoordinationFramework.objects.all(), F("name"), Value("")),
        "person": (Person.objects.all(), F("full_name"), F("title")),
        "organisation": (Organisation.objects.all(), F("name"), F("name_fr")),
        "group": (ParticipantGroup.objects.all(), F("name"), Value("")),
    }
    parts = [
        union_rows(
            sources[kind][0].filter(pk__in=pks), kind, Value(0), sources[kind][1], sources[kind][2]
        )
        for kind, pks in ids.items()
        if pks
    ]
    if not parts:
        return {}
    french = current_language() == "fr"
    names = {}
    for kind, pk, _position, text, other in parts[0].union(*parts[1:], all=True):
        if kind == "person":
            names[kind, pk] = f"{other} {text}".strip()
        else:
            translated = kind in {"country", "organisation"} and french and other
            names[kind, pk] = other if translated else text
    return names


def _value(field, value, names: dict, zone) -> str:
    """How a changed value reads: names for records, labels for choices, short texts."""
    if value in (None, "", []):
        return "—"
    if field.name in NAMED_KEYS:
        return names.get((NAMED_KEYS[field.name], value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, dt.datetime):
        return date_format(value.astimezone(zone), "j F Y H:i")
    if isinstance(value, list):
        labels = dict(Language.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    return Truncator(str(value)).chars(80)


class HistoryRow:
    """One version: when, who, what kind of change, and the fields that changed."""

    def __init__(self, record, previous, types: dict):
        self.record = record
        self.when = record.history_date
        self.user = record.history_user
        self.type = types.get(record.history_type, record.history_type)
        self.created = previous is None
        self.fields = self.changed_fields(record, previous)
        self.changes = []

    @staticmethod
    def changed_fields(record, previous) -> list:
        if previous is None or record.history_type == "-":
            return []
        model = record.instance_type
        order = {f.name: i for i, f in enumerate(model._meta.fields)}
        delta = record.diff_against(previous)
        return sorted(delta.changes, key=lambda c: order.get(c.field, len(order)))

    def describe(self, names: dict, zone) -> None:
        model = self.record.instance_type
        self.changes = []
        for change in self.fields:
            field = model._meta.get_field(change.field)
            self.changes.append(
                {
                    "field": field.verbose_name,
                    "old": _value(field, change.old, names, zone),
                    "new": _value(field, change.new, names, zone),
                }
            )


class EventHistoryView(ReaderRequired, TemplateView):
    """The event's history of changes, and its participants', newest first, 20 a page each.

    Queries (7 whatever the versions): the user; the event; a page of event versions with their
    user and the id of the version before; those versions before; the same two for the
    participants; the names the changes point to (countries, mandates, people... one union).
    """

    template_name = "workshops/event_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = get_object_or_404(Event.objects.with_reader_language(), pk=kwargs["pk"])
        event_page = page_number(self.request, "page")
        participant_page = page_number(self.request, "participants_page")
        event_pairs, event_older = records_with_previous(event.history.all(), event_page)
        participant_pairs, participant_older = records_with_previous(
            Participant.history.filter(event_id=event.pk), participant_page
        )
        event_rows = [HistoryRow(r, p, HISTORY_TYPES) for r, p in event_pairs]
        participant_rows = [
            HistoryRow(r, p, PARTICIPANT_HISTORY_TYPES) for r, p in participant_pairs
        ]
        ids = defaultdict(set)
        for row in event_rows + participant_rows:
            for change in row.fields:
                if change.field in NAMED_KEYS:
                    ids[NAMED_KEYS[change.field]].update(
                        v for v in (change.old, change.new) if v is not None
                    )
        for row in participant_rows:
            ids["person"].add(row.record.person_id)
        names = related_names(ids)
        for row in event_rows + participant_rows:
            row.describe(names, event.tz)
        for row in participant_rows:
            row.person = names.get(("person", row.record.person_id), f"#{row.record.person_id}")
        context.update(
            event=event,
            event_rows=event_rows,
            participant_rows=participant_rows,
            event_pages=self.pages(event_page, event_older, "page"),
            participant_pages=self.pages(participant_page, participant_older, "participants_page"),
        )
        return context

    def pages(self, page: int, has_older: bool, name: str) -> dict:
        """Query strings of the newer and older pages, keeping the other list's page."""

        def link(number):
            params = self.request.GET.copy()
            params[name] = number
            return params.urlencode()

        return {
            "number": page,
            "newer": link(page - 1) if page > 1 else "",
            "older": link(page + 1) if has_older else "",
        }
