"""Reference data of the workshops app: DOMAIN.md's controlled vocabularies.

Loaded from workshops/data/ like the partners' reference data (partners.services), keyed on
``code``: running a loader again writes nothing, and a label edited in a file updates its row.
"""

from pathlib import Path

from django.db import transaction

from partners.services import (
    Loaded,
    ReferenceDataError,
    read_data_file,
    update_or_create_if_changed,
)

from .models import TargetOrganisationType, ThematicArea

DATA_DIR = Path(__file__).resolve().parent / "data"


def _load_vocabulary(model, *, path: Path, what: str, text_fields: list[str]) -> Loaded:
    loaded = Loaded(what)
    with transaction.atomic():
        for number, row in read_data_file(path):
            try:
                position = int(row["position"])
            except ValueError:
                raise ReferenceDataError(
                    f"{path.name}, line {number}: position {row['position']!r} is not a number."
                ) from None
            _, outcome = update_or_create_if_changed(
                model,
                lookup={"code": row["code"].strip()},
                values={
                    "position": position,
                    **{field: row[field].strip() for field in text_fields},
                },
            )
            loaded.tally(outcome)
    return loaded


def load_thematic_areas(*, path: Path = DATA_DIR / "thematic_areas.csv") -> Loaded:
    """Create or update the thematic areas, keyed on code. Atomic; safe to run again."""
    return _load_vocabulary(
        ThematicArea, path=path, what="thematic areas", text_fields=["name_en", "name_fr"]
    )


def load_target_organisation_types(
    *, path: Path = DATA_DIR / "target_organisation_types.csv"
) -> Loaded:
    """Create or update the target organisation types, keyed on code. Atomic; safe to run again."""
    return _load_vocabulary(
        TargetOrganisationType,
        path=path,
        what="target organisation types",
        text_fields=["name_en", "name_fr", "description_en", "description_fr"],
    )


def load_vocabularies() -> list[Loaded]:
    """Load the thematic areas and target organisation types in one transaction.

    Safe to run again.
    """
    with transaction.atomic():
        return [load_thematic_areas(), load_target_organisation_types()]
