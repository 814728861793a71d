"""Choice lists of reference data (countries, organisations...), read from the cache.

The event and mandate forms offer every country, organisation, thematic area... Those lists
change rarely, so they are kept in Django's cache (locmem, Redis in production) as (pk, label)
pairs, in the reader's language, under a key holding a version of the model and a
fingerprint of its rows. Saving or deleting a row through Django gives the model a new
version (WorkshopsConfig.ready() connects ``forget_choices``), so a new organisation is offered
at once. What no signal tells (a restore, a bulk load, another program writing the tables)
changes the fingerprint: how many rows, the highest id and the latest change, read once a
minute at most. The forms still validate a submitted value against the database.
"""

import unicodedata
import uuid

from django.core.cache import cache
from django.db import models, transaction
from django.utils.translation import get_language

from partners.models import CoordinationFramework, Country, Organisation
from workshops.models import Mandate, OrganiserRole, TargetOrganisationType, ThematicArea

CACHE_SECONDS = 24 * 60 * 60
CACHED_MODELS = (
    Country,
    Organisation,
    CoordinationFramework,
    ThematicArea,
    TargetOrganisationType,
    Mandate,
    OrganiserRole,
)

Choices = list[tuple[int, str]]


def collation_key(text: str) -> str:
    """Sort "Égypte" with the E's: accents and case ignored, as a reader expects."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _version_key(model: type[models.Model]) -> str:
    return f"workshops:choices:version:{model._meta.label_lower}"


FINGERPRINT_SECONDS = 60


def _fingerprint(model: type[models.Model]) -> str:
    """How many rows, the highest id and the latest change (where the model records it): one
    query, cached for a minute."""

    def read() -> str:
        figures = {"rows": models.Count("pk"), "top": models.Max("pk")}
        if any(field.name == "updated_at" for field in model._meta.get_fields()):
            figures["changed"] = models.Max("updated_at")
        found = model._default_manager.order_by().aggregate(**figures)
        return "-".join(str(found[name]) for name in figures)

    return cache.get_or_set(
        f"workshops:choices:fingerprint:{model._meta.label_lower}", read, FINGERPRINT_SECONDS
    )


def _version(model: type[models.Model]) -> str:
    """The version bumped by signals, and the fingerprint of the rows."""
    signalled = cache.get_or_set(_version_key(model), lambda: uuid.uuid4().hex, None)
    return f"{signalled}:{_fingerprint(model)}"


def reference_choices(
    name: str, queryset: models.QuerySet, *, sort: bool = True, value: str = "pk"
) -> Choices:
    """(value, label) of every row of ``queryset`` (the pk, or the field ``value`` names),
    labelled by str() and sorted by label unless ``sort`` is False (then in the queryset's
    order); read once per version and language."""
    model = queryset.model
    key = f"workshops:choices:{name}:{get_language()}:{_version(model)}"
    choices = cache.get(key)
    if choices is None:
        choices = [(getattr(obj, value), str(obj)) for obj in queryset]
        if sort:
            choices.sort(key=lambda choice: collation_key(choice[1]))
        cache.set(key, choices, CACHE_SECONDS)
    return choices


def forget_choices(sender, **kwargs) -> None:
    """A row of ``sender`` changed: its lists are read again, now and once committed (a page
    that read the old rows meanwhile must not keep them)."""

    def bump():
        cache.set(_version_key(sender), uuid.uuid4().hex, None)

    bump()
    transaction.on_commit(bump)


def countries() -> Choices:
    return reference_choices("countries", Country.objects.all())


def organisations() -> Choices:
    return reference_choices(
        "organisations", Organisation.objects.only("name", "name_fr", "acronym")
    )


def frameworks() -> Choices:
    return reference_choices(
        "frameworks", CoordinationFramework.objects.only("name", "acronym"), sort=False
    )


def thematic_areas() -> Choices:
    return reference_choices("thematic-areas", ThematicArea.objects.all(), sort=False)


def target_organisation_types() -> Choices:
    return reference_choices(
        "target-organisation-types", TargetOrganisationType.objects.all(), sort=False
    )


def organiser_roles() -> Choices:
    """(code, label): organisers' rows name their role by code."""
    return reference_choices(
        "organiser-roles", OrganiserRole.objects.all(), sort=False, value="code"
    )


def mandates() -> Choices:
    return reference_choices("mandates", Mandate.objects.only("title"), sort=False)
