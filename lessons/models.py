from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from partners.models import Country, Organisation
from ssrportal.dates import DATE_WINDOW_MESSAGE, check_dates_in_window, dates_in_window_q
from ssrportal.languages import Language
from workshops.models import Event, ThematicArea
from workshops.models.vocabulary import Vocabulary


class Stage(models.TextChoices):
    """NATO's lessons process (DOMAIN.md), with the register's review steps."""

    DRAFT = "draft", pgettext_lazy("lesson stage", "draft")
    SUBMITTED = "submitted", pgettext_lazy("lesson stage", "submitted")
    RETURNED = "returned", pgettext_lazy("lesson stage", "returned")
    VALIDATED = "validated", pgettext_lazy("lesson stage", "validated")
    ACTION_ASSIGNED = "action_assigned", pgettext_lazy("lesson stage", "action assigned")
    IMPLEMENTED = "implemented", pgettext_lazy("lesson stage", "implemented")
    LEARNED = "learned", pgettext_lazy("lesson stage", "learned")
    REJECTED = "rejected", pgettext_lazy("lesson stage", "rejected")


class Level(models.TextChoices):
    POLITICAL = "political", _("political")
    STRATEGIC = "strategic", _("strategic")
    OPERATIONAL = "operational", _("operational")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("internal")
    PUBLIC = "public", _("public")


class LessonCategory(Vocabulary):
    """What part of the work a lesson is about, as ISSAT's learning elements sort them
    (planning and logistics, terms of reference...): reference data, lessons/data/."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("lesson category")
        verbose_name_plural = _("lesson categories")


class Lesson(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="lessons", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="lessons_submitted",
        verbose_name=_("submitting organisation"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=300)
    observation = models.TextField(_("observation"))
    statement = models.TextField(
        _("lesson"), blank=True, help_text=_("What the observation teaches.")
    )
    recommendation = models.TextField(_("recommendation"), blank=True)
    thematic_areas = models.ManyToManyField(
        ThematicArea, related_name="lessons", blank=True, verbose_name=_("thematic areas")
    )
    countries = models.ManyToManyField(
        Country, related_name="lessons", blank=True, verbose_name=_("countries")
    )
    language = models.CharField(
        _("language of the text"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    level = models.CharField(_("level"), max_length=15, choices=Level.choices, blank=True)
    category = models.ForeignKey(
        LessonCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons",
        verbose_name=_("category"),
    )
    stage = models.CharField(
        pgettext_lazy("lesson", "stage"), max_length=20, choices=Stage.choices, default=Stage.DRAFT
    )
    action_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lessons_to_act_on",
        verbose_name=_("action body"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at"]
        indexes = [
            # The register's and the admin's default order, newest first: a page of 25 reads
            # 25 rows of this index instead of sorting 100,000 lessons (102 ms at ten years).
            models.Index(F("created_at").desc(), F("id").desc(), name="lessons_lesson_newest"),
            # The home page's "lessons waiting for review", oldest first (65 ms at ten years:
            # a scan of every lesson for the 1.5 % submitted).
            models.Index(fields=["stage", "updated_at"], name="lessons_lesson_stage_updated"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage__in=["action_assigned", "implemented"])
                | (Q(action_body__isnull=False) & Q(due_date__isnull=False)),
                name="lessons_lesson_action_needs_body_and_due_date",
                violation_error_message=_(
                    "A lesson with a remedial action needs an action body and a due date."
                ),
            ),
            models.CheckConstraint(
                condition=dates_in_window_q("due_date"),
                name="lessons_lesson_due_date_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("lessons:detail", args=[self.pk])

    def clean(self):
        super().clean()
        check_dates_in_window(self, "due_date")


class ActionStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("action status", "open")
    DONE = "done", pgettext_lazy("action status", "done")
    DROPPED = "dropped", pgettext_lazy("action status", "dropped")


class FollowUpAction(models.Model):
    """One follow-up step on a lesson: who does what, by when, and what was done."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="actions", verbose_name=_("lesson")
    )
    action_body = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="follow_up_actions",
        verbose_name=_("action body"),
    )
    description = models.TextField(_("what is to be done"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    result = models.TextField(_("what was done"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # When the "action overdue" notices were recorded (lessons.services.record_overdue_notices).
    overdue_noticed_at = models.DateTimeField(
        _("overdue notice recorded"), null=True, blank=True, editable=False
    )

    # The overdue mark is the sender's bookkeeping, not an edit of the action.
    history = HistoricalRecords(excluded_fields=["overdue_noticed_at"])

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=dates_in_window_q("due_date", "done_on"),
                name="lessons_followupaction_dates_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.description[:80]

    def clean(self):
        super().clean()
        check_dates_in_window(self, "due_date", "done_on")


class StageChange(models.Model):
    """Who moved a lesson from one stage to another, when and why."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("lesson")
    )
    from_stage = models.CharField(
        pgettext_lazy("stage change", "from"), max_length=20, choices=Stage.choices
    )
    to_stage = models.CharField(
        pgettext_lazy("stage change", "to"), max_length=20, choices=Stage.choices
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=pgettext_lazy("stage change", "by"),
    )
    at = models.DateTimeField(pgettext_lazy("stage change", "at"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["lesson", "at", "pk"]

    def __str__(self):
        return f"{self.get_from_stage_display()} → {self.get_to_stage_display()}"


class Comment(models.Model):
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="comments", verbose_name=_("lesson")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["lesson", "created_at", "pk"]

    def __str__(self):
        return self.text[:80]


def attachment_path(attachment, filename: str) -> str:
    return f"lessons/{attachment.lesson_id}/{filename}"


class Attachment(models.Model):
    """A file that supports a lesson (a report extract, a photo of a flip chart as PDF...)."""

    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("lesson")
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["lesson", "uploaded_at", "pk"]

    def __str__(self):
        return self.title
