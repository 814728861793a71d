"""Events: the list and its export."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from partners.models.organisation import name_fields
from ssrportal.exports import FORMATS, export_response
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
    upcoming_q,
)
from workshops.models import (
    Event,
    EventOrganiser,
)
from workshops.permissions import ReaderRequired, can_edit_workshops

from .when import When


def organiser_acronyms(event: Event) -> list[str]:
    """Each organiser once, in the order of their roles (an organisation may also fund)."""
    names = (r.organisation.short_label for r in event.organiser_roles.all())
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

    Queries (5 whatever the rows, 6 with a search): the user; the filters' choices (one
    union); with ?q=, the search's candidates (workshops/search.py); the number of events in
    each tab (one aggregate, which also feeds the paginator); the page of events with their
    country and title in the reader's language; their organisers.
    """

    template_name = "workshops/event_list.html"
    context_object_name = "events"
    paginate_by = 25

    def base_queryset(self):
        organisers = EventOrganiser.objects.select_related("organisation").only(
            "event_id",
            "role",
            "position",
            *name_fields("organisation"),
        )
        return (
            Event.objects.with_reader_language()
            .select_related("country")
            .prefetch_related(Prefetch("organiser_roles", queryset=organisers))
        )

    def get_queryset(self):
        filtered = self.filtered()
        self.tab_counts = filtered.order_by().aggregate(
            upcoming=Count("pk", filter=upcoming_q(self.now)),
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


def export_moment(event: Event, moment) -> str:
    """A day ("2018-12-12") for an all-day event, a local time with its offset otherwise; empty
    when the record gives none."""
    if moment is None:
        return ""
    local = moment.astimezone(event.tz)
    return local.date().isoformat() if event.all_day else local.isoformat()


def export_row(event: Event) -> list:
    return [
        event.pk,
        event.title,
        event.get_kind_display(),
        event.get_status_display(),
        export_moment(event, event.start),
        "" if event.open_end else export_moment(event, event.end),
        event.time_zone,
        event.city,
        event.country.name if event.country else "",
        event.online_url,
        "; ".join(
            f"{r.organisation.acronym or r.organisation.display_name}:{r.role.name}"
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

    def base_queryset(self):
        return (
            Event.objects.with_reader_language()
            .select_related("country", "mandate")
            .prefetch_related(
                Prefetch(
                    "organiser_roles",
                    queryset=EventOrganiser.objects.select_related("organisation", "role"),
                ),
                "target_countries",
                "thematic_areas",
            )
        )

    def get(self, request):
        export_format = request.GET.get("format", "csv")
        if export_format not in FORMATS:
            return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
        return export_response(
            EXPORT_HEADERS,
            (export_row(event) for event in self.selected()),
            export_format=export_format,
            filename=f"events-{timezone.localdate():%Y-%m-%d}.{export_format}",
            title=_("Events"),
        )
