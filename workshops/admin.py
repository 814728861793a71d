from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from partners.admin import URL_FIELD_HTTPS
from partners.models import Person

from .forms.notices import AdminWordingForm
from .models import (
    Document,
    Event,
    EventContact,
    EventExpectedResult,
    EventLink,
    EventObjective,
    EventOrganiser,
    EventTranslation,
    Mandate,
    MandateObjective,
    MandateOutput,
    Notice,
    NoticeTemplate,
    OrganiserRole,
    Participant,
    ParticipantGroup,
    Source,
    TargetOrganisationType,
    ThematicArea,
)
from .models.event import EventFormat
from .search import search_events

# Vocabularies


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ("name_en", "name_fr", "code", "position")
    search_fields = ("code", "name_en", "name_fr", "name_pt", "name_ar")


@admin.register(ThematicArea)
class ThematicAreaAdmin(VocabularyAdmin):
    pass


@admin.register(TargetOrganisationType)
class TargetOrganisationTypeAdmin(VocabularyAdmin):
    search_fields = (*VocabularyAdmin.search_fields, "description_en", "description_fr")


@admin.register(OrganiserRole)
class OrganiserRoleAdmin(VocabularyAdmin):
    list_display = (*VocabularyAdmin.list_display, "heading_en", "heading_fr")
    search_fields = (*VocabularyAdmin.search_fields, "heading_en", "heading_fr")


# Sources, of an event or of a mandate


class SourceInline(admin.TabularInline):
    model = Source
    formfield_overrides = URL_FIELD_HTTPS
    fields = ("position", "url", "reference", "headline", "published_on", "dateline", "language")
    ordering = ("position", "pk")
    extra = 0


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("__str__", "published_on", "dateline", "language", "event", "mandate")
    list_select_related = ("event", "mandate")
    list_filter = ("language",)
    date_hierarchy = "published_on"
    formfield_overrides = URL_FIELD_HTTPS
    search_fields = ("headline", "reference", "url", "dateline", "event__title", "mandate__title")
    autocomplete_fields = ("event", "mandate")
    fields = (
        "event",
        "mandate",
        "url",
        "reference",
        "headline",
        "published_on",
        "dateline",
        "language",
        "position",
    )


# Mandates


class MandateOutputInline(admin.TabularInline):
    model = MandateOutput
    fields = ("position", "text")
    ordering = ("position",)
    extra = 0


class MandateObjectiveInline(admin.TabularInline):
    model = MandateObjective
    fields = ("position", "text")
    ordering = ("position",)
    extra = 0


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ("title", "mandating", "status", "start_date", "end_date", "language")
    list_filter = ("status", "language", "start_date")
    date_hierarchy = "start_date"
    search_fields = ("title", "description", "mandating_organisations__acronym")
    autocomplete_fields = (
        "mandating_organisations",
        "target_countries",
        "target_organisation_types",
    )
    fieldsets = (
        (None, {"fields": ("title", "language", "description", "status")}),
        (_("Dates"), {"fields": ("start_date", "end_date")}),
        (
            _("Who asks, for whom"),
            {
                "fields": (
                    "mandating_organisations",
                    "target_countries",
                    "target_organisation_types",
                )
            },
        ),
    )
    inlines = (MandateOutputInline, MandateObjectiveInline, SourceInline)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("mandating_organisations")

    @admin.display(description=_("mandating organisations"))
    def mandating(self, mandate):
        return ", ".join(org.acronym or org.name for org in mandate.mandating_organisations.all())


class MandateItemAdmin(SimpleHistoryAdmin):
    list_display = ("mandate", "position", "text")
    list_display_links = ("text",)
    list_select_related = ("mandate",)
    search_fields = ("text", "mandate__title")
    autocomplete_fields = ("mandate",)
    ordering = ("mandate", "position")


@admin.register(MandateOutput)
class MandateOutputAdmin(MandateItemAdmin):
    pass


@admin.register(MandateObjective)
class MandateObjectiveAdmin(MandateItemAdmin):
    pass


# Events


class PersonChoiceMixin:
    """A person's label names their organisation: load it with the person, not once a row."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("person", "represented_by"):
            kwargs.setdefault("queryset", Person.objects.select_related("organisation"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EventTranslationInline(admin.TabularInline):
    model = EventTranslation
    fields = ("language", "title", "summary")
    extra = 0


class EventOrganiserInline(PersonChoiceMixin, admin.TabularInline):
    model = EventOrganiser
    # The role is a select: a short reference list (OrganiserRole), not a directory.
    fields = ("organisation", "role", "represented_by", "capacity", "position")
    autocomplete_fields = ("organisation", "represented_by")
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organisation", "role", "represented_by__organisation")
        )


class EventLinkInline(admin.TabularInline):
    """The links this event makes ("follows up", "is the same event as"); the links other events
    make to it are edited on theirs, and both pages of the portal show them."""

    model = EventLink
    fk_name = "from_event"
    fields = ("kind", "to_event", "position")
    autocomplete_fields = ("to_event",)
    ordering = ("position", "pk")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("to_event")


class EventObjectiveInline(admin.TabularInline):
    model = EventObjective
    fields = ("position", "text")
    ordering = ("position",)
    extra = 0


class EventExpectedResultInline(admin.TabularInline):
    model = EventExpectedResult
    fields = ("position", "text")
    ordering = ("position",)
    extra = 0


class EventContactInline(PersonChoiceMixin, admin.TabularInline):
    model = EventContact
    fields = ("person", "purpose", "position")
    autocomplete_fields = ("person",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person__organisation")


class ParticipantGroupInline(admin.StackedInline):
    model = ParticipantGroup
    fields = (
        "position",
        "name",
        "description",
        "organisations",
        "countries",
        ("count", "count_approximation", "count_kind"),
    )
    autocomplete_fields = ("organisations", "countries")
    ordering = ("position",)
    extra = 0


class DocumentInline(admin.TabularInline):
    model = Document
    fields = ("kind", "title", "language", "file", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class ParticipantInline(PersonChoiceMixin, admin.TabularInline):
    model = Participant
    fields = ("person", "organisation", "group", "role", "answer", "attendance")
    autocomplete_fields = ("person", "organisation")
    extra = 0

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("event", "person__organisation", "organisation", "group")
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A participant's group is one of this event's groups.
        formset.form.base_fields["group"].queryset = ParticipantGroup.objects.filter(event=obj)
        return formset


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    """At ten years of data (10,000 events) the changelist stays fast: the search is the event
    list's (titles in every language and organisers, through the full-text index), no count of
    every event, and no date hierarchy (it would read the dates of every match on each page)."""

    list_display = ("title", "kind", "local_start", "status", "where", "organiser_list")
    list_filter = (
        "kind",
        "status",
        "format",
        "language",
        ("country", admin.RelatedOnlyFieldListFilter),
        "start",
    )
    list_select_related = ("country",)
    list_per_page = 50
    show_full_result_count = False
    formfield_overrides = URL_FIELD_HTTPS
    search_fields = ("title",)  # shows the search box; get_search_results does the search
    search_help_text = _("Words of the title (in any language) or an organiser's name.")

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.filter(pk__in=search_events(Event.objects.all(), search_term)), False

    autocomplete_fields = (
        "mandate",
        "served_objectives",
        "framework",
        "country",
        "target_countries",
        "thematic_areas",
    )
    fieldsets = (
        (None, {"fields": ("title", "language", "kind", "status")}),
        (_("Under"), {"fields": ("mandate", "served_objectives", "framework")}),
        (_("When"), {"fields": ("start", "end", "all_day", "open_end", "time_zone")}),
        (
            _("Where"),
            {"fields": ("format", "venue", "city", "country", "online_url", "working_languages")},
        ),
        (_("About"), {"fields": ("target_countries", "thematic_areas", "summary", "background")}),
        (
            _("Participants reported"),
            {
                "fields": (
                    ("reported_participants", "reported_participants_approximation"),
                    ("reported_women", "reported_women_approximation"),
                )
            },
        ),
        (_("After the event"), {"fields": ("outcome",)}),
    )
    inlines = (
        EventTranslationInline,
        EventOrganiserInline,
        EventObjectiveInline,
        EventExpectedResultInline,
        EventContactInline,
        ParticipantGroupInline,
        DocumentInline,
        ParticipantInline,
        EventLinkInline,
        SourceInline,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "organiser_roles",
                    queryset=EventOrganiser.objects.select_related("organisation"),
                )
            )
        )

    @admin.display(description=_("start (event's time zone)"), ordering="start")
    def local_start(self, event):
        if event.start is None:
            return _("Date not known yet")
        start = timezone.localtime(event.start, event.tz)
        if event.all_day:
            # A whole day: its 00:00 is storage, not a time the record gives.
            return f"{date_format(start.date(), 'DATE_FORMAT')} ({event.time_zone})"
        return f"{date_format(start, 'DATETIME_FORMAT')} ({event.time_zone})"

    @admin.display(description=_("where"))
    def where(self, event):
        place = ", ".join(part for part in (event.city, str(event.country or "")) if part)
        if event.format == EventFormat.IN_PERSON:
            return place
        if place:
            return f"{place} / {event.get_format_display()}"
        return event.get_format_display()

    @admin.display(description=_("organisers"))
    def organiser_list(self, event):
        names = (
            role.organisation.acronym or role.organisation.name
            for role in event.organiser_roles.all()
        )
        return ", ".join(dict.fromkeys(names))  # once each, whatever its roles

    def save_formset(self, request, form, formset, change):
        if formset.model is Document:
            for document_form in formset.forms:
                if document_form.instance.pk is None:
                    document_form.instance.uploaded_by = request.user
        super().save_formset(request, form, formset, change)


class EventPartAdmin(admin.ModelAdmin):
    """The rows that are edited inline on the event, listed on their own to search across events."""

    list_select_related = ("event",)
    autocomplete_fields = ("event",)


@admin.register(EventTranslation)
class EventTranslationAdmin(EventPartAdmin):
    list_display = ("title", "language", "event")
    list_filter = ("language",)
    search_fields = ("title", "summary", "event__title")


@admin.register(EventOrganiser)
class EventOrganiserAdmin(PersonChoiceMixin, EventPartAdmin):
    list_display = ("organisation", "role", "represented_by", "event")
    list_select_related = ("event", "organisation", "role", "represented_by__organisation")
    list_filter = ("role",)
    search_fields = (
        "organisation__acronym",
        "organisation__name",
        "represented_by__full_name",
        "capacity",
        "event__title",
    )
    autocomplete_fields = ("event", "organisation", "represented_by")
    fields = ("event", "organisation", "role", "represented_by", "capacity", "position")


@admin.register(EventLink)
class EventLinkAdmin(admin.ModelAdmin):
    list_display = ("from_event", "kind", "to_event")
    list_select_related = ("from_event", "to_event")
    list_filter = ("kind",)
    search_fields = ("from_event__title", "to_event__title")
    autocomplete_fields = ("from_event", "to_event")
    fields = ("from_event", "kind", "to_event", "position")


@admin.register(EventObjective)
class EventObjectiveAdmin(EventPartAdmin):
    list_display = ("event", "position", "text")
    list_display_links = ("text",)
    search_fields = ("text", "event__title")
    ordering = ("event", "position")


@admin.register(EventExpectedResult)
class EventExpectedResultAdmin(EventPartAdmin):
    list_display = ("event", "position", "text")
    list_display_links = ("text",)
    search_fields = ("text", "event__title")
    ordering = ("event", "position")


@admin.register(EventContact)
class EventContactAdmin(PersonChoiceMixin, EventPartAdmin):
    list_display = ("person", "purpose", "event")
    list_select_related = ("event", "person__organisation")
    search_fields = ("person__full_name", "person__email", "purpose", "event__title")
    autocomplete_fields = ("event", "person")


@admin.register(ParticipantGroup)
class ParticipantGroupAdmin(EventPartAdmin):
    list_display = ("name", "event", "position")
    search_fields = ("name", "description", "event__title")
    autocomplete_fields = ("event", "organisations")


@admin.register(Document)
class DocumentAdmin(EventPartAdmin):
    list_display = ("title", "kind", "language", "event", "uploaded_by", "uploaded_at")
    list_select_related = ("event", "uploaded_by")
    list_filter = ("kind", "language")
    date_hierarchy = "uploaded_at"
    search_fields = ("title", "event__title")
    fields = ("event", "kind", "title", "language", "file", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Participant)
class ParticipantAdmin(PersonChoiceMixin, SimpleHistoryAdmin):
    list_display = ("person", "event", "organisation", "role", "answer", "attendance")
    list_select_related = ("person__organisation", "event", "organisation")
    list_filter = ("answer", "attendance", "role", "notice_language")
    date_hierarchy = "event__start"
    search_fields = (
        "person__full_name",
        "person__email",
        "event__title",
        "organisation__acronym",
        "organisation__name",
    )
    autocomplete_fields = ("event", "person", "organisation", "group")
    fields = (
        "event",
        "person",
        "organisation",
        "group",
        "role",
        ("answer", "answered_at"),
        "attendance",
        "notice_language",
    )


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """The ledger of notices: read to follow what was sent; rows are written by the services
    that cause them, so nobody adds or edits one here."""

    list_display = (
        "kind",
        "recipient_email",
        "language",
        "state",
        "attempts",
        "event",
        "created_at",
    )
    list_select_related = ("event",)
    list_filter = ("state", "kind", "language")
    date_hierarchy = "created_at"
    search_fields = ("recipient_email", "recipient_name", "event__title", "message_id")
    readonly_fields = [field.name for field in Notice._meta.fields if field.name != "id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(SimpleHistoryAdmin):
    """The secretariat's wordings, checked like on the portal's wording page."""

    form = AdminWordingForm
    list_display = ("kind", "language", "subject", "updated_by", "updated_at")
    list_select_related = ("updated_by",)
    list_filter = ("kind", "language")
    search_fields = ("subject", "body")
    readonly_fields = ("updated_by", "updated_at")

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
