"""The event page, laid out like the notice of the event."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import groupby

from django.db.models import CharField, Count, F, IntegerField, Prefetch, Q, Value, Window
from django.db.models.functions import RowNumber
from django.views.generic import DetailView

from partners.models import Country, Organisation
from ssrportal.languages import Language, current_language
from workshops.models import (
    INCOMING_LINK_LABELS,
    Document,
    Event,
    EventContact,
    EventExpectedResult,
    EventLink,
    EventObjective,
    EventOrganiser,
    MandateObjective,
    OrganiserRole,
    Participant,
    ParticipantGroup,
    Source,
    ThematicArea,
)
from workshops.permissions import ReaderRequired, can_edit_workshops

from .when import When, event_dates, outside_mandate_window

# --- The event page -------------------------------------------------------------------------------


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


def union_rows(queryset, name: str, position=None, text=None, other=None):
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
    """Objectives, expected results, served mandate objectives, target countries and thematic
    areas of ``event``, in order: one query."""
    zero = Value(0, output_field=IntegerField())
    union = union_rows(EventObjective.objects.filter(event=event), "objectives").union(
        union_rows(EventExpectedResult.objects.filter(event=event), "results"),
        union_rows(MandateObjective.objects.filter(events=event), "served"),
        union_rows(
            Country.objects.filter(events_targeting=event),
            "countries",
            zero,
            F("name_en"),
            F("name_fr"),
        ),
        union_rows(
            ThematicArea.objects.filter(events=event),
            "areas",
            text=F("name_en"),
            other=F("name_fr"),
        ),
        all=True,
    )
    lists = defaultdict(list)
    for name, key, position, text, other in union:
        lists[name].append(Item(key, position, text, other))
    for name, items in lists.items():
        items.sort(key=(lambda i: i.label) if name == "countries" else (lambda i: i.position))
    return lists


def organisers_by_role(event: Event) -> list[tuple[OrganiserRole, list[EventOrganiser]]]:
    """The organisations named with a role, grouped by role in the roles' order: one query."""
    rows = (
        EventOrganiser.objects.filter(event=event)
        .select_related("organisation__parent", "role", "represented_by")
        .order_by("role__position", "position", "pk")
    )
    return [(role, list(group)) for role, group in groupby(rows, key=lambda row: row.role)]


def event_links(event: Event) -> list[dict]:
    """The events linked to ``event``, either way, each with what the link says from here:
    "follows up: …", "followed up by: …". One query."""
    links = (
        EventLink.objects.filter(Q(from_event=event) | Q(to_event=event))
        .select_related("from_event", "to_event")
        .only(
            "kind",
            "from_event_id",
            "to_event_id",
            *(f"{side}__{name}" for side in ("from_event", "to_event") for name in LINKED_FIELDS),
        )
        .order_by("position", "pk")
    )
    described = []
    for link in links:
        if link.from_event_id == event.pk:
            label, other = link.get_kind_display(), link.to_event
        else:
            label, other = INCOMING_LINK_LABELS[link.kind], link.from_event
        described.append({"label": label, "event": other, "dates": event_dates(other)})
    return described


LINKED_FIELDS = ("title", "language", "start", "end", "all_day", "open_end", "time_zone")


class EventDetailView(ReaderRequired, DetailView):
    """The event page, laid out as a notice: what, who, when, where, why, objectives, expected
    results, participants by group, contacts, documents, sources and linked events; then the
    mandate and the labels.

    Queries (14 whatever the participants, groups, organisers or documents, and one more for
    the lessons panel's template tag): the user (the session is cached); the event with its
    country, mandate, framework and title in the reader's language; objectives, expected
    results, served mandate objectives, target countries and thematic areas (one union);
    organisers with their roles; participant groups, the organisations and the countries each
    names (three); how many participants each group has; the first 20 of each group by name,
    with person and organisations; the organisations participants represent; contacts;
    documents; sources; linked events. A group of 1,500 shows 20 names and "and 1,480 more".
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
        organisers = organisers_by_role(event)
        shown, counts = shown_participants(event)
        participant_count = sum(counts.values())
        groups = [
            {
                "group": group,
                "anchor": f"group-{group.pk}",
                **self.describe_group(group.name, group.description),
                # In the order of the labels the reader sees (CEDEAO to a French reader).
                "organisations": sorted(
                    group.organisations.all(), key=lambda o: o.short_label.casefold()
                ),
                "countries": sorted(group.countries.all(), key=lambda c: c.name.casefold()),
                "participants": shown.pop(group.pk, []),
                "more": counts.pop(group.pk, 0) - SHOWN_PER_GROUP,
            }
            for group in participant_groups(event)
        ]
        # Participants whose group is gone (or was never set) are still invited.
        others = [p for group_participants in shown.values() for p in group_participants]
        others_more = sum(counts.values()) - len(others)
        translated_title = event.display_title != event.title
        involved = {row.organisation_id for _, rows in organisers for row in rows}
        involved |= participants_organisations(event)
        involved |= {o.pk for g in groups for o in g["group"].organisations.all()}
        context.update(
            involved_organisations=involved,
            when=When.of(event),
            outside_mandate=outside_mandate_window(event),
            organisers=organisers,
            objectives=lists["objectives"],
            expected_results=lists["results"],
            served_objectives=lists["served"],
            target_countries=lists["countries"],
            thematic_areas=lists["areas"],
            groups=groups,
            other_participants=others,
            others_more=others_more,
            participant_count=participant_count,
            contacts=list(
                EventContact.objects.filter(event=event).select_related(
                    "person", "person__organisation"
                )
            ),
            documents=list(
                Document.objects.filter(event=event).only("event_id", "title", "kind", "language")
            ),
            sources=list(Source.objects.filter(event=event)),
            links=event_links(event),
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


def participant_groups(event: Event) -> list[ParticipantGroup]:
    """The event's participant groups in order, with the organisations and countries each
    names (the view sorts them by the labels the reader sees): three queries."""
    return list(
        ParticipantGroup.objects.filter(event=event).prefetch_related(
            Prefetch("organisations", queryset=Organisation.objects.select_related("parent")),
            "countries",
        )
    )


SHOWN_PER_GROUP = 20  # the page names the first 20 of a group; the participants page has all


def shown_participants(event: Event) -> tuple[dict, Counter]:
    """The first SHOWN_PER_GROUP participants of each group by name ({group id or None:
    participants}) and how many each group has: two queries, whatever the number."""
    counts = Counter(
        dict(
            Participant.objects.filter(event=event)
            .order_by()
            .values("group_id")
            .annotate(n=Count("pk"))
            .values_list("group_id", "n")
        )
    )
    first = (
        Participant.objects.filter(event=event)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("group_id")],
                order_by=[F("person__full_name").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=SHOWN_PER_GROUP)
        .select_related("person", "organisation", "person__organisation")
        .order_by("rank")
    )
    shown = defaultdict(list)
    for participant in first:
        shown[participant.group_id].append(participant)
    return shown, counts


def participants_organisations(event: Event) -> set[int]:
    """The organisations the event's participants represent: one query."""
    return set(
        Participant.objects.filter(event=event, organisation__isnull=False)
        .order_by()
        .values_list("organisation_id", flat=True)
        .distinct()
    )
