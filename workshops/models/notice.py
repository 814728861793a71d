import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ssrportal.languages import Language

from .event import Event
from .participant import Participant


def new_message_id() -> str:
    """A Message-ID fixed when the row is recorded, so every retry of it carries the same one."""
    return f"<notice.{uuid.uuid4().hex}@{settings.NOTICE_MESSAGE_ID_DOMAIN}>"


class NoticeKind(models.TextChoices):
    INVITATION = "invitation", _("invitation")
    REMINDER = "reminder", _("reminder")
    REMINDER_UNANSWERED = "reminder_unanswered", _("reminder to answer")
    UPDATE = "update", _("update")
    CANCELLATION = "cancellation", _("cancellation")
    POSTPONEMENT = "postponement", _("postponement")
    THANK_YOU = "thank_you", _("thank-you")
    LESSON_SUBMITTED = "lesson_submitted", _("lesson submitted")
    LESSON_RETURNED = "lesson_returned", _("lesson returned")
    LESSON_VALIDATED = "lesson_validated", _("lesson validated")
    LESSON_ACTION_ASSIGNED = "lesson_action_assigned", _("lesson action assigned")
    LESSON_ACTION_OVERDUE = "lesson_action_overdue", _("lesson action overdue")


class NoticeState(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("notice state", "queued")
    SENDING = "sending", pgettext_lazy("notice state", "sending")
    RETRYING = "retrying", pgettext_lazy("notice state", "retrying")
    SENT = "sent", pgettext_lazy("notice state", "sent")
    FAILED = "failed", pgettext_lazy("notice state", "failed")
    # Not sent, and never will be: a reminder for an event since cancelled, a declined answer.
    SKIPPED = "skipped", pgettext_lazy("notice state", "not sent")


# Kinds that go to the participants of an event, and those about a lesson, to accounts.
PARTICIPANT_KINDS = [
    NoticeKind.INVITATION,
    NoticeKind.REMINDER,
    NoticeKind.REMINDER_UNANSWERED,
    NoticeKind.UPDATE,
    NoticeKind.CANCELLATION,
    NoticeKind.POSTPONEMENT,
    NoticeKind.THANK_YOU,
]
LESSON_KINDS = [kind for kind in NoticeKind if kind not in PARTICIPANT_KINDS]


class Notice(models.Model):
    """One message to one recipient: the ledger row written in the transaction of its cause.

    The recipient is a participant (no account), a user (focal points, the secretariat) or
    both; its address and language are copied at recording, so the row says what was sent to
    whom even if the directory changes later. ``about`` is the record the notice concerns when
    it is not the event itself (a lesson): a generic relation, because the lessons app sits
    above this one and must not be imported here.
    """

    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="notices", verbose_name=_("event")
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("participant"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("account"),
    )
    about_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    recipient_name = models.CharField(_("recipient"), max_length=300, blank=True)
    recipient_email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    state = models.CharField(
        pgettext_lazy("notice", "state"),
        max_length=10,
        choices=NoticeState.choices,
        default=NoticeState.QUEUED,
    )
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    # What the cause said and the message must repeat (an update's changes, a return's comment),
    # fixed when recorded: the event may change again before the row is sent.
    details = models.JSONField(_("details"), default=dict, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    message_id = models.CharField(
        _("Message-ID"), max_length=200, unique=True, editable=False, default=new_message_id
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sender's pick-up query: rows still to send, oldest first.
            models.Index(
                fields=["state", "not_before"],
                name="workshops_notice_to_send",
                condition=models.Q(state__in=["queued", "retrying"]),
            ),
            models.Index(fields=["about_type", "about_id"], name="workshops_notice_about"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_email}"


class NoticeTemplate(models.Model):
    """The secretariat's wording of one kind of notice in one language.

    Without a row, the portal's own wording (translated in the catalogs) is used. Subject and
    body are templates with the placeholders of their kind (workshops.notices.wording).
    """

    kind = models.CharField(_("kind"), max_length=30, choices=NoticeKind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("body"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notice wording")
        verbose_name_plural = _("notice wordings")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"], name="workshops_noticetemplate_unique_kind_language"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.language})"


def about_fields(record) -> dict:
    """The ``about_type`` and ``about_id`` values of a notice about ``record`` (None: none)."""
    if record is None:
        return {"about_type": None, "about_id": None}
    return {
        "about_type": ContentType.objects.get_for_model(record),
        "about_id": record.pk,
    }
