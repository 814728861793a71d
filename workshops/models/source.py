from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ssrportal.dates import DATE_WINDOW_MESSAGE, check_dates_in_window, dates_in_window_q
from ssrportal.languages import Language

from .event import Event
from .mandate import Mandate


class Source(models.Model):
    """Where an event's or a mandate's record came from: a press release, a news item, a
    mandate record. Its publication date is the source's, never the event's."""

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("event"),
    )
    mandate = models.ForeignKey(
        Mandate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sources",
        verbose_name=_("mandate"),
    )
    url = models.URLField(_("address (URL)"), max_length=1000, blank=True)
    reference = models.CharField(
        _("reference"),
        max_length=300,
        blank=True,
        help_text=_("Where no address is given: the document's reference or number."),
    )
    headline = models.CharField(_("headline as published"), max_length=500, blank=True)
    published_on = models.DateField(_("publication date"), null=True, blank=True)
    dateline = models.CharField(
        _("dateline"), max_length=100, blank=True, help_text=_("The city it was published from.")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=1)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, mandate__isnull=True)
                | Q(event__isnull=True, mandate__isnull=False),
                name="workshops_source_of_one_record",
            ),
            models.CheckConstraint(
                condition=~Q(url="", reference="", headline=""),
                name="workshops_source_says_something",
                violation_error_message=_("Give the source's address, reference or headline."),
            ),
            models.CheckConstraint(
                condition=dates_in_window_q("published_on"),
                name="workshops_source_published_1900_2100",
                violation_error_message=DATE_WINDOW_MESSAGE,
            ),
        ]

    def __str__(self):
        return self.headline or self.reference or self.url

    def clean(self):
        check_dates_in_window(self, "published_on")
