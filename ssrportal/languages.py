"""Languages a record can be written in, and picking a translated label for the reader."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    PORTUGUESE = "pt", _("Portuguese")
    ARABIC = "ar", _("Arabic")


def current_language() -> str:
    """The reader's language as one of Language's codes ("fr-ca" -> "fr"), English otherwise."""
    code = (get_language() or "en").split("-")[0]
    return code if code in Language.values else Language.ENGLISH


def pick(obj, field: str = "name", language: str | None = None) -> str:
    """``<field>_<language>`` of ``obj`` (an object or a dict) when filled in, else the English
    value: ``<field>_en``, or ``<field>`` itself where English has no suffix (Organisation's
    ``name``, ``name_fr``, ``name_pt``). ``language`` defaults to the reader's. Never use it
    with ``field`` naming a property that calls it."""
    language = language or current_language()
    get = obj.get if isinstance(obj, dict) else lambda name: getattr(obj, name, "")
    for name in (f"{field}_{language}", f"{field}_en", field):
        value = get(name)
        if value:
            return value
    return ""


def pick_translation(obj, field: str = "name") -> str:
    """``obj.<field>_<lang>`` in the reader's language when filled in, the English one otherwise."""
    return getattr(obj, f"{field}_{current_language()}", "") or getattr(obj, f"{field}_en")
