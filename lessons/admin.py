from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lessons.search import search_lessons
from workshops.admin import VocabularyAdmin

from .models import Attachment, Comment, FollowUpAction, Lesson, LessonCategory, StageChange


@admin.register(LessonCategory)
class LessonCategoryAdmin(VocabularyAdmin):
    pass


class FollowUpActionInline(admin.StackedInline):
    model = FollowUpAction
    fields = (("action_body", "due_date"), "description", ("status", "done_on"), "result")
    autocomplete_fields = ("action_body",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("action_body")


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("title", "file", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class StageChangeInline(admin.TabularInline):
    """The stage log, written by the lessons workflow: nobody edits it by hand."""

    model = StageChange
    fields = ("at", "from_stage", "to_stage", "by", "comment")
    readonly_fields = fields
    can_delete = False
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CommentInline(admin.TabularInline):
    model = Comment
    fields = ("text", "author", "created_at")
    readonly_fields = ("author", "created_at")
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(Lesson)
class LessonAdmin(SimpleHistoryAdmin):
    """At ten years of data (100,000 lessons) the changelist stays fast: the search is the
    register's (the full-text index, the newest 1,000 matches), no count of every lesson, and
    filters whose choices are few (an organisation is found by searching its acronym; a date
    hierarchy would read the dates of every match on each page)."""

    list_display = ("title", "event", "organisation", "category", "stage", "visibility", "due_date")
    list_select_related = ("event", "organisation", "category")
    list_filter = (
        "stage",
        "visibility",
        "level",
        "category",
        "language",
        "thematic_areas",
        "created_at",
        "due_date",
    )
    list_per_page = 50
    show_full_result_count = False
    search_fields = ("title",)  # shows the search box; get_search_results does the search
    search_help_text = _(
        "Words of the title or text, in any language and form: the newest 1,000 matches."
    )
    autocomplete_fields = (
        "event",
        "organisation",
        "author",
        "thematic_areas",
        "countries",
        "action_body",
    )

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        found = search_lessons(Lesson.objects.all(), search_term).order_by().values("pk")
        return queryset.filter(pk__in=found), False

    # The stage moves through the lessons workflow, which records each move in the stage log.
    readonly_fields = ("stage", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("title", "event", "organisation", "author", "language", "level")}),
        (_("Lesson"), {"fields": ("observation", "statement", "recommendation")}),
        (_("Scope"), {"fields": ("category", "thematic_areas", "countries")}),
        (_("Follow-up"), {"fields": ("stage", "visibility", "action_body", "due_date")}),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )
    inlines = (FollowUpActionInline, AttachmentInline, StageChangeInline, CommentInline)

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Comment:
            for comment_form in formset.forms:
                if comment_form.instance.pk is None:
                    comment_form.instance.author = request.user
        super().save_formset(request, form, formset, change)


@admin.register(FollowUpAction)
class FollowUpActionAdmin(SimpleHistoryAdmin):
    list_display = ("description_start", "lesson", "action_body", "due_date", "status")
    list_select_related = ("lesson", "action_body")
    list_filter = ("status", ("action_body", admin.RelatedOnlyFieldListFilter), "due_date")
    date_hierarchy = "due_date"
    search_fields = ("description", "result", "lesson__title", "action_body__acronym")
    autocomplete_fields = ("lesson", "action_body")

    @admin.display(description=_("what is to be done"), ordering="description")
    def description_start(self, action):
        return str(action)


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    """Read-only: the lessons workflow writes the stage log, the admin only shows it."""

    list_display = ("lesson", "from_stage", "to_stage", "by", "at")
    list_select_related = ("lesson", "by")
    list_filter = ("to_stage", "from_stage")
    date_hierarchy = "at"
    search_fields = ("lesson__title", "comment", "by__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("text_start", "lesson", "author", "created_at")
    list_select_related = ("lesson", "author")
    date_hierarchy = "created_at"
    search_fields = ("text", "lesson__title", "author__username")
    autocomplete_fields = ("lesson",)
    fields = ("lesson", "text", "author", "created_at")
    readonly_fields = ("author", "created_at")

    @admin.display(description=_("comment"), ordering="text")
    def text_start(self, comment):
        return str(comment)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ("title", "lesson", "uploaded_by", "uploaded_at")
    list_select_related = ("lesson", "uploaded_by")
    search_fields = ("title", "lesson__title")
    autocomplete_fields = ("lesson",)
    fields = ("lesson", "title", "file", "uploaded_by", "uploaded_at")
    readonly_fields = ("uploaded_by", "uploaded_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
