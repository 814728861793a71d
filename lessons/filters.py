"""The register's filters and search, shared by the list and its export."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from partners.forms import OrganisationChoiceField
from partners.models import Organisation
from partners.search import labelled
from ssrportal.access import signed_in
from ssrportal.languages import Language
from ssrportal.widgets import SearchSelect
from workshops import choices
from workshops.filters import DateInput
from workshops.models import Event, Mandate
from workshops.permissions import can_read_workshops

from .choices import categories
from .models import Lesson, Level, Stage
from .permissions import visible_lessons
from .search import search_lessons

FIRST_YEAR = 2000


def year_choices() -> list[tuple[str, str]]:
    """Years of events, newest first, from this year on to the first the register covers."""
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]


def event_label(event: Event) -> str:
    """ "2016-12-01 – Regional workshop on SSR...", in the reader's language where translated."""
    if event.start is None:
        return event.display_title[:120]
    return f"{event.start:%Y-%m-%d} – {event.display_title}"[:120]


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, event):
        return event_label(event)


class MandateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, mandate):
        return mandate.title


class EventFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class MandateFilter(django_filters.ModelChoiceFilter):
    field_class = MandateChoiceField


class OrganisationFilter(django_filters.ModelChoiceFilter):
    field_class = OrganisationChoiceField


class ChosenSelect(SearchSelect):
    """The chosen row alone, no search: for a reader the search endpoints do not serve (a
    signed-out visitor). It shows the filter a link chose, which "Any" clears."""

    def get_context(self, name, value, attrs):
        return forms.Select.get_context(self, name, value, attrs)


# name: (search endpoint, who may use it)
SEARCHED = {
    "event": ("workshops:event_search", can_read_workshops),
    "mandate": ("workshops:mandate_search", can_read_workshops),
    "organisation": ("partners:organisation_search", signed_in),
}


class LessonFilter(django_filters.FilterSet):
    """Event, mandate, organisation, country, thematic area, category, stage, level, year,
    language; search.

    Events, mandates and organisations are chosen by typing (ssrportal.widgets.SearchSelect):
    the page holds the chosen one only, whatever the number of rows, and a chosen one costs one
    query (validating it, which reads its label too). A reader who may read events, mandates and
    the directory may choose any (a mandate without lessons then shows none); anyone else only
    those of the lessons they may see, and, as the search endpoints do not serve them, only
    through a link (the field then shows only when chosen). The other selects take plain ids
    (ChoiceFilter) from the reference-data cache (workshops.choices): a chosen value costs no
    query to check. With a search, the results come best match first; else the newest first.
    """

    q = django_filters.CharFilter(label=_("Search"))  # applied last, by filter_queryset
    event = EventFilter(
        field_name="event", label=_("Event"), queryset=Event.objects.none(), empty_label=_("Any")
    )
    mandate = MandateFilter(
        field_name="event__mandate",
        label=_("Mandate"),
        queryset=Mandate.objects.none(),
        empty_label=_("Any"),
    )
    organisation = OrganisationFilter(
        field_name="organisation",
        label=_("Submitted by"),
        queryset=Organisation.objects.none(),
        empty_label=_("Any"),
    )
    country = django_filters.ChoiceFilter(
        method="on_country", label=_("Country"), empty_label=_("Any")
    )
    thematic_area = django_filters.ChoiceFilter(
        method="on_thematic_area", label=_("Thematic area"), empty_label=_("Any")
    )
    category = django_filters.ChoiceFilter(
        field_name="category_id",
        label=_("Category"),
        empty_label=_("Any"),
        null_label=_("No category"),
    )
    stage = django_filters.ChoiceFilter(
        choices=Stage.choices, label=pgettext_lazy("lesson", "Stage"), empty_label=_("Any")
    )
    level = django_filters.ChoiceFilter(
        choices=Level.choices, label=_("Level"), empty_label=_("Any")
    )
    year = django_filters.ChoiceFilter(
        field_name="event__start__year", label=_("Year of the event"), empty_label=_("Any")
    )
    language = django_filters.ChoiceFilter(
        choices=Language.choices, label=_("Language of the text"), empty_label=_("Any")
    )
    created_from = django_filters.DateFilter(
        field_name="created_at__date",
        lookup_expr="gte",
        label=_("Recorded on or after"),
        widget=DateInput,
    )

    class Meta:
        model = Lesson
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["event"].queryset = self.events(user)
        self.filters["mandate"].queryset = self.mandates(user)
        self.filters["organisation"].queryset = self.organisations(user)
        for name, (search_url, may_search) in SEARCHED.items():
            if may_search(user):
                self.filters[name].extra["widget"] = SearchSelect(search_url)
            elif self.data.get(name):
                self.filters[name].extra["widget"] = ChosenSelect(search_url="")
            else:
                del self.filters[name]
        self.filters["country"].extra["choices"] = choices.countries()
        self.filters["thematic_area"].extra["choices"] = choices.thematic_areas()
        self.filters["category"].extra["choices"] = categories()
        self.filters["year"].extra["choices"] = year_choices()

    @staticmethod
    def events(user) -> QuerySet:
        events = Event.objects.with_reader_language().only("title", "start", "language")
        if can_read_workshops(user):
            return events
        return events.filter(Exists(visible_lessons(user).filter(event=OuterRef("pk"))))

    @staticmethod
    def mandates(user) -> QuerySet:
        mandates = Mandate.objects.only("title")
        if can_read_workshops(user):
            return mandates
        lessons = visible_lessons(user).filter(event__mandate=OuterRef("pk"))
        return mandates.filter(Exists(lessons))

    @staticmethod
    def organisations(user) -> QuerySet:
        if signed_in(user):
            return labelled()
        lessons = visible_lessons(user).filter(organisation=OuterRef("pk"))
        return labelled(Organisation.objects.filter(Exists(lessons)))

    def filter_queryset(self, queryset):
        """The selects first, then the search: it ranks only the lessons they leave."""
        for name in SEARCHED:
            # Validation read the chosen row: its label comes from it, not from a second query.
            if name in self.form.fields:
                field = self.form.fields[name]
                chosen = self.form.cleaned_data.get(name)
                field.widget.labels = (
                    {str(chosen.pk): field.label_from_instance(chosen)} if chosen else {}
                )
        for name, value in self.form.cleaned_data.items():
            if name != "q":
                queryset = self.filters[name].filter(queryset, value)
        text = self.form.cleaned_data.get("q", "").strip()
        if text:
            return search_lessons(queryset, text)
        return queryset.order_by("-created_at", "-pk")

    def on_country(self, queryset, name, value):
        """The lesson names the country, or its event was held in or targeted it."""
        tagged = Lesson.countries.through.objects.filter(lesson=OuterRef("pk"), country_id=value)
        targeted = Event.target_countries.through.objects.filter(
            event=OuterRef("event_id"), country_id=value
        )
        return queryset.filter(Exists(tagged) | Exists(targeted) | Q(event__country_id=value))

    def on_thematic_area(self, queryset, name, value):
        tagged = Lesson.thematic_areas.through.objects.filter(
            lesson=OuterRef("pk"), thematicarea_id=value
        )
        return queryset.filter(Exists(tagged))
