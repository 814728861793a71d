from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ssrportal.languages import current_language

from .country import Country, DatePrecision, format_partial_date


class OrganisationKind(models.TextChoices):
    """DOMAIN.md's organisation kinds; labels are translated in the locale catalogs."""

    AU_COMMISSION = "au_commission", _("AU Commission")
    AUC_DEPARTMENT = "auc_department", _("AUC department")
    AU_ORGAN = "au_organ", _("other AU organ")
    REC = "rec", _("Regional Economic Community (REC)")
    RM = "rm", _("Regional Mechanism (RM)")
    UN_ENTITY = "un_entity", _("UN entity")
    EU_INSTITUTION = "eu_institution", _("EU institution")
    INTERGOVERNMENTAL = "intergovernmental", _("other intergovernmental organisation")
    DEVELOPMENT_BANK = "development_bank", _("development bank")
    BILATERAL = "bilateral", _("bilateral partner")
    NATIONAL_INSTITUTION = "national_institution", _("national institution")
    CIVIL_SOCIETY = "civil_society", _("civil society organisation")
    RESEARCH_TRAINING = "research_training", _("research or training institution")
    PRIVATE = "private", _("private company")


REGIONAL_KINDS = (OrganisationKind.REC, OrganisationKind.RM)


class OrganisationQuerySet(models.QuerySet):
    def regional(self):
        """The RECs and RMs, the organisations countries are members of."""
        return self.filter(kind__in=REGIONAL_KINDS)


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=300)
    name_fr = models.CharField(_("name in French"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("For example, the AUC for one of its departments."),
    )
    headquarters = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("headquarters country"),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    note = models.TextField(_("note"), blank=True, help_text=_("Sources and open questions."))
    member_states = models.ManyToManyField(
        Country, through="Membership", related_name="memberships_in", blank=True
    )

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("acronym"),
                condition=~Q(acronym=""),
                name="partners_organisation_unique_acronym",
                violation_error_message=_("An organisation with this acronym already exists."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="partners_organisation_not_own_parent"
            ),
        ]

    def __str__(self):
        return f"{self.acronym} – {self.display_name}" if self.acronym else self.display_name

    @property
    def display_name(self) -> str:
        if current_language() == "fr" and self.name_fr:
            return self.name_fr
        return self.name

    def members_on(self, day):
        """The countries that were members on ``day``."""
        return Country.objects.filter(
            Membership.on_q(day, prefix="memberships__"), memberships__organisation=self
        )


class MembershipQuerySet(models.QuerySet):
    def on(self, day):
        return self.filter(Membership.on_q(day))


class Membership(models.Model):
    """A period during which a country was a member of a REC or RM.

    Periods run from ``joined_on`` (included) to ``left_on`` (excluded). An empty ``joined_on``
    means the sources give no date, and the membership counts from the start of records.
    Periods of one country in one organisation never overlap: an exclusion constraint on
    PostgreSQL (migration 0002), ``clean()`` everywhere.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("REC or RM"),
        limit_choices_to={"kind__in": REGIONAL_KINDS},
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("country")
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    joined_precision = models.CharField(
        _("precision of the joining date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_precision = models.CharField(
        _("precision of the leaving date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    note = models.TextField(_("note"), blank=True)
    sources = models.CharField(_("sources"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__acronym", "country__name_en", "joined_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gt=F("joined_on")),
                name="partners_membership_left_after_joined",
                violation_error_message=_("The leaving date must come after the joining date."),
            ),
        ]

    def __str__(self):
        return _("%(country)s in %(organisation)s") % {
            "country": self.country,
            "organisation": self.organisation.acronym or self.organisation.name,
        }

    @property
    def period_display(self) -> str:
        start = format_partial_date(self.joined_on, self.joined_precision) or "…"
        end = format_partial_date(self.left_on, self.left_precision)
        return f"{start} – {end}" if end else f"{start} –"

    @property
    def is_current(self) -> bool:
        return self.left_on is None

    @staticmethod
    def on_q(day, prefix: str = "") -> Q:
        return (
            Q(**{f"{prefix}joined_on__isnull": True}) | Q(**{f"{prefix}joined_on__lte": day})
        ) & (Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": day}))

    def overlaps(self, other: "Membership") -> bool:
        """Whether the two periods share a day (same country and organisation assumed)."""
        self_ends_after_other_starts = (
            self.left_on is None or other.joined_on is None or other.joined_on < self.left_on
        )
        other_ends_after_self_starts = (
            other.left_on is None or self.joined_on is None or self.joined_on < other.left_on
        )
        return self_ends_after_other_starts and other_ends_after_self_starts

    def overlapping(self):
        """Other periods of the same country in the same organisation that overlap this one."""
        others = Membership.objects.filter(
            organisation_id=self.organisation_id, country_id=self.country_id
        ).exclude(pk=self.pk)
        if self.left_on is not None:
            others = others.filter(Q(joined_on__isnull=True) | Q(joined_on__lt=self.left_on))
        if self.joined_on is not None:
            others = others.filter(Q(left_on__isnull=True) | Q(left_on__gt=self.joined_on))
        return others

    def clean(self):
        super().clean()
        if self.organisation_id and self.country_id and self.overlapping().exists():
            raise ValidationError(
                _(
                    "%(country)s already has a membership of %(organisation)s in this period: "
                    "periods of one country in one organisation must not overlap."
                ),
                code="overlap",
                params={"country": self.country, "organisation": self.organisation},
            )
