"""The register's filters and search, shared by the list and its export."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ssrportal.languages import Language
from workshops import choices
from workshops.filters import DateInput
from workshops.models import Event

from .choices import categories
from .models import Lesson, Level, Stage
from .search import search_lessons

FIRST_YEAR = 2000


def year_choices() -> list[tuple[str, str]]:
    """Years of events, newest first, from this year on to the first the register covers."""
    this_year = timezone.localdate().year
    return [(str(year), str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)]


class LessonFilter(django_filters.FilterSet):
    """Event, mandate, organisation, country, thematic area, category, stage, level, year,
    language; search.

    The selects take plain ids (ChoiceFilter): their choices come from the reference-data
    cache (workshops.choices) or, for events, one query; a chosen value costs no query to check.
    With a search, the results come best match first; else the newest first.
    """

    q = django_filters.CharFilter(label=_("Search"))  # applied last, by filter_queryset
    event = django_filters.ChoiceFilter(
        field_name="event_id", label=_("Event"), empty_label=_("Any")
    )
    mandate = django_filters.ChoiceFilter(
        field_name="event__mandate_id", label=_("Mandate"), empty_label=_("Any")
    )
    organisation = django_filters.ChoiceFilter(
        field_name="organisation_id", label=_("Submitted by"), empty_label=_("Any")
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

    def __init__(self, *args, event_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["event"].extra["choices"] = list(event_choices)
        self.filters["mandate"].extra["choices"] = choices.mandates()
        self.filters["organisation"].extra["choices"] = choices.organisations()
        self.filters["country"].extra["choices"] = choices.countries()
        self.filters["thematic_area"].extra["choices"] = choices.thematic_areas()
        self.filters["category"].extra["choices"] = categories()
        self.filters["year"].extra["choices"] = year_choices()

    def filter_queryset(self, queryset):
        """The selects first, then the search: it ranks only the lessons they leave."""
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
