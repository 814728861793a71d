from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from partners.models import Country, Organisation
from ssrportal.languages import Language

from .dates import DATE_WINDOW_MESSAGE, FIRST_DAY, LAST_DAY
from .ordered import OrderedText, unique_position
from .vocabulary import TargetOrganisationType


class MandateStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("mandate status", "requested")
    UNSUPPORTED = "unsupported", pgettext_lazy("mandate status", "unsupported")
    ACTIVE = "active", pgettext_lazy("mandate status", "active")
    COMPLETED = "completed", pgettext_lazy("mandate status", "completed")
    CANCELLED = "cancelled", pgettext_lazy("mandate status", "cancelled")


class Mandate(models.Model):
    """A request for SSR support (seed 000). Most fields are optional: real records are partial."""

    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(
        _("language of the text"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    description = models.TextField(_("description"), blank=True)
    requesters = models.ManyToManyField(
        Organisation,
        related_name="mandates_requested",
        blank=True,
        verbose_name=_("requested by"),
        help_text=_("Who asked for the support."),
    )
    mandating_organisations = models.ManyToManyField(
        Organisation,
        related_name="mandates_given",
        blank=True,
        verbose_name=_("mandating organisations"),
    )
    beneficiaries = models.ManyToManyField(
        Organisation,
        related_name="mandates_benefiting",
        blank=True,
        verbose_name=_("beneficiaries"),
        help_text=_("Who the support is for, when the record names them."),
    )
    target_countries = models.ManyToManyField(
        Country, related_name="mandates", blank=True, verbose_name=_("target countries")
    )
    target_organisation_types = models.ManyToManyField(
        TargetOrganisationType,
        related_name="mandates",
        blank=True,
        verbose_name=_("target organisation types"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MandateStatus.choices, default=MandateStatus.REQUESTED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="workshops_mandate_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=(Q(start_date__isnull=True) | Q(start_date__range=(FIRST_DAY, LAST_DAY)))
                & (Q(end_date__isnull=True) | Q(end_date__range=(FIRST_DAY, LAST_DAY))),
                name="workshops_mandate_dates_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mandates:detail", args=[self.pk])


class MandateOutput(OrderedText):
    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("mandate")
    )
    history = HistoricalRecords()

    class Meta(OrderedText.Meta):
        verbose_name = _("output or product")
        verbose_name_plural = _("outputs and products")
        constraints = unique_position("mandate", "workshops_mandateoutput")


class MandateObjective(OrderedText):
    mandate = models.ForeignKey(
        Mandate, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("mandate")
    )
    history = HistoricalRecords()

    class Meta(OrderedText.Meta):
        verbose_name = _("outcome objective")
        verbose_name_plural = _("outcome objectives")
        constraints = unique_position("mandate", "workshops_mandateobjective")
