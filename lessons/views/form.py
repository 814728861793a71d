"""Write a lesson, and revise it while it is a draft or returned: save, or save and submit."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import View
from django.views.generic.base import TemplateResponseMixin

from lessons import services
from lessons.forms import SUBMIT, LessonForm
from lessons.models import Lesson
from lessons.permissions import (
    can_edit_lesson,
    can_review_lessons,
    can_submit_lessons,
    events_for_lessons,
    visible_lessons,
)
from ssrportal.access import requires
from ssrportal.ids import row_id
from workshops.forms.ordered import with_related_ids


class LessonFormView(requires(can_submit_lessons), TemplateResponseMixin, View):
    """/lessons/new/ and /lessons/<id>/edit/: the lesson's text, labels and attachments.

    A new lesson is for an event the user's organisation organised or took part in (all
    events for the secretariat); ?event= picks it. Editing: scope first (another
    organisation's draft is 404), then can_edit_lesson (a lesson one may see but not change,
    403). "Save and submit" saves and submits in one transaction; if the submission is
    refused nothing is saved and the form shows why.
    """

    template_name = "lessons/lesson_form.html"

    def get_lesson(self) -> Lesson:
        if "pk" not in self.kwargs:
            return Lesson(organisation_id=self.request.user.organisation_id)
        lesson = get_object_or_404(
            with_related_ids(
                visible_lessons(self.request.user).select_related("event"),
                "thematic_areas",
                "countries",
            ),
            pk=self.kwargs["pk"],
        )
        if not can_edit_lesson(self.request.user, lesson):
            raise PermissionDenied
        return lesson

    def get_form(self, lesson: Lesson, data=None, files=None) -> LessonForm:
        user = self.request.user
        initial = {}
        if lesson._state.adding:
            event = self.request.GET.get("event", "")
            initial = {"event": event} if row_id(event) is not None else {}
            initial["language"] = self.request.LANGUAGE_CODE[:2]
            initial["organisation"] = user.organisation_id
        return LessonForm(
            data,
            files,
            instance=lesson,
            initial=initial,
            events=events_for_lessons(user)
            .with_reader_language()
            .only("title", "start", "language")
            .order_by("-start"),
            may_choose_organisation=can_review_lessons(user),
        )

    def get(self, request, *args, **kwargs):
        lesson = self.get_lesson()
        return self.show(self.get_form(lesson), lesson)

    def post(self, request, *args, **kwargs):
        lesson = self.get_lesson()
        form = self.get_form(lesson, request.POST, request.FILES)
        if not form.is_valid():
            return self.show(form, lesson)
        if lesson._state.adding and not can_review_lessons(request.user):
            lesson.organisation_id = request.user.organisation_id
        submit = request.POST.get("action") == SUBMIT
        adding = lesson._state.adding
        try:
            services.save_lesson(
                lesson=lesson,
                values=form.values(),
                **form.labels(),
                new_attachments=form.new_attachments(),
                removed_attachments=form.cleaned_data.get("remove_attachments") or (),
                submit=submit,
                by=request.user,
            )
        except services.MoveRefused as refused:
            form.add_error(None, refused)
            if adding:  # rolled back: the form is still for a new lesson
                lesson.pk, lesson._state.adding = None, True
            return self.show(form, lesson)
        if submit:
            messages.success(request, _("Lesson submitted: the secretariat will review it."))
        else:
            messages.success(request, _("Lesson saved as a draft."))
        return redirect("lessons:detail", pk=lesson.pk)

    def show(self, form: LessonForm, lesson: Lesson):
        return self.render_to_response({"form": form, "lesson": lesson})
