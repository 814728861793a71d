"""The event list's filters, search, tabs and sorting, shared by the list and its export; the
filters of an event's notices."""

import unicodedata
from collections import defaultdict

import django_filters
from django import forms
from django.db.models import (
    Case,
    CharField,
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

from partners.models import Country, Organisation
from partners.models.organisation import REGIONAL_KINDS
from ssrportal.languages import current_language
from workshops.models import (
    Event,
    EventKind,
    EventOrganiser,
    EventStatus,
    Mandate,
    Notice,
    NoticeKind,
    NoticeState,
    ThematicArea,
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


def _sort_key(label: str) -> str:
    """Accents aside, so that "Égypte" sorts with the E's."""
    return unicodedata.normalize("NFKD", label.casefold()).encode("ascii", "ignore").decode()


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The choices of the country, organisation, thematic area and mandate selects: one query.

    Countries: AU Member States and any country an event is held in or targets. Organisations:
    the RECs and RMs and any organisation that organises an event. Labels follow the reader's
    language; choices are sorted by label.
    """

    def rows(queryset, kind, label, label_fr=None, acronym=None):
        empty = Value("", output_field=CharField())
        return (
            queryset.order_by()
            .annotate(
                choice_kind=Value(kind, output_field=CharField()),
                choice_id=F("pk"),
                choice_label=label,
                choice_label_fr=empty if label_fr is None else label_fr,
                choice_acronym=empty if acronym is None else acronym,
            )
            .values_list(
                "choice_kind", "choice_id", "choice_label", "choice_label_fr", "choice_acronym"
            )
        )

    countries = Country.objects.filter(
        Q(au_member=True)
        | Exists(Event.objects.filter(country=OuterRef("pk")))
        | Exists(Event.target_countries.through.objects.filter(country=OuterRef("pk")))
    )
    organisations = Organisation.objects.filter(
        Q(kind__in=REGIONAL_KINDS)
        | Exists(EventOrganiser.objects.filter(organisation=OuterRef("pk")))
    )
    union = rows(countries, "country", F("name_en"), F("name_fr")).union(
        rows(organisations, "organisation", F("name"), F("name_fr"), F("acronym")),
        rows(ThematicArea.objects.all(), "thematic_area", F("name_en"), F("name_fr")),
        rows(Mandate.objects.all(), "mandate", F("title")),
        all=True,
    )
    french = current_language() == "fr"
    choices = defaultdict(list)
    for kind, pk, label, label_fr, acronym in union:
        label = (label_fr if french and label_fr else label) or ""
        if acronym:
            label = f"{acronym} – {label}"
        choices[kind].append((str(pk), label))
    return {kind: sorted(items, key=lambda c: _sort_key(c[1])) for kind, items in choices.items()}


class DateInput(forms.DateInput):
    """The browser's date picker, which reads and sends ISO dates whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class EventFilter(django_filters.FilterSet):
    """Status, kind, start dates, country, organiser, thematic area, mandate and a text search.

    The selects take plain ids (ChoiceFilter), so a chosen value costs no query to check.
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
    organisation = django_filters.ChoiceFilter(
        method="organised_by", label=_("Organiser"), empty_label=_("Any")
    )
    thematic_area = django_filters.ChoiceFilter(
        method="on_thematic_area", label=_("Thematic area"), empty_label=_("Any")
    )
    mandate = django_filters.ChoiceFilter(
        field_name="mandate_id", label=_("Mandate"), empty_label=_("Any")
    )

    class Meta:
        model = Event
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = filter_choices()
        for name in ("country", "organisation", "thematic_area", "mandate"):
            self.filters[name].extra["choices"] = choices.get(name, [])

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
        roles = EventOrganiser.objects.filter(event=OuterRef("pk"), organisation_id=value)
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
