from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ssrportal.dates import DATE_WINDOW_MESSAGE, check_dates_in_window, dates_in_window_q
from ssrportal.languages import pick_translation


class DatePrecision(models.TextChoices):
    """How much of a stored date the sources know.

    An imprecise date is stored as the first day of its month or year (a withdrawal "in 1997" is
    1997-01-01 with precision YEAR), so date queries still work and pages can show only what is
    known.
    """

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def format_partial_date(value, precision: str) -> str:
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return str(value.year)
    if precision == DatePrecision.MONTH:
        return date_format(value, "YEAR_MONTH_FORMAT")
    return date_format(value, "DATE_FORMAT")


class AURegion(models.TextChoices):
    NORTHERN = "northern", _("Northern Africa")
    WESTERN = "western", _("Western Africa")
    CENTRAL = "central", _("Central Africa")
    EASTERN = "eastern", _("Eastern Africa")
    SOUTHERN = "southern", _("Southern Africa")


class CountryQuerySet(models.QuerySet):
    def au_members(self):
        return self.filter(au_member=True)

    def suspended_on(self, day):
        return self.filter(AUSuspension.in_force_on_q(day, prefix="au_suspensions__")).distinct()


class Country(models.Model):
    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    iso_numeric = models.CharField(_("ISO 3166 numeric"), max_length=3, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    name_pt = models.CharField(_("name in Portuguese"), max_length=100, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=100, blank=True)
    au_member = models.BooleanField(_("AU Member State"), default=False)
    au_region = models.CharField(
        _("AU region"), max_length=10, choices=AURegion.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="partners_country_iso2_format"
            ),
            models.CheckConstraint(
                condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="partners_country_iso3_format"
            ),
            models.CheckConstraint(
                condition=Q(iso_numeric__regex=r"^[0-9]{3}$"),
                name="partners_country_iso_numeric_format",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self, "name")

    def is_suspended_on(self, day) -> bool:
        return self.au_suspensions.filter(AUSuspension.in_force_on_q(day)).exists()


class AUSuspension(models.Model):
    """A period during which the AU Peace and Security Council suspended a Member State."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="au_suspensions", verbose_name=_("country")
    )
    suspended_on = models.DateField(_("suspended on"))
    lifted_on = models.DateField(
        _("lifted on"),
        null=True,
        blank=True,
        help_text=_("Empty while the suspension is in force."),
    )
    lifted_precision = models.CharField(
        _("precision of the lifting date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    decision = models.CharField(_("decision"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    sources = models.CharField(_("sources"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("AU suspension")
        verbose_name_plural = _("AU suspensions")
        ordering = ["country__name_en", "suspended_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "suspended_on"], name="partners_aususpension_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(lifted_on__isnull=True) | Q(lifted_on__gte=F("suspended_on")),
                name="partners_aususpension_lifted_after_suspended",
            ),
            models.CheckConstraint(
                condition=dates_in_window_q("suspended_on", "lifted_on"),
                name="partners_aususpension_dates_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
        ]

    def __str__(self):
        return f"{self.country} ({self.period_display})"

    def clean(self):
        super().clean()
        check_dates_in_window(self, "suspended_on", "lifted_on")

    @property
    def period_display(self) -> str:
        start = format_partial_date(self.suspended_on, DatePrecision.DAY)
        end = format_partial_date(self.lifted_on, self.lifted_precision)
        return f"{start} – {end}" if end else f"{start} –"

    @staticmethod
    def in_force_on_q(day, prefix: str = "") -> Q:
        return Q(**{f"{prefix}suspended_on__lte": day}) & (
            Q(**{f"{prefix}lifted_on__isnull": True}) | Q(**{f"{prefix}lifted_on__gt": day})
        )
