"""The register: the lessons a user may see, filtered and searched, and their export."""

from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from lessons.filters import LessonFilter
from lessons.models import Lesson
from lessons.permissions import can_submit_lessons, visible_lessons
from lessons.search import safe_headline
from partners.models.organisation import name_fields
from ssrportal.access import Public
from ssrportal.exports import FORMATS, export_response


class FilteredLessons:
    """The lessons the query string selects among those the user may see."""

    def filtered(self, queryset):
        """``queryset`` (the visible lessons, loaded as the page needs) filtered and searched."""
        self.filterset = LessonFilter(self.request.GET, queryset=queryset, user=self.request.user)
        return self.filterset.qs


class LessonListView(Public, FilteredLessons, ListView):
    """The register, for anyone: each reader sees the lessons visible_lessons() gives them.

    Queries (3 whatever the rows): the user; the count; the page of lessons with event and
    organisation. Each event, mandate or organisation chosen in the filters adds one (it is
    validated, and labelled from the same row); a search on PostgreSQL adds one, the ids of
    its candidates, which the count and the page then read by id.
    """

    template_name = "lessons/lesson_list.html"
    context_object_name = "lessons"
    paginate_by = 25

    def get_queryset(self):
        return self.filtered(
            visible_lessons(self.request.user)
            .select_related("event", "organisation")
            .only(
                "title",
                "statement",
                "observation",
                "stage",
                "level",
                "language",
                "visibility",
                "created_at",
                "event__title",
                "event__start",
                "event__language",
                *name_fields("organisation"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        searching = bool(self.filterset.form.is_valid() and self.filterset.form.cleaned_data["q"])
        if searching:
            for lesson in context["lessons"]:
                lesson.headline = safe_headline(lesson)
        params = self.request.GET.copy()
        params.pop("page", None)
        page = context["page_obj"]
        context.update(
            filter=self.filterset,
            # The first, last and nearby pages only: the page does not grow with the register.
            page_links=page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            searching=searching,
            query=params.urlencode(),
            filtering=self.filterset.form.is_valid()
            and any(self.filterset.form.cleaned_data.values()),
            can_submit=can_submit_lessons(self.request.user),
        )
        return context


EXPORT_HEADERS = [
    gettext_lazy("id"),
    gettext_lazy("title"),
    gettext_lazy("event"),
    gettext_lazy("event start"),
    gettext_lazy("submitted by"),
    gettext_lazy("stage"),
    gettext_lazy("level"),
    gettext_lazy("language"),
    gettext_lazy("visibility"),
    gettext_lazy("observation"),
    gettext_lazy("lesson"),
    gettext_lazy("recommendation"),
    gettext_lazy("thematic areas"),
    gettext_lazy("countries"),
    gettext_lazy("action body"),
    gettext_lazy("due date"),
    gettext_lazy("recorded"),
    # Added after the others, so that a column keeps its letter in sheets made before.
    gettext_lazy("category"),
]


def export_row(lesson: Lesson) -> list:
    return [
        lesson.pk,
        lesson.title,
        lesson.event.title,
        lesson.event.start.date().isoformat() if lesson.event.start else "",
        lesson.organisation.acronym or lesson.organisation.name,
        lesson.get_stage_display(),
        lesson.get_level_display(),
        lesson.language,
        lesson.get_visibility_display(),
        lesson.observation,
        lesson.statement,
        lesson.recommendation,
        "; ".join(str(area) for area in lesson.thematic_areas.all()),
        "; ".join(country.name for country in lesson.countries.all()),
        lesson.action_body.acronym or lesson.action_body.name if lesson.action_body else "",
        lesson.due_date.isoformat() if lesson.due_date else "",
        timezone.localtime(lesson.created_at).date().isoformat(),
        str(lesson.category) if lesson.category else "",
    ]


class LessonExportView(Public, FilteredLessons, View):
    """The register as filtered (and searched), as CSV (UTF-8 with BOM) or XLSX.

    Queries (4 whatever the rows): the user; the lessons with event, organisation, action body
    and category; their thematic areas; their countries. Each event, mandate or organisation
    chosen in the filters adds one, and a search on PostgreSQL one.
    """

    def get(self, request):
        export_format = request.GET.get("format", "csv")
        if export_format not in FORMATS:
            return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
        lessons = self.filtered(
            visible_lessons(request.user)
            .select_related("event", "organisation", "action_body", "category")
            .prefetch_related("thematic_areas", "countries")
        )
        return export_response(
            EXPORT_HEADERS,
            (export_row(lesson) for lesson in lessons),
            export_format=export_format,
            filename=f"lessons-{timezone.localdate():%Y-%m-%d}.{export_format}",
            title=_("Lessons identified"),
        )
