"""Lessons to consider when planning an event: validated lessons of past events that share its
countries, thematic areas or organisers, best matches first, each with why it matched."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from partners.models import Country, Organisation
from partners.models.organisation import name_fields
from workshops.models import Event, EventOrganiser, ThematicArea

from .models import Lesson
from .permissions import PUBLISHED_STAGES

LIMIT = 10
# Only these are scored (at ten years of data every country matches thousands of lessons): the
# lessons of the past events that share most with the plan, and the newest lessons that share
# its countries or organisations themselves.
CANDIDATE_EVENTS = 50
CANDIDATE_LESSONS = 100


@dataclass
class Plan:
    """What an event shares with past ones: its countries (held in or targeted), thematic areas
    and organisers, as ids; and the event itself, whose own lessons are not suggested."""

    countries: set[int] = field(default_factory=set)
    thematic_areas: set[int] = field(default_factory=set)
    organisers: set[int] = field(default_factory=set)
    event_id: int | None = None

    def __bool__(self) -> bool:
        return bool(self.countries or self.thematic_areas or self.organisers)

    @classmethod
    def of_event(cls, event_id: int) -> "Plan":
        """The saved event's countries, areas and organisers: one query (a union)."""

        def rows(queryset, kind, column):
            return (
                queryset.order_by()
                .annotate(row_kind=Value(kind, output_field=CharField()), row_id=F(column))
                .values_list("row_kind", "row_id")
            )

        union = rows(Event.objects.filter(pk=event_id, country__isnull=False), "c", "country_id")
        union = union.union(
            rows(
                Event.target_countries.through.objects.filter(event_id=event_id),
                "c",
                "country_id",
            ),
            rows(
                Event.thematic_areas.through.objects.filter(event_id=event_id),
                "a",
                "thematicarea_id",
            ),
            rows(EventOrganiser.objects.filter(event_id=event_id), "o", "organisation_id"),
            all=True,
        )
        plan = cls(event_id=event_id)
        for kind, pk in union:
            {"c": plan.countries, "a": plan.thematic_areas, "o": plan.organisers}[kind].add(pk)
        return plan


def _count(queryset: QuerySet, group: str) -> Coalesce:
    """How many rows of ``queryset`` (filtered on OuterRef) there are, 0 if none."""
    counted = queryset.order_by().values(group).annotate(n=Count("*")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def closest_events(plan: Plan, now) -> list[int]:
    """The past events (other than the plan's) that share most with ``plan``: its countries
    (held in or targeted), thematic areas and organisers, most shared first, then the newest.
    At most CANDIDATE_EVENTS. One query: a union of the events each kind of match finds."""
    countries, areas, organisers = plan.countries, plan.thematic_areas, plan.organisers

    def rows(queryset, event="event_id"):
        end = "end" if event == "pk" else "event__end"
        return (
            queryset.filter(**{f"{end}__lt": now})
            .exclude(**{event: plan.event_id})
            .order_by()
            .values_list(event, end)
        )

    union = rows(Event.objects.filter(country_id__in=countries), "pk").union(
        rows(Event.target_countries.through.objects.filter(country_id__in=countries)),
        rows(Event.thematic_areas.through.objects.filter(thematicarea_id__in=areas)),
        rows(EventOrganiser.objects.filter(organisation_id__in=organisers)),
        all=True,
    )
    shared, ends = Counter(), {}
    for event_id, end in union:
        shared[event_id] += 1
        ends[event_id] = end
    ranked = sorted(shared, key=lambda pk: (shared[pk], ends[pk]), reverse=True)
    return ranked[:CANDIDATE_EVENTS]


def lessons_to_consider(visible: QuerySet[Lesson], plan: Plan, *, limit: int = LIMIT) -> list:
    """The published lessons of ``visible`` from events already over that share something
    with ``plan``, best first (most shared countries, areas and organisers; then the newest
    event). Each lesson has ``matched_countries``, ``matched_areas`` and
    ``matched_organisations``: what it shares.

    Scored are the lessons of the closest past events (closest_events) and the newest
    lessons naming the plan's countries or one of its organisers as author, not every lesson
    that shares a label (thousands at ten years of data): a lesson that shares only a thematic
    area, of an event that shares nothing, is not offered.

    Queries: the closest events; the candidates (their lessons, those naming the countries,
    those by the organisers); the lessons; then one per kind of match (countries, target
    countries, areas, organisers).
    """
    if not plan:
        return []
    countries, areas, organisers = plan.countries, plan.thematic_areas, plan.organisers
    now = timezone.now()
    candidates = {
        *visible.filter(
            event_id__in=closest_events(plan, now), stage__in=PUBLISHED_STAGES
        ).values_list("pk", flat=True),
        *Lesson.countries.through.objects.filter(
            country_id__in=countries,
            lesson__stage__in=PUBLISHED_STAGES,
            lesson__event__end__lt=now,
        )
        .order_by("-lesson_id")
        .values_list("lesson_id", flat=True)[:CANDIDATE_LESSONS],
    }
    if organisers:
        candidates.update(
            Lesson.objects.filter(organisation_id__in=organisers, stage__in=PUBLISHED_STAGES)
            .order_by("-pk")
            .values_list("pk", flat=True)[:CANDIDATE_LESSONS]
        )
    lesson_countries = Lesson.countries.through.objects.filter(
        lesson_id=OuterRef("pk"), country_id__in=countries
    )
    event_countries = Event.target_countries.through.objects.filter(
        event_id=OuterRef("event_id"), country_id__in=countries
    )
    lesson_areas = Lesson.thematic_areas.through.objects.filter(
        lesson_id=OuterRef("pk"), thematicarea_id__in=areas
    )
    event_organisers = EventOrganiser.objects.filter(
        event_id=OuterRef("event_id"), organisation_id__in=organisers
    )
    score = (
        _count(lesson_countries, "lesson_id")
        + _count(event_countries, "event_id")
        + _count(lesson_areas, "lesson_id")
        + _count(event_organisers, "event_id")
        + Case(When(event__country_id__in=countries, then=1), default=0)
        + Case(When(organisation_id__in=organisers, then=1), default=0)
    )
    lessons = (
        visible.filter(stage__in=PUBLISHED_STAGES, event__end__lt=now)
        .exclude(event_id=plan.event_id)
        .filter(pk__in=candidates)
        .annotate(score=score)
        .select_related("event", "event__country", "organisation")
        .only(
            "title",
            "statement",
            "language",
            "stage",
            "organisation_id",
            "event__title",
            "event__start",
            "event__end",
            "event__language",
            "event__country__name_en",
            "event__country__name_fr",
            *name_fields("organisation"),
        )
        .order_by("-score", "-event__end", "-pk")
        .prefetch_related(
            Prefetch(
                "countries",
                queryset=Country.objects.filter(pk__in=countries),
                to_attr="shared_countries",
            ),
            Prefetch(
                "event__target_countries",
                queryset=Country.objects.filter(pk__in=countries),
                to_attr="shared_target_countries",
            ),
            Prefetch(
                "thematic_areas",
                queryset=ThematicArea.objects.filter(pk__in=areas),
                to_attr="matched_areas",
            ),
            Prefetch(
                "event__organiser_roles",
                queryset=EventOrganiser.objects.filter(organisation_id__in=organisers)
                .select_related("organisation")
                .only(
                    "event_id",
                    *name_fields("organisation"),
                ),
                to_attr="shared_organisers",
            ),
        )[:limit]
    )
    found = list(lessons)
    for lesson in found:
        named = {c.pk: c for c in [*lesson.shared_countries, *lesson.event.shared_target_countries]}
        if lesson.event.country_id in countries:
            named[lesson.event.country_id] = lesson.event.country
        lesson.matched_countries = sorted(named.values(), key=lambda c: c.name)
        organisations: dict[int, Organisation] = {
            role.organisation.pk: role.organisation for role in lesson.event.shared_organisers
        }
        if lesson.organisation_id in organisers:
            organisations[lesson.organisation_id] = lesson.organisation
        lesson.matched_organisations = list(organisations.values())
    return found
