import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from partners.models import CoordinationFramework, Country, Organisation, Person
from ssrportal.languages import Language, current_language
from ssrportal.validators import validate_time_zone

from .dates import DATE_WINDOW_MESSAGE
from .mandate import Mandate, MandateObjective
from .ordered import OrderedText, unique_position
from .vocabulary import OrganiserRole, ThematicArea


def validate_languages(value) -> None:
    if not isinstance(value, list) or any(code not in Language.values for code in value):
        raise ValidationError(
            _("Choose working languages among %(codes)s."),
            code="invalid_languages",
            params={"codes": ", ".join(Language.values)},
        )


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("workshop")
    HIGH_LEVEL_MEETING = "high_level_meeting", _("high-level meeting")
    SEMINAR = "seminar", _("seminar")
    TRAINING = "training", _("training")
    JOINT_ASSESSMENT_MISSION = "joint_assessment_mission", _("joint assessment mission")
    STEERING_COMMITTEE = "steering_committee", _("steering committee")
    VALIDATION_MEETING = "validation_meeting", _("validation meeting")
    CONFERENCE = "conference", _("conference")
    FORUM = "forum", _("forum")
    ASSESSMENT_MISSION = "assessment_mission", _("assessment mission")
    PRESS_CONFERENCE = "press_conference", _("press conference")


class EventStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("event status", "planned")
    CONFIRMED = "confirmed", pgettext_lazy("event status", "confirmed")
    HELD = "held", pgettext_lazy("event status", "held")
    POSTPONED = "postponed", pgettext_lazy("event status", "postponed")
    CANCELLED = "cancelled", pgettext_lazy("event status", "cancelled")


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("hybrid")


class Approximation(models.TextChoices):
    """How a record gives a count: "some 250 participants", "at least 40", "une trentaine"."""

    EXACT = "", pgettext_lazy("count", "exactly")
    ABOUT = "about", pgettext_lazy("count", "about")
    AT_LEAST = "at_least", pgettext_lazy("count", "at least")
    MORE_THAN = "more_than", pgettext_lazy("count", "more than")
    UP_TO = "up_to", pgettext_lazy("count", "up to")


DATELESS_STATUSES = ("planned", "postponed", "cancelled")


def whole_days(start: dt.datetime, end: dt.datetime, zone: zoneinfo.ZoneInfo):
    """From the first moment of ``start``'s day to the last second of ``end``'s, in ``zone``."""
    first = timezone.localtime(start, zone).date()
    last = timezone.localtime(end, zone).date()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=zone),
        dt.datetime.combine(last, END_OF_DAY, tzinfo=zone),
    )


END_OF_DAY = dt.time(23, 59, 59)


class EventQuerySet(models.QuerySet):
    def with_reader_language(self, language: str | None = None):
        """Annotate the title and summary in the reader's language, where the event has them.

        ``display_title``/``display_summary`` then read them without another query.
        """
        language = language or current_language()
        versions = EventTranslation.objects.filter(event=OuterRef("pk"), language=language)
        return self.annotate(
            title_in_reader_language=Subquery(versions.values("title")[:1]),
            summary_in_reader_language=Subquery(versions.values("summary")[:1]),
        )


class Event(models.Model):
    """A workshop or meeting, held under a mandate or on its own (seeds 001 and 002)."""

    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(
        _("language of the record"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
        help_text=_("The language the title and texts below are written in."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    status = models.CharField(
        pgettext_lazy("event", "status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.PLANNED,
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("mandate"),
    )
    served_objectives = models.ManyToManyField(
        MandateObjective,
        related_name="events",
        blank=True,
        verbose_name=_("outcome objectives served"),
    )
    framework = models.ForeignKey(
        CoordinationFramework,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("coordination framework"),
    )
    # Dates as the record gives them. ``all_day``: days without times (most notices); the
    # span then runs from 00:00 of the first day to 23:59:59 of the last in the event's zone,
    # and nothing shows those times. ``open_end``: the record gives a start only ("Bissau,
    # 14 Mar 17"); the span ends with the start's day but no end is shown. No start: the date
    # is not known yet (a planned, postponed or cancelled event only).
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("The record gives days, not times.")
    )
    open_end = models.BooleanField(
        _("end not given"), default=False, help_text=_("The record gives a start only.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Africa/Addis_Ababa",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Africa/Bamako."),
    )
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events_hosted",
        verbose_name=_("country"),
    )
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    working_languages = models.JSONField(
        _("working languages"), default=list, blank=True, validators=[validate_languages]
    )
    organisers = models.ManyToManyField(
        Organisation, through="EventOrganiser", related_name="events_organised", blank=True
    )
    target_countries = models.ManyToManyField(
        Country, related_name="events_targeting", blank=True, verbose_name=_("target countries")
    )
    thematic_areas = models.ManyToManyField(
        ThematicArea, related_name="events", blank=True, verbose_name=_("thematic areas")
    )
    summary = models.TextField(_("summary"), blank=True)
    reported_participants = models.PositiveIntegerField(
        _("participants reported"),
        null=True,
        blank=True,
        help_text=_('The total the record gives ("some 250 participants"), if any.'),
    )
    reported_participants_approximation = models.CharField(
        _("how the total is given"),
        max_length=10,
        choices=Approximation.choices,
        blank=True,
    )
    reported_women = models.PositiveIntegerField(
        _("of whom women"), null=True, blank=True, help_text=_("Where the record says so.")
    )
    reported_women_approximation = models.CharField(
        _("how the number of women is given"),
        max_length=10,
        choices=Approximation.choices,
        blank=True,
    )
    background = models.TextField(_("background"), blank=True)
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("What the event achieved, once held.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = [F("start").desc(nulls_last=True), "-pk"]
        indexes = [
            # The home page's events held without a report, newest first, and those still to
            # come: read from the end of this index instead of a scan of every event (25 ms at
            # ten years of data); lessons to consider and the calendar filter on it too.
            models.Index(fields=["end"], name="workshops_event_end"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="workshops_event_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=False, end__isnull=False)
                | Q(start__isnull=True, end__isnull=True, status__in=DATELESS_STATUSES),
                name="workshops_event_dated_unless_planned",
                violation_error_message=_(
                    "Only a planned, postponed or cancelled event may have no date yet."
                ),
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(
                    start__gte=dt.datetime(1899, 12, 31, tzinfo=dt.UTC),
                    end__lt=dt.datetime(2101, 1, 2, tzinfo=dt.UTC),
                ),
                name="workshops_event_dates_in_window",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
            models.CheckConstraint(
                condition=Q(reported_women__isnull=True)
                | Q(reported_participants__isnull=True)
                | Q(reported_women__lte=F("reported_participants")),
                name="workshops_event_women_within_total",
                violation_error_message=_("There cannot be more women than participants."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.normalise_span()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("workshops:detail", args=[self.pk])

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def date_known(self) -> bool:
        return self.start is not None

    def normalise_span(self) -> None:
        """Keep ``start``/``end`` what ``all_day`` and ``open_end`` say: whole days from 00:00
        to 23:59:59 in the event's zone, and an open end closing with the start's day."""
        if self.start is None:
            self.end = None
            return
        zone = self.tz
        if self.open_end or self.end is None:
            self.open_end = True
            self.end = whole_days(self.start, self.start, zone)[1]
        if self.all_day:
            self.start, self.end = whole_days(self.start, self.end, zone)

    @property
    def local_start(self) -> dt.datetime | None:
        return timezone.localtime(self.start, self.tz) if self.start else None

    @property
    def local_end(self) -> dt.datetime | None:
        return timezone.localtime(self.end, self.tz) if self.end else None

    @property
    def display_title(self) -> str:
        """The title in the reader's language when given (see with_reader_language)."""
        return getattr(self, "title_in_reader_language", None) or self.title

    @property
    def display_summary(self) -> str:
        return getattr(self, "summary_in_reader_language", None) or self.summary


class EventTranslation(models.Model):
    """The title and summary in another working language (a bilingual meeting's French title)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="translations", verbose_name=_("event")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        verbose_name = _("title in another language")
        verbose_name_plural = _("titles in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language"], name="workshops_eventtranslation_unique_language"
            )
        ]

    def __str__(self):
        return f"{self.title} [{self.language}]"


class EventOrganiser(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="organiser_roles", verbose_name=_("event")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="event_roles",
        verbose_name=_("organisation"),
    )
    role = models.ForeignKey(
        OrganiserRole,
        on_delete=models.PROTECT,
        to_field="code",
        db_column="role",
        default="organiser",
        related_name="+",
        verbose_name=_("role"),
    )
    represented_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_roles",
        verbose_name=_("represented by"),
        help_text=_("Who acted for the organisation, e.g. the head of a joint mission."),
    )
    capacity = models.CharField(
        _("in the capacity of"),
        max_length=200,
        blank=True,
        help_text=_("For example: head of mission."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"],
                name="workshops_eventorganiser_unique_role",
                violation_error_message=_("This organisation already has this role."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.role}"


class EventObjective(OrderedText):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("event")
    )

    class Meta(OrderedText.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = unique_position("event", "workshops_eventobjective")

    @property
    def letter(self) -> str:
        return chr(ord("a") + self.position - 1) if self.position <= 26 else str(self.position)


class EventExpectedResult(OrderedText):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="expected_results", verbose_name=_("event")
    )

    class Meta(OrderedText.Meta):
        verbose_name = _("expected result")
        verbose_name_plural = _("expected results")
        constraints = unique_position("event", "workshops_eventexpectedresult")

    letter = EventObjective.letter


class EventContact(models.Model):
    """Whom to ask about the event, and for what ("For media inquiries")."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("event")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="event_contacts", verbose_name=_("person")
    )
    purpose = models.CharField(_("contact for"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="workshops_eventcontact_unique_person"
            )
        ]

    def __str__(self):
        return f"{self.person} ({self.purpose})" if self.purpose else str(self.person)


class EventLinkKind(models.TextChoices):
    """How one event relates to an earlier one, read from the event that links."""

    FOLLOW_UP = "follow_up", _("follows up")
    SERIES = "series", _("is the next of the series after")
    PRESENTS = "presents", _("presents the results of")
    SAME = "same", _("is the same event as")


# What the linked event's page says of the event that links to it.
INCOMING_LINK_LABELS = {
    EventLinkKind.FOLLOW_UP: _("followed up by"),
    EventLinkKind.SERIES: _("followed in the series by"),
    EventLinkKind.PRESENTS: _("results presented at"),
    EventLinkKind.SAME: _("is the same event as"),
}


class EventLink(models.Model):
    """``from_event`` <kind> ``to_event``: a seminar follows up a joint assessment mission, a
    press conference presents a meeting's results, two records (French and English press
    releases) are the same event. Shown on both events' pages."""

    from_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("event")
    )
    kind = models.CharField(_("link"), max_length=20, choices=EventLinkKind.choices)
    to_event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("other event")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        verbose_name = _("link to another event")
        verbose_name_plural = _("links to other events")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_event", "to_event", "kind"],
                name="workshops_eventlink_unique",
                violation_error_message=_("These events are already linked this way."),
            ),
            models.CheckConstraint(
                condition=~Q(from_event=F("to_event")),
                name="workshops_eventlink_not_to_itself",
                violation_error_message=_("An event cannot be linked to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.from_event} {self.get_kind_display()} {self.to_event}"
