"""Mandates: the list, and the page of one mandate with the events held under it."""

from collections import defaultdict

import django_filters
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.generic import DetailView, ListView

from workshops.models import Event, Mandate, MandateStatus
from workshops.permissions import ReaderRequired, can_edit_workshops


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
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=self.filterset,
            page_query=query.urlencode(),
            can_edit=can_edit_workshops(self.request.user),
        )
        return context


class MandateDetailView(ReaderRequired, DetailView):
    """The mandate as ISSAT publishes it, then its events and the objectives each serves.

    Eight queries: the user, the mandate, its mandating organisations, target countries, target
    organisation types, outputs, objectives, and its events joined to the objectives they serve.
    """

    template_name = "workshops/mandate_detail.html"
    context_object_name = "mandate"

    def get_queryset(self):
        return Mandate.objects.prefetch_related(
            "mandating_organisations",
            "target_countries",
            "target_organisation_types",
            "outputs",
            "objectives",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objectives = list(self.object.objectives.all())
        events = self.events_with_objectives(objectives)
        context.update(
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
        """The mandate's events, each with ``objectives_served`` (a list, in objective order).

        One query: the events are joined to the objectives they serve, one row per pair, and
        gathered here, which a prefetch would make a second query.
        """
        rows = (
            Event.objects.with_reader_language()
            .filter(mandate=self.object)
            .only("title", "language", "status", "start", "end", "time_zone")
            .annotate(served_objective_id=F("served_objectives"))
            .order_by("start", "pk")
        )
        events, served = {}, defaultdict(set)
        for row in rows:
            events.setdefault(row.pk, row)
            served[row.pk].add(row.served_objective_id)
        for event in events.values():
            event.objectives_served = [o for o in objectives if o.pk in served[event.pk]]
        return list(events.values())
