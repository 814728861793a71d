"""The event list's filters, search, tabs and sorting, shared by the list and its export; the
filters of an event's notices and participants."""

import django_filters
from django import forms
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.models import Organisation
from partners.models.organisation import search_names_q
from ssrportal.widgets import SearchSelect
from workshops import choices
from workshops.models import (
    Answer,
    Attendance,
    Event,
    EventKind,
    EventOrganiser,
    EventStatus,
    Mandate,
    Notice,
    NoticeKind,
    NoticeState,
    Participant,
)
from workshops.search import search_events

UPCOMING, PAST, ALL = "upcoming", "past", "all"
TABS = {
    UPCOMING: pgettext_lazy("events tab", "Upcoming"),
    PAST: pgettext_lazy("events tab", "Past"),
    ALL: pgettext_lazy("events tab", "All"),
}

STATUS_ORDER = Case(
    *(When(status=value, then=Value(rank)) for rank, value in enumerate(EventStatus.values)),
    output_field=IntegerField(),
)
SORTS = {
    "start": ("start",),
    "title": (Lower(Coalesce("title_in_reader_language", "title")),),
    "status": (STATUS_ORDER, "start"),
}
DEFAULT_SORT = {UPCOMING: "start", PAST: "-start", ALL: "-start"}


def tab_of(params) -> str:
    tab = params.get("tab")
    return tab if tab in TABS else UPCOMING


def sort_of(params, tab: str) -> str:
    sort = params.get("sort", "")
    return sort if sort.lstrip("-") in SORTS else DEFAULT_SORT[tab]


def in_tab(queryset, tab: str, now=None):
    """Upcoming: not yet over (end >= now), or planned with no date yet; past: over; all."""
    now = now or timezone.now()
    if tab == UPCOMING:
        return queryset.filter(upcoming_q(now))
    if tab == PAST:
        return queryset.filter(end__lt=now)
    return queryset


def upcoming_q(now) -> Q:
    return Q(end__gte=now) | Q(start__isnull=True)


def sorted_by(queryset, sort: str):
    """Order by ``sort`` ("start", "-title"...), ties broken by the id; events with no date yet
    come last either way."""
    descending = sort.startswith("-")
    keys = [
        (key.desc(nulls_last=True) if descending else key.asc(nulls_last=True))
        if hasattr(key, "asc")
        else (F(key).desc(nulls_last=True) if descending else F(key).asc(nulls_last=True))
        for key in SORTS[sort.lstrip("-")]
    ]
    return queryset.order_by(*keys, "-pk" if descending else "pk")


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and sends ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class EventFilter(django_filters.FilterSet):
    """Status, kind, start dates, country, organiser, thematic area, mandate and a text search.

    Countries and thematic areas are short lists read from the cache (workshops.choices): a
    chosen value costs no query to check. Organisers and mandates run to thousands over the
    years: they are typed (ssrportal.widgets.SearchSelect), and a chosen one costs two queries
    (checking it, and its label), none when none is chosen.
    """

    q = django_filters.CharFilter(label=_("Search"))  # applied last, by filter_queryset
    status = django_filters.ChoiceFilter(
        choices=EventStatus.choices, label=pgettext_lazy("event", "Status"), empty_label=_("Any")
    )
    kind = django_filters.ChoiceFilter(
        choices=EventKind.choices, label=_("Kind"), empty_label=_("Any")
    )
    start_from = django_filters.DateFilter(
        method="starts_from", label=_("Starts on or after"), widget=DateInput
    )
    start_to = django_filters.DateFilter(
        method="starts_until", label=_("Starts on or before"), widget=DateInput
    )
    dates = django_filters.ChoiceFilter(
        choices=[("known", _("Known")), ("unknown", _("Not known yet"))],
        method="dates_given",
        label=_("Dates"),
        empty_label=_("Any"),
    )
    country = django_filters.ChoiceFilter(
        method="held_in_or_for", label=_("Country (held in or targeted)"), empty_label=_("Any")
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.select_related("parent"),
        method="organised_by",
        label=_("Organiser"),
        widget=SearchSelect("partners:organisation_search", placeholder=_("Any")),
    )
    thematic_area = django_filters.ChoiceFilter(
        method="on_thematic_area", label=_("Thematic area"), empty_label=_("Any")
    )
    mandate = django_filters.ModelChoiceFilter(
        queryset=Mandate.objects.only("title"),
        field_name="mandate",
        label=_("Mandate"),
        widget=SearchSelect("workshops:mandate_search", placeholder=_("Any")),
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["country"].extra["choices"] = choices.countries()
        self.filters["thematic_area"].extra["choices"] = choices.thematic_areas()

    def filter_queryset(self, queryset):
        """The selects first, then the search: it keeps the newest matches they leave."""
        for name, value in self.form.cleaned_data.items():
            if name != "q":
                queryset = self.filters[name].filter(queryset, value)
        text = self.form.cleaned_data.get("q", "").strip()
        return search_events(queryset, text) if text else queryset

    def starts_from(self, queryset, name, value):
        return queryset.filter(start__date__gte=value)

    def starts_until(self, queryset, name, value):
        return queryset.filter(start__date__lte=value)

    def dates_given(self, queryset, name, value):
        return queryset.filter(start__isnull=value == "unknown")

    def held_in_or_for(self, queryset, name, value):
        targeted = Event.target_countries.through.objects.filter(
            event=OuterRef("pk"), country_id=value
        )
        return queryset.filter(Q(country_id=value) | Exists(targeted))

    def organised_by(self, queryset, name, value):
        roles = EventOrganiser.objects.filter(event=OuterRef("pk"), organisation=value)
        return queryset.filter(Exists(roles))

    def on_thematic_area(self, queryset, name, value):
        tagged = Event.thematic_areas.through.objects.filter(
            event=OuterRef("pk"), thematicarea_id=value
        )
        return queryset.filter(Exists(tagged))


# --- The notices of an event (workshops:notices) --------------------------------------------------


class NoticeFilter(django_filters.FilterSet):
    """The ledger's state and kind. The view counts the rows itself (notice_counts)."""

    state = django_filters.ChoiceFilter(
        choices=NoticeState.choices, label=pgettext_lazy("notice", "State"), empty_label=_("Any")
    )
    kind = django_filters.ChoiceFilter(
        choices=NoticeKind.choices, label=_("Kind"), empty_label=_("Any")
    )

    class Meta:
        model = Notice
        fields = ["state", "kind"]


# --- The participants of an event (workshops:participants, workshops:notices) ---------------------

NOT_RECORDED = "none"  # the attendance filter's value for "no attendance recorded"


def participant_words_q(text: str) -> Q:
    """Participants with every word of ``text`` (at most five) in the person's name or e-mail,
    or in a name of the organisation they represent or of the person's own (accents and case
    ignored for organisations, as their pickers do). An empty Q for an empty text."""
    condition = Q()
    for word in text.split()[:5]:
        condition &= (
            Q(person__full_name__icontains=word)
            | Q(person__email__icontains=word)
            | search_names_q(word, "organisation__")
            | search_names_q(word, "person__organisation__")
        )
    return condition


class ParticipantSearchFilter(django_filters.FilterSet):
    """Words of the name, e-mail or organisation (the invitations table of the notices page)."""

    search = django_filters.CharFilter(method="with_words", label=_("Name, e-mail or organisation"))

    class Meta:
        model = Participant
        fields = []

    def with_words(self, queryset, name, value):
        return queryset.filter(participant_words_q(value))


class ParticipantFilter(ParticipantSearchFilter):
    """The participants page: words, answer and attendance ("not recorded" included)."""

    answer = django_filters.ChoiceFilter(
        choices=Answer.choices, label=pgettext_lazy("participant", "Answer"), empty_label=_("Any")
    )
    attendance = django_filters.ChoiceFilter(
        choices=[*Attendance.choices, (NOT_RECORDED, _("not recorded"))],
        method="with_attendance",
        label=_("Attendance"),
        empty_label=_("Any"),
    )

    def with_attendance(self, queryset, name, value):
        return queryset.filter(attendance="" if value == NOT_RECORDED else value)
