"""A lesson's page: its text, labels, attachments, thread (moves and comments) and the moves
the reader may make; and the one-shot actions on it (move, comment, download an attachment)."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, F, IntegerField, Value
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from lessons import services
from lessons.forms import CommentForm, MoveForm
from lessons.models import Attachment, Comment, Lesson, Stage, StageChange
from lessons.permissions import (
    can_comment_on_lesson,
    can_edit_lesson,
    can_review_lessons,
    visible_lessons,
)
from partners.models import Country
from ssrportal.access import predicate_required, public, signed_in
from workshops.models import Notice, ThematicArea
from workshops.permissions import can_read_workshops
from workshops.views.documents import stored_file_response
from workshops.views.event_page import Item, union_rows

# What each move's button says, and what its form asks.
MOVES = {
    Stage.SUBMITTED: {"button": gettext_lazy("Submit for review"), "fields": ("comment",)},
    Stage.RETURNED: {"button": gettext_lazy("Return to the author"), "fields": ("comment",)},
    Stage.VALIDATED: {"button": gettext_lazy("Validate"), "fields": ("comment",)},
    Stage.REJECTED: {"button": gettext_lazy("Reject"), "fields": ("comment",)},
    Stage.ACTION_ASSIGNED: {
        "button": gettext_lazy("Assign an action"),
        "fields": ("action_body", "due_date", "comment"),
    },
    Stage.IMPLEMENTED: {
        "button": gettext_lazy("Record as implemented"),
        "fields": ("done", "comment"),
    },
    Stage.LEARNED: {"button": gettext_lazy("Close as learned"), "fields": ("comment",)},
}


@dataclass(frozen=True)
class ThreadItem:
    """A move or a comment on the lesson's thread, in the order they happened."""

    kind: str  # "move" or "comment"
    at: object
    by: str
    text: str
    from_stage: str = ""
    to_stage: str = ""

    @property
    def from_label(self) -> str:
        return Stage(self.from_stage).label if self.from_stage else ""

    @property
    def to_label(self) -> str:
        return Stage(self.to_stage).label if self.to_stage else ""


def thread(lesson: Lesson) -> list[ThreadItem]:
    """The lesson's moves and comments, oldest first: one query (a union)."""
    columns = ("row_kind", "row_at", "row_first", "row_last", "row_user", "row_text")
    moves = (
        StageChange.objects.filter(lesson=lesson)
        .order_by()
        .annotate(
            row_kind=Value("move", output_field=CharField()),
            row_at=F("at"),
            row_first=F("by__first_name"),
            row_last=F("by__last_name"),
            row_user=F("by__username"),
            row_text=F("comment"),
            row_from=F("from_stage"),
            row_to=F("to_stage"),
        )
        .values_list(*columns, "row_from", "row_to")
    )
    comments = (
        Comment.objects.filter(lesson=lesson)
        .order_by()
        .annotate(
            row_kind=Value("comment", output_field=CharField()),
            row_at=F("created_at"),
            row_first=F("author__first_name"),
            row_last=F("author__last_name"),
            row_user=F("author__username"),
            row_text=F("text"),
            row_from=Value("", output_field=CharField()),
            row_to=Value("", output_field=CharField()),
        )
        .values_list(*columns, "row_from", "row_to")
    )
    items = [
        ThreadItem(
            kind=kind,
            at=at,
            by=f"{first} {last}".strip() or username or _("someone no longer registered"),
            text=text,
            from_stage=from_stage,
            to_stage=to_stage,
        )
        for kind, at, first, last, username, text, from_stage, to_stage in moves.union(
            comments, all=True
        )
    ]
    return sorted(items, key=lambda item: (item.at, item.kind != "move"))


def labels(lesson: Lesson) -> dict[str, list[Item]]:
    """The lesson's thematic areas and countries, in the reader's language: one query."""
    zero = Value(0, output_field=IntegerField())
    names = {"text": F("name_en"), "other": F("name_fr")}
    union = union_rows(ThematicArea.objects.filter(lessons=lesson), "areas", zero, **names).union(
        union_rows(Country.objects.filter(lessons=lesson), "countries", zero, **names), all=True
    )
    found = {"areas": [], "countries": []}
    for kind, key, position, text, other in union:
        found[kind].append(Item(key, position, text, other))
    for items in found.values():
        items.sort(key=lambda item: item.label)
    return found


def lesson_type() -> ContentType:
    """Lesson's content type (Django caches it after the first read)."""
    return ContentType.objects.get_for_model(Lesson)


def lesson_page(request, lesson: Lesson, *, move_form=None, comment_form=None, status=200):
    """The lesson's page; a refused move or an empty comment shows it again with the errors.

    Queries (at most 8): the user; the lesson with event, organisation, author, action body
    and category; its thematic areas and countries (one union); its thread (one union); attachments;
    follow-up actions with their action body; notices (the secretariat only).
    """
    user = request.user
    moves = services.allowed_moves(lesson, user)
    reviewer = can_review_lessons(user)
    context = {
        "lesson": lesson,
        "labels": labels(lesson),
        "thread": thread(lesson),
        "attachments": list(lesson.attachments.only("lesson_id", "title", "uploaded_at")),
        "actions": list(lesson.actions.select_related("action_body")),
        "notices": (
            list(
                Notice.objects.filter(about_id=lesson.pk, about_type=lesson_type()).only(
                    "kind", "recipient_name", "recipient_email", "state", "created_at"
                )
            )
            if reviewer
            else None
        ),
        "moves": [
            {
                "stage": stage,
                "button": MOVES[stage]["button"],
                "form": (
                    move_form
                    if move_form is not None and move_form.stage == stage
                    else MoveForm(stage=stage, fields=MOVES[stage]["fields"])
                ),
            }
            for stage in moves
        ],
        # A refused move whose form the page no longer offers (someone moved the lesson
        # meanwhile) still says why, above the lesson.
        "refused": (
            [str(error) for error in move_form.non_field_errors()]
            if move_form is not None and move_form.stage not in moves
            else []
        ),
        "comment_form": comment_form or CommentForm(),
        "can_edit": can_edit_lesson(user, lesson),
        "can_comment": can_comment_on_lesson(user, lesson),
        "can_read_event": can_read_workshops(user),
        "reviewer": reviewer,
        "today": timezone.localdate(),
    }
    # The action body's picker (ssrportal.widgets.SearchSelect) brings its script.
    context["move_media"] = sum((move["form"].media for move in context["moves"]), forms.Media())
    return TemplateResponse(request, "lessons/lesson_detail.html", context, status=status)


def _visible_lesson(request, pk) -> Lesson:
    """Scope first, then fetch: a lesson the user may not know of is a 404."""
    return get_object_or_404(
        visible_lessons(request.user).select_related(
            "event", "organisation", "author", "action_body", "category"
        ),
        pk=pk,
    )


@public
@require_GET
def lesson_detail(request, pk):
    """Anyone may open a lesson they may see (visible_lessons): others get 404."""
    return lesson_page(request, _visible_lesson(request, pk))


@predicate_required(signed_in)
@require_POST
def lesson_move(request, pk):
    """Make one of the moves the page offers; services.move_lesson decides who may make it.

    A refused move shows the page again with the reason next to the field: 409 for a move
    that no longer exists from the lesson's stage (someone moved it meanwhile), 403 for one
    that is not the user's to make, 200 with the errors for missing data, 400 for a request
    that names no stage.
    """
    lesson = _visible_lesson(request, pk)
    stage = request.POST.get("to_stage", "")
    if stage not in MOVES:
        messages.error(request, _("Choose one of the moves the page offers."))
        return lesson_page(request, lesson, status=400)
    form = MoveForm(request.POST, stage=stage, fields=MOVES[stage]["fields"])
    if not form.is_valid():
        return lesson_page(request, lesson, move_form=form)
    data = form.cleaned_data
    try:
        services.move_lesson(
            lesson=lesson,
            to_stage=stage,
            by=request.user,
            comment=data.get("comment", ""),
            action_body=data.get("action_body"),
            due_date=data.get("due_date"),
            done=data.get("done", ""),
        )
    except services.MoveRefused as refused:
        code = getattr(refused, "code", None)
        if hasattr(refused, "error_dict"):
            for field, errors in refused.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, refused)
        status = {"stage": 409, "role": 403}.get(code, 200)
        return lesson_page(request, lesson, move_form=form, status=status)
    messages.success(
        request,
        _("The lesson is now “%(stage)s”.") % {"stage": Stage(stage).label},
    )
    return redirect("lessons:detail", pk=lesson.pk)


@predicate_required(signed_in)
@require_POST
def lesson_comment(request, pk):
    """Add to the thread: the lesson's organisation's focal points and the secretariat
    (can_comment_on_lesson); other readers of the lesson get 403."""
    lesson = _visible_lesson(request, pk)
    form = CommentForm(request.POST)
    if not can_comment_on_lesson(request.user, lesson):
        form.add_error(None, _("You may not comment on this lesson."))
        return lesson_page(request, lesson, comment_form=form, status=403)
    if not form.is_valid():
        return lesson_page(request, lesson, comment_form=form)
    try:
        services.add_comment(lesson=lesson, by=request.user, text=form.cleaned_data["text"])
    except ValidationError as error:
        form.add_error("text" if hasattr(error, "error_dict") else None, error)
        return lesson_page(request, lesson, comment_form=form)
    messages.success(request, _("Comment added."))
    return redirect("lessons:detail", pk=lesson.pk)


@public
@require_GET
def attachment_download(request, pk, attachment_pk):
    """An attachment of a lesson the user may see; else 404. Queries: the user, the lesson,
    the attachment."""
    lesson = _visible_lesson(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, lesson=lesson)
    return stored_file_response(attachment.file, _("The file of this attachment is missing."))
