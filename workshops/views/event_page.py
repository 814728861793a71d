"""The event page, laid out like the notice of the event."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, F, IntegerField, Value
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from partners.models import Country
from ssrportal.languages import Language, current_language
from workshops.models import (
    Document,
    Event,
    EventContact,
    EventExpectedResult,
    EventObjective,
    EventOrganiser,
    MandateObjective,
    OrganiserRole,
    Participant,
    ParticipantGroup,
    ThematicArea,
)
from workshops.permissions import ReaderRequired, can_edit_workshops

from .when import When

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
    """Objectives, expected results, served mandate objectives, target countries, thematic areas
    and participant groups (name, description) of ``event``, in order: one query."""
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
        union_rows(
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
    organisation: int
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
    columns = ("row_owner", "row_role", "row_position", "row_organisation")
    columns += ("acronym", "name", "name_fr")
    organisers = (
        EventOrganiser.objects.filter(event=event)
        .order_by()
        .annotate(
            row_owner=Value(0, output_field=IntegerField()),
            row_role=F("role"),
            row_position=F("position"),
            row_organisation=F("organisation_id"),
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
            row_organisation=F("organisation_id"),
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
        involved = {row.organisation for _, rows in organisers for row in rows}
        involved |= {p.organisation_id for p in participants if p.organisation_id}
        context.update(
            involved_organisations=involved,
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
