from django.db import models
from django.utils.translation import gettext_lazy as _

from ssrportal.languages import pick_translation


class Vocabulary(models.Model):
    """A controlled list from DOMAIN.md, with a label per language, loaded as reference data."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_pt = models.CharField(_("name in Portuguese"), max_length=200, blank=True)
    name_ar = models.CharField(_("name in Arabic"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name_en"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self, "name")


class ThematicArea(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")


class TargetOrganisationType(Vocabulary):
    description_en = models.TextField(_("includes (English)"), blank=True)
    description_fr = models.TextField(_("includes (French)"), blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("target organisation type")
        verbose_name_plural = _("target organisation types")


class OrganiserRole(Vocabulary):
    """What an organisation did at an event, as the records say it: organiser, host, lead (of
    a joint mission), facilitator, "under the auspices of"... The heading groups the event
    page's "Who" ("Organised by", "Hosted by")."""

    heading_en = models.CharField(_("heading in English"), max_length=200)
    heading_fr = models.CharField(_("heading in French"), max_length=200)
    heading_pt = models.CharField(_("heading in Portuguese"), max_length=200, blank=True)
    heading_ar = models.CharField(_("heading in Arabic"), max_length=200, blank=True)

    class Meta(Vocabulary.Meta):
        verbose_name = _("organiser role")
        verbose_name_plural = _("organiser roles")

    @property
    def heading(self) -> str:
        return pick_translation(self, "heading")
