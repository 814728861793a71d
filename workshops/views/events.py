"""Events: the list, its export, the event page and its history of changes."""

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

import tablib
from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, IntegerField, Prefetch, Q, Value, Window
from django.db.models.functions import Lag
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from partners.models import CoordinationFramework, Country, Organisation, Person
from ssrportal.languages import Language, current_language
from workshops.filters import (
    ALL,
    PAST,
    TABS,
    UPCOMING,
    EventFilter,
    in_tab,
    sort_of,
    sorted_by,
    tab_of,
)
from workshops.models import (
    Document,
    Event,
    EventContact,
    EventExpectedResult,
    EventObjective,
    EventOrganiser,
    Mandate,
    MandateObjective,
    OrganiserRole,
    Participant,
    ParticipantGroup,
    ThematicArea,
)
from workshops.permissions import ReaderRequired, can_edit_workshops

# --- Dates and times ------------------------------------------------------------------------------


def utc_offset(local: dt.datetime) -> str:
    """ "UTC+3", "UTC+0", "UTC-4", "UTC+5:30"."""
    minutes = int(local.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'-' if minutes < 0 else '+'}{hours}" + (f":{rest:02d}" if rest else "")


def zone_label(zone: zoneinfo.ZoneInfo, local: dt.datetime) -> str:
    """ "Addis Ababa (UTC+3)": the zone's city and its offset on that day."""
    return f"{zone.key.rsplit('/', 1)[-1].replace('_', ' ')} ({utc_offset(local)})"


def date_span(start: dt.datetime, end: dt.datetime) -> str:
    """ "7 December 2020", "26–27 January 2022", "30 November – 2 December 2022"."""
    if start.date() == end.date():
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{date_format(start, 'j')}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


def time_span(start: dt.datetime, end: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "10:00–13:00 Addis Ababa (UTC+3)", or with the days when it runs over several."""
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        times = f"{start:%H:%M}–{end:%H:%M}"
    else:
        times = f"{date_format(start, 'j F')} {start:%H:%M} – {date_format(end, 'j F')} {end:%H:%M}"
    return f"{times} {zone_label(zone, start)}"


@dataclass(frozen=True)
class When:
    """An event's dates and times in its own time zone, and in the reader's when that differs."""

    dates: str
    times: str
    reader_times: str

    @classmethod
    def of(cls, event: Event) -> "When":
        zone, reader = event.tz, timezone.get_current_timezone()
        start, end = event.start.astimezone(zone), event.end.astimezone(zone)
        same_clock = all(t.astimezone(reader).utcoffset() == t.utcoffset() for t in (start, end))
        return cls(
            dates=date_span(start, end),
            times=time_span(start, end, zone),
            reader_times="" if same_clock else time_span(start, end, reader),
        )


def organiser_acronyms(event: Event) -> list[str]:
    """Each organiser once, in the order of their roles (an organisation may also fund)."""
    names = (
        r.organisation.acronym or r.organisation.display_name for r in event.organiser_roles.all()
    )
    return list(dict.fromkeys(names))


# --- List and export ------------------------------------------------------------------------------


class KnownCountPaginator(Paginator):
    """A paginator told the count, which the view already has from its tab counts."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count


class FilteredEvents:
    """The events the list's query string selects: filters, then the tab, then the order."""

    def filtered(self):
        params = self.request.GET
        self.tab = tab_of(params)
        self.sort = sort_of(params, self.tab)
        self.filterset = EventFilter(params, queryset=self.base_queryset())
        return self.filterset.qs

    def base_queryset(self):
        return Event.objects.all()

    def selected(self):
        return sorted_by(in_tab(self.filtered(), self.tab, self.now), self.sort)

    @cached_property
    def now(self):
        """One instant for the tab and its counts."""
        return timezone.now()


class EventListView(ReaderRequired, FilteredEvents, ListView):
    """The event list: tabs, filters, search, sorting, 25 a page, export links.

    Queries (5 whatever the rows): the user; the filters' choices (one union); the number of
    events in each tab (one aggregate, which also feeds the paginator); the page of events with
    their country and title in the reader's language; their organisers.
    """

    template_name = "workshops/event_list.html"
    context_object_name = "events"
    paginate_by = 25

    def base_queryset(self):
        organisers = EventOrganiser.objects.select_related("organisation").only(
            "event_id",
            "role",
            "position",
            "organisation__acronym",
            "organisation__name",
            "organisation__name_fr",
        )
        return (
            Event.objects.with_reader_language()
            .select_related("country")
            .prefetch_related(Prefetch("organiser_roles", queryset=organisers))
        )

    def get_queryset(self):
        filtered = self.filtered()
        self.tab_counts = filtered.order_by().aggregate(
            upcoming=Count("pk", filter=Q(end__gte=self.now)),
            past=Count("pk", filter=Q(end__lt=self.now)),
        )
        self.tab_counts[ALL] = self.tab_counts[UPCOMING] + self.tab_counts[PAST]
        return sorted_by(in_tab(filtered, self.tab, self.now), self.sort)

    def get_paginator(self, queryset, per_page, **kwargs):
        return KnownCountPaginator(queryset, per_page, count=self.tab_counts[self.tab], **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for event in context["events"]:
            event.when = When.of(event)
            event.organiser_list = organiser_acronyms(event)
        params = self.request.GET.copy()
        params.pop("page", None)
        without_tab = params.copy()
        without_tab.pop("tab", None)
        without_sort = params.copy()
        without_sort.pop("sort", None)
        context.update(
            filter=self.filterset,
            tab=self.tab,
            tabs=[(key, label, self.tab_counts[key]) for key, label in TABS.items()],
            sort=self.sort,
            query=params.urlencode(),
            query_without_tab=without_tab.urlencode(),
            query_without_sort=without_sort.urlencode(),
            sort_columns=self.sort_columns(),
            can_edit=can_edit_workshops(self.request.user),
            filtering=any(self.filterset.form.cleaned_data.values()),
        )
        return context

    def sort_columns(self) -> dict:
        """For each sortable column: the sort its header link asks for, and aria-sort."""
        columns = {}
        for key in ("start", "title", "status"):
            current = self.sort.lstrip("-") == key
            descending = self.sort.startswith("-")
            columns[key] = {
                "next": f"-{key}" if current and not descending else key,
                "aria": ("descending" if descending else "ascending") if current else "",
            }
        return columns


EXPORT_HEADERS = [
    gettext_lazy("id"),
    gettext_lazy("title"),
    gettext_lazy("kind"),
    gettext_lazy("status"),
    gettext_lazy("start"),
    gettext_lazy("end"),
    gettext_lazy("time zone"),
    gettext_lazy("city"),
    gettext_lazy("country"),
    gettext_lazy("online link"),
    gettext_lazy("organisers"),
    gettext_lazy("target countries"),
    gettext_lazy("thematic areas"),
    gettext_lazy("mandate"),
]


def export_row(event: Event) -> list:
    zone = event.tz
    return [
        event.pk,
        event.title,
        event.get_kind_display(),
        event.get_status_display(),
        event.start.astimezone(zone).isoformat(),
        event.end.astimezone(zone).isoformat(),
        event.time_zone,
        event.city,
        event.country.name if event.country else "",
        event.online_url,
        "; ".join(
            f"{r.organisation.acronym or r.organisation.display_name}:{r.get_role_display()}"
            for r in event.organiser_roles.all()
        ),
        "; ".join(c.name for c in event.target_countries.all()),
        "; ".join(a.name for a in event.thematic_areas.all()),
        event.mandate.title if event.mandate else "",
    ]


class EventExportView(ReaderRequired, FilteredEvents, View):
    """The list as filtered, tab and order included, as CSV (UTF-8 with BOM) or XLSX.

    Queries (6 whatever the rows): the user; the filters' choices; the events with country and
    mandate; their organisers; target countries; thematic areas.
    """

    formats = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }

    def base_queryset(self):
        return (
            Event.objects.with_reader_language()
            .select_related("country", "mandate")
            .prefetch_related(
                Prefetch(
                    "organiser_roles",
                    queryset=EventOrganiser.objects.select_related("organisation"),
                ),
                "target_countries",
                "thematic_areas",
            )
        )

    def get(self, request):
        export_format = request.GET.get("format", "csv")
        if export_format not in self.formats:
            return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
        dataset = tablib.Dataset(headers=[str(h) for h in EXPORT_HEADERS])
        for event in self.selected():
            row = export_row(event)
            if export_format == "xlsx":
                # A control character pasted into a title would stop openpyxl (a 500).
                row = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
            dataset.append(row)
        if export_format == "csv":
            content = ("\ufeff" + dataset.export("csv")).encode("utf-8")
        else:
            content = dataset.export("xlsx")
        response = HttpResponse(content, content_type=self.formats[export_format])
        filename = f"events-{timezone.localdate():%Y-%m-%d}.{export_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# --- The event page -------------------------------------------------------------------------------

ROLE_HEADINGS = {
    OrganiserRole.ORGANISER: gettext_lazy("Organised by"),
    OrganiserRole.CO_ORGANISER: gettext_lazy("Co-organised by"),
    OrganiserRole.FUNDER: gettext_lazy("Funded by"),
    OrganiserRole.TECHNICAL_PARTNER: gettext_lazy("Technical partners"),
}


@dataclass(frozen=True)
class Item:
    """One row of event_lists(): a numbered text (objective, result, served objective), a label
    (country, thematic area: ``other`` is its French name) or a participant group (``other`` is
    its description)."""

    key: int
    position: int
    text: str
    other: str = ""

    @property
    def letter(self) -> str:
        return chr(ord("a") + self.position - 1) if 1 <= self.position <= 26 else str(self.position)

    @property
    def label(self) -> str:
        return self.other if current_language() == "fr" and self.other else self.text


def _rows(queryset, name: str, position=None, text=None, other=None):
    """One part of a union: (list name, id, position, text, other text).

    By default the model's ``position`` and ``text`` (an OrderedText), and no other text.
    """
    position = F("position") if position is None else position
    text = F("text") if text is None else text
    other = Value("", output_field=CharField()) if other is None else other
    return (
        queryset.order_by()
        .annotate(
            row_list=Value(name, output_field=CharField()),
            row_key=F("pk"),
            row_position=position,
            row_text=text,
            row_other=other,
        )
        .values_list("row_list", "row_key", "row_position", "row_text", "row_other")
    )


def event_lists(event: Event) -> dict[str, list[Item]]:
    """Objectives, expected results, served mandate objectives, target countries, thematic areas
    and participant groups (name, description) of ``event``, in order: one query."""
    zero = Value(0, output_field=IntegerField())
    union = _rows(EventObjective.objects.filter(event=event), "objectives").union(
        _rows(EventExpectedResult.objects.filter(event=event), "results"),
        _rows(MandateObjective.objects.filter(events=event), "served"),
        _rows(
            Country.objects.filter(events_targeting=event),
            "countries",
            zero,
            F("name_en"),
            F("name_fr"),
        ),
        _rows(
            ThematicArea.objects.filter(events=event),
            "areas",
            text=F("name_en"),
            other=F("name_fr"),
        ),
        _rows(
            ParticipantGroup.objects.filter(event=event),
            "groups",
            text=F("name"),
            other=F("description"),
        ),
        all=True,
    )
    lists = defaultdict(list)
    for name, key, position, text, other in union:
        lists[name].append(Item(key, position, text, other))
    for name, items in lists.items():
        items.sort(key=(lambda i: i.label) if name == "countries" else (lambda i: i.position))
    return lists


@dataclass(frozen=True)
class OrganisationRow:
    owner: int
    role: str
    position: int
    acronym: str
    name: str
    name_fr: str

    @property
    def display_name(self) -> str:
        return self.name_fr if current_language() == "fr" and self.name_fr else self.name


def event_organisations(event: Event) -> tuple[list, dict[int, list[OrganisationRow]]]:
    """The organisers by role, and the organisations named by each participant group: one query.

    Returns ``[(role heading, [organisation...]), ...]`` in the order of the roles, and
    ``{group id: [organisation...]}`` sorted by acronym.
    """
    columns = ("row_owner", "row_role", "row_position", "acronym", "name", "name_fr")
    organisers = (
        EventOrganiser.objects.filter(event=event)
        .order_by()
        .annotate(
            row_owner=Value(0, output_field=IntegerField()),
            row_role=F("role"),
            row_position=F("position"),
            acronym=F("organisation__acronym"),
            name=F("organisation__name"),
            name_fr=F("organisation__name_fr"),
        )
        .values_list(*columns)
    )
    named = (
        ParticipantGroup.organisations.through.objects.filter(participantgroup__event=event)
        .order_by()
        .annotate(
            row_owner=F("participantgroup_id"),
            row_role=Value("", output_field=CharField()),
            row_position=Value(0, output_field=IntegerField()),
            acronym=F("organisation__acronym"),
            name=F("organisation__name"),
            name_fr=F("organisation__name_fr"),
        )
        .values_list(*columns)
    )
    by_role, by_group = defaultdict(list), defaultdict(list)
    for row in (OrganisationRow(*values) for values in organisers.union(named, all=True)):
        if row.role:
            by_role[row.role].append(row)
        else:
            by_group[row.owner].append(row)
    roles = [
        (ROLE_HEADINGS[role], sorted(by_role[role], key=lambda r: r.position))
        for role in OrganiserRole.values
        if by_role[role]
    ]
    for rows in by_group.values():
        rows.sort(key=lambda r: (r.acronym or r.name).casefold())
    return roles, by_group


class EventDetailView(ReaderRequired, DetailView):
    """The event page, laid out as a notice: what, who, when, where, why, objectives, expected
    results, participants by group, contacts, documents; then the mandate and the labels.

    Queries (7 whatever the participants, groups or documents): the user; the event with its
    country, mandate, framework and title in the reader's language; objectives, expected results,
    served mandate objectives, target countries, thematic areas and participant groups (one
    union); organisers and the organisations each group names (one union); participants with
    person and organisations; contacts with person and organisation; documents.
    """

    template_name = "workshops/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.with_reader_language().select_related(
            "country", "mandate", "framework"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        lists = event_lists(event)
        organisers, group_organisations = event_organisations(event)
        participants = (
            Participant.objects.filter(event=event)
            .select_related("person", "organisation", "person__organisation")
            .only(
                "group_id",
                "role",
                "answer",
                "attendance",
                "person__title",
                "person__full_name",
                "person__organisation__acronym",
                "person__organisation__name",
                "person__organisation__name_fr",
                "organisation__acronym",
                "organisation__name",
                "organisation__name_fr",
            )
        )
        by_group = defaultdict(list)
        for participant in participants:
            by_group[participant.group_id].append(participant)
        groups = [
            {
                "name": group.text,
                "anchor": f"group-{group.key}",
                **self.describe_group(group.text, group.other),
                "organisations": group_organisations.get(group.key, []),
                "participants": by_group.pop(group.key, []),
            }
            for group in lists["groups"]
        ]
        # Participants whose group is gone (or was never set) are still invited.
        others = [p for group_participants in by_group.values() for p in group_participants]
        translated_title = event.display_title != event.title
        context.update(
            when=When.of(event),
            organisers=organisers,
            objectives=lists["objectives"],
            expected_results=lists["results"],
            served_objectives=lists["served"],
            target_countries=lists["countries"],
            thematic_areas=lists["areas"],
            groups=groups,
            other_participants=others,
            participant_count=sum(len(g["participants"]) for g in groups) + len(others),
            contacts=list(
                EventContact.objects.filter(event=event).select_related(
                    "person", "person__organisation"
                )
            ),
            documents=list(
                Document.objects.filter(event=event).only("event_id", "title", "kind", "language")
            ),
            translated_title=translated_title,
            title_language=current_language() if translated_title else event.language,
            summary_language=(
                current_language() if event.display_summary != event.summary else event.language
            ),
            working_languages=[
                label for code, label in Language.choices if code in event.working_languages
            ],
            can_edit=can_edit_workshops(self.request.user),
        )
        return context

    @staticmethod
    def describe_group(name: str, description: str) -> dict:
        """A description that starts with the group's name ("CEOs of 8 recognized AU RECs namely
        CENSAD, ...") reads on from the name, as in the notice; any other stands below it."""
        if description.startswith(name):
            return {"continuation": description[len(name) :], "description": ""}
        return {"continuation": "", "description": description}


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


def page_number(request, name: str) -> int:
    try:
        return max(1, int(request.GET.get(name, 1)))
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
        _rows(
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
