from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from partners.models import Country, Organisation, Person
from ssrportal.languages import Language

from .event import Approximation, Event


class CountKind(models.TextChoices):
    EXPECTED = "expected", pgettext_lazy("count", "expected")
    REPORTED = "reported", pgettext_lazy("count", "reported")


class ParticipantGroup(models.Model):
    """A category of invitees as a notice lists them ("CEOs of the 8 RECs", "Donor partners")."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participant_groups", verbose_name=_("event")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    organisations = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("organisations")
    )
    countries = models.ManyToManyField(
        Country, related_name="+", blank=True, verbose_name=_("countries they come from")
    )
    count = models.PositiveIntegerField(
        _("how many"), null=True, blank=True, help_text=_("As the record gives it, if it does.")
    )
    count_approximation = models.CharField(
        _("how the number is given"), max_length=10, choices=Approximation.choices, blank=True
    )
    count_kind = models.CharField(
        _("number"), max_length=10, choices=CountKind.choices, default=CountKind.REPORTED
    )

    class Meta:
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "position"], name="workshops_participantgroup_unique_position"
            )
        ]

    def __str__(self):
        return self.name


class Answer(models.TextChoices):
    INVITED = "invited", pgettext_lazy("answer", "invited")
    CONFIRMED = "confirmed", pgettext_lazy("answer", "confirmed")
    DECLINED = "declined", pgettext_lazy("answer", "declined")


class Attendance(models.TextChoices):
    ATTENDED = "attended", _("attended")
    ABSENT = "absent", _("absent")
    EXCUSED = "excused", _("excused")


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("participant")
    SPEAKER = "speaker", _("speaker")
    MODERATOR = "moderator", _("moderator")
    RAPPORTEUR = "rapporteur", _("rapporteur")
    RESOURCE_PERSON = "resource_person", _("resource person")
    OBSERVER = "observer", _("observer")
    ORGANISER = "organiser", _("organiser")
    MEDIA = "media", _("media")


class Participant(models.Model):
    """A person invited to an event in the name of an organisation. One row per person and event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="participations", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("organisation represented"),
    )
    group = models.ForeignKey(
        ParticipantGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("group"),
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.INVITED
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )
    notice_language = models.CharField(
        _("language for notices"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["event", "person__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"],
                name="workshops_participant_unique_person",
                violation_error_message=_("This person is already a participant of this event."),
            )
        ]

    def __str__(self):
        return f"{self.person} @ {self.event}"


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("agenda")
    CONCEPT_NOTE = "concept_note", _("concept note")
    REPORT = "report", _("report")
    OTHER = "other", _("other")


def document_path(document, filename: str) -> str:
    return f"events/{document.event_id}/{filename}"


class Document(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="documents", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    file = models.FileField(_("file"), upload_to=document_path, max_length=300)
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
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["event", "kind", "title"]

    def __str__(self):
        return f"{self.title} ({self.get_kind_display()})"
