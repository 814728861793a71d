"""Mandates: the list, and the page of one mandate with its history and the events held under it."""

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass

import django_filters
from django.db.models import Count, F, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import DetailView, ListView

from partners.models import Organisation
from workshops.models import Event, Mandate, MandateStatus
from workshops.permissions import ReaderRequired, can_edit_workshops

from .when import event_dates, mandate_window, outside_mandate_window

# The earlier versions a mandate's page shows, found among its latest saved versions (a save
# that changed only the status or the organisations leaves the dates and texts as they were).
EARLIER_VERSIONS_SHOWN = 5
VERSIONS_READ = 50


def window(record) -> str:
    """A mandate's (or a version's) dates, "1–17 December 2016"; "" when it gives none."""
    if record.start_date is None and record.end_date is None:
        return ""
    return mandate_window(record)


class MandateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("mandate", "Status"),
        choices=MandateStatus.choices,
        empty_label=_("Any status"),
    )

    class Meta:
        model = Mandate
        fields = ["q", "status"]

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(Q(title__icontains=word) | Q(description__icontains=word))
        return queryset


class MandateListView(ReaderRequired, ListView):
    """Mandates, newest first, with their mandating organisations and number of events.

    Four queries: the user, the count, the page, the page's mandating organisations.
    """

    template_name = "workshops/mandate_list.html"
    context_object_name = "mandates"
    paginate_by = 25

    def get_queryset(self):
        mandates = (
            Mandate.objects.only("title", "language", "start_date", "end_date", "status")
            .annotate(event_count=Count("events"))
            .prefetch_related("mandating_organisations")
            .order_by(F("start_date").desc(nulls_last=True), "title", "pk")
        )
        self.filterset = MandateFilter(self.request.GET, queryset=mandates)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for mandate in context["mandates"]:
            mandate.dates = window(mandate)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset,
            page_query=query.urlencode(),
            can_edit=can_edit_workshops(self.request.user),
        )
        return context


@dataclass(frozen=True)
class EarlierVersion:
    """A mandate as it read before an edit: its dates, and its title and description where
    they differ from today's ("" where they do not)."""

    dates: str
    title: str
    description: str
    changed_at: dt.datetime


def earlier_versions(mandate: Mandate) -> list[EarlierVersion]:
    """The mandate's earlier dates and texts, newest first, each with when it was changed.

    One query over its latest VERSIONS_READ saved versions; at most EARLIER_VERSIONS_SHOWN,
    and only those whose dates, title or description differ from the version after them.
    """
    fields = ("title", "description", "start_date", "end_date")
    records = list(
        mandate.history.only("history_date", *fields).order_by("-history_date", "-history_id")[
            :VERSIONS_READ
        ]
    )
    versions = []
    for newer, older in itertools.pairwise(records):
        if all(getattr(older, name) == getattr(newer, name) for name in fields):
            continue
        versions.append(
            EarlierVersion(
                dates=window(older),
                title=older.title if older.title != mandate.title else "",
                description=older.description if older.description != mandate.description else "",
                changed_at=newer.history_date,
            )
        )
        if len(versions) == EARLIER_VERSIONS_SHOWN:
            break
    return versions


class MandateDetailView(ReaderRequired, DetailView):
    """The mandate as ISSAT publishes it, its sources and earlier versions, then its events and
    the objectives each serves.

    Twelve queries: the user, the mandate, its requesters, mandating organisations and
    beneficiaries (each with its parent), target countries, target organisation types, outputs,
    objectives, sources, its earlier versions, and its events joined to the objectives they
    serve.
    """

    template_name = "workshops/mandate_detail.html"
    context_object_name = "mandate"

    def get_queryset(self):
        organisations = Organisation.objects.select_related("parent")
        return Mandate.objects.prefetch_related(
            Prefetch("requesters", queryset=organisations),
            Prefetch("mandating_organisations", queryset=organisations),
            Prefetch("beneficiaries", queryset=organisations),
            "target_countries",
            "target_organisation_types",
            "outputs",
            "objectives",
            "sources",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objectives = list(self.object.objectives.all())
        events = self.events_with_objectives(objectives)
        context.update(
            dates=window(self.object),
            sources=self.object.sources.all(),
            earlier_versions=earlier_versions(self.object),
            objectives=objectives,
            events=events,
            objective_rows=[
                (objective, [event for event in events if objective in event.objectives_served])
                for objective in objectives
            ],
            can_edit=can_edit_workshops(self.request.user),
        )
        return context

    def events_with_objectives(self, objectives: list) -> list[Event]:
        """The mandate's events, each with ``objectives_served`` (a list, in objective order),
        ``dates`` (its days in its own zone, or "date not known yet") and ``outside_window``
        (the mandate's dates when the event's fall outside them, else ""), dated ones first.

        One query: the events are joined to the objectives they serve, one row per pair, and
        gathered here, which a prefetch would make a second query.
        """
        rows = (
            Event.objects.with_reader_language()
            .filter(mandate=self.object)
            .only("title", "language", "status", "start", "end", "all_day", "open_end", "time_zone")
            .annotate(served_objective_id=F("served_objectives"))
            .order_by(F("start").asc(nulls_last=True), "pk")
        )
        events, served = {}, defaultdict(set)
        for row in rows:
            events.setdefault(row.pk, row)
            served[row.pk].add(row.served_objective_id)
        for event in events.values():
            event.mandate = self.object
            event.objectives_served = [o for o in objectives if o.pk in served[event.pk]]
            event.dates = event_dates(event)
            event.outside_window = outside_mandate_window(event)
        return list(events.values())
