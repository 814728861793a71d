from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ssrportal.dates import DATE_WINDOW_MESSAGE, check_dates_in_window, dates_in_window_q
from ssrportal.languages import Language, pick
from ssrportal.text import plain

from .country import Country, DatePrecision, format_partial_date

# The columns an organisation's label reads in any language (display_name, display_acronym):
# what a query that loads organisations with .only() must list, or each label costs a query.
NAME_FIELDS = ("acronym", "acronym_fr", "acronym_pt", "name", "name_fr", "name_pt")


def name_fields(prefix: str) -> list[str]:
    """NAME_FIELDS through a relation: name_fields("organisation") for .only()."""
    return [f"{prefix}__{name}" for name in NAME_FIELDS]


class OrganisationKind(models.TextChoices):
    """DOMAIN.md's organisation kinds; labels are translated in the locale catalogs."""

    AFRICAN_UNION = "african_union", _("African Union")
    AU_COMMISSION = "au_commission", _("AU Commission")
    AUC_DEPARTMENT = "auc_department", _("AUC department")
    AU_ORGAN = "au_organ", _("other AU organ")
    REC = "rec", _("Regional Economic Community (REC)")
    RM = "rm", _("Regional Mechanism (RM)")
    REC_DEPARTMENT = "rec_department", _("REC or RM department")
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


# The names an organisation is searched by are kept, plain, in Organisation.search_names,
# between these marks: "|ecowas|cedeao|economic community of west african states|...|".
NAME_MARK = "|"


def search_names_q(text: str, prefix: str = "") -> Q:
    """Organisations with every word of ``text`` in one of their names, acronyms or aliases,
    accents and case ignored: ``Event.objects.filter(search_names_q("cedeao",
    "organiser_roles__organisation__"))``. An empty Q for an empty text."""
    condition = Q()
    for word in plain(text).split()[:8]:
        condition &= Q(**{f"{prefix}search_names__contains": word})
    return condition


class OrganisationQuerySet(models.QuerySet):
    def regional(self):
        """The RECs and RMs, the organisations countries are members of."""
        return self.filter(kind__in=REGIONAL_KINDS)

    def matching(self, text: str):
        """Those with every word of ``text`` in a name, acronym or alias (see search_names_q)."""
        return self.filter(search_names_q(text))


class Organisation(models.Model):
    """An organisation of the directory. Its names in English (``name``, ``acronym``), French and
    Portuguese are shown in the reader's language; its other names (former names, spellings seen
    in the records) are OrganisationName rows. An acronym may be shared by organisations with
    different parents (the AUC's PAPS and ECOWAS's PAPS)."""

    name = models.CharField(_("name"), max_length=300)
    name_fr = models.CharField(_("name in French"), max_length=300, blank=True)
    name_pt = models.CharField(_("name in Portuguese"), max_length=300, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    acronym_fr = models.CharField(
        _("acronym in French"),
        max_length=30,
        blank=True,
        help_text=_("Only when it differs, e.g. CEDEAO for ECOWAS."),
    )
    acronym_pt = models.CharField(_("acronym in Portuguese"), max_length=30, blank=True)
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
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("succeeded by"),
        help_text=_("The organisation that took over, e.g. FCDO for DFID."),
    )
    ended_on = models.DateField(
        _("ended on"),
        null=True,
        blank=True,
        help_text=_("When it closed or was replaced, as far as the sources say."),
    )
    ended_precision = models.CharField(
        _("precision of the end date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Sources and open questions."))
    member_states = models.ManyToManyField(
        Country, through="Membership", related_name="memberships_in", blank=True
    )
    # Derived in save() and when an alias changes: never typed, never in the history.
    search_names = models.TextField(_("names searched"), blank=True, editable=False)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_names"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # One acronym per parent: ECOWAS's PAPS and the AUC's PAPS are two organisations.
            models.UniqueConstraint(
                Lower("acronym"),
                condition=~Q(acronym="") & Q(parent__isnull=True),
                name="partners_organisation_unique_acronym_top_level",
                violation_error_message=_(
                    "An organisation with this acronym already exists. If it is another one, "
                    "give the organisation it is part of."
                ),
            ),
            models.UniqueConstraint(
                Lower("acronym"),
                F("parent"),
                condition=~Q(acronym="") & Q(parent__isnull=False),
                name="partners_organisation_unique_acronym_in_parent",
                violation_error_message=_(
                    "This organisation already has a part with this acronym."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="partners_organisation_not_own_parent"
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")), name="partners_organisation_not_own_successor"
            ),
            models.CheckConstraint(
                condition=dates_in_window_q("ended_on"),
                name="partners_organisation_ended_on_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
        ]

    def __str__(self):
        acronym = self.display_acronym
        return f"{acronym} – {self.display_name}" if acronym else self.display_name

    def save(self, *args, **kwargs):
        self.search_names = self.names_searched()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_names"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:organisation_detail", args=[self.pk])

    def clean(self):
        super().clean()
        check_dates_in_window(self, "ended_on")

    @property
    def display_name(self) -> str:
        """The name in the reader's language: name_fr for a French reader, when there is one."""
        return pick(self, "name")

    @property
    def display_acronym(self) -> str:
        """The acronym in the reader's language: CEDEAO for ECOWAS, to a French reader."""
        return pick(self, "acronym")

    @property
    def short_label(self) -> str:
        """The acronym in the reader's language, or the name when it has none."""
        return self.display_acronym or self.display_name

    @property
    def label(self) -> str:
        """What pickers show: "PAPS – Political Affairs, Peace and Security (ECOWAS)". Reads
        the parent: select_related("parent") where many are labelled."""
        if self.parent_id is None:
            return str(self)
        return f"{self} ({self.parent.short_label})"

    @property
    def ended_display(self) -> str:
        return format_partial_date(self.ended_on, self.ended_precision)

    def own_names(self) -> list[str]:
        """Its acronyms and names in each language, as typed, English first."""
        fields = ("acronym", "acronym_fr", "acronym_pt", "name", "name_fr", "name_pt")
        return [value for value in (getattr(self, field) for field in fields) if value]

    def names_searched(self, aliases=None) -> str:
        """``search_names``: its own names and its aliases' (read when not given), plain."""
        if aliases is None:
            aliases = self.aliases.values_list("plain", flat=True) if self.pk else []
        names = dict.fromkeys(plain(name) for name in [*self.own_names(), *aliases])
        names.pop("", None)
        return NAME_MARK + NAME_MARK.join(names) + NAME_MARK if names else ""

    def refresh_search_names(self) -> None:
        """Store ``search_names`` again after an alias changed (no history row, no signal)."""
        self.search_names = self.names_searched()
        Organisation.objects.filter(pk=self.pk).update(search_names=self.search_names)

    def plain_names(self) -> set[str]:
        """Every name it may be written with, plain: "cedeao", "ecowas", ..."""
        return {name for name in self.search_names.split(NAME_MARK) if name}

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
            models.CheckConstraint(
                condition=dates_in_window_q("joined_on", "left_on"),
                name="partners_membership_dates_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
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
        check_dates_in_window(self, "joined_on", "left_on")
        if self.organisation_id and self.country_id and self.overlapping().exists():
            raise ValidationError(
                _(
                    "%(country)s already has a membership of %(organisation)s in this period: "
                    "periods of one country in one organisation must not overlap."
                ),
                code="overlap",
                params={"country": self.country, "organisation": self.organisation},
            )


class NameKind(models.TextChoices):
    ACRONYM = "acronym", _("acronym")
    NAME = "name", _("name")
    FORMER_NAME = "former_name", _("former name")
    OTHER_SPELLING = "other_spelling", _("other spelling")


class OrganisationName(models.Model):
    """Another name of an organisation: an acronym or name in a language, a former name, a
    spelling the records use. Searches and imports match it; pages list it with its dates and
    sources. Dates are stored only when the sources give them."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=NameKind.choices, default=NameKind.OTHER_SPELLING
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=Language.choices,
        blank=True,
        help_text=_("Empty: used in any language."),
    )
    used_from = models.DateField(_("used from"), null=True, blank=True)
    used_from_precision = models.CharField(
        _("precision of the first date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    used_until = models.DateField(_("used until"), null=True, blank=True)
    used_until_precision = models.CharField(
        _("precision of the last date"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    source = models.TextField(
        _("source"), blank=True, help_text=_("Where the name is attested: a reference or a URL.")
    )
    # The name without accents, case or punctuation: what matching compares (save()).
    plain = models.CharField(_("plain name"), max_length=300, editable=False, db_index=True)

    class Meta:
        verbose_name = _("other name")
        verbose_name_plural = _("other names")
        ordering = ["organisation", "kind", "language", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "plain", "kind", "language"],
                name="partners_organisationname_unique_name",
                violation_error_message=_("The organisation already has this name."),
            ),
            models.CheckConstraint(
                condition=Q(used_until__isnull=True)
                | Q(used_from__isnull=True)
                | Q(used_until__gte=F("used_from")),
                name="partners_organisationname_until_after_from",
                violation_error_message=_("The last date must come after the first date."),
            ),
            models.CheckConstraint(
                condition=dates_in_window_q("used_from", "used_until"),
                name="partners_organisationname_dates_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = self.name.strip()
        self.plain = plain(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "plain"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        check_dates_in_window(self, "used_from", "used_until")
        if not plain(self.name):
            raise ValidationError({"name": _("Type the name.")})

    @property
    def period_display(self) -> str:
        start = format_partial_date(self.used_from, self.used_from_precision)
        end = format_partial_date(self.used_until, self.used_until_precision)
        if start and end:
            return f"{start} – {end}"
        if start:
            return _("from %(date)s") % {"date": start}
        if end:
            return _("until %(date)s") % {"date": end}
        return ""


def alias_changed(sender, instance, **kwargs):
    """An alias saved or deleted: its organisation's search_names again (PartnersConfig.ready)."""
    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    if organisation is not None:
        organisation.refresh_search_names()
