"""The cached choice lists follow the data, also when no signal tells: a restore, a bulk load
or another program writing the tables."""

import pytest

from partners.models import Country
from workshops import choices
from workshops.models import ThematicArea

pytestmark = pytest.mark.django_db


def test_a_thematic_area_saved_through_django_is_offered_at_once():
    before = len(choices.thematic_areas())

    ThematicArea.objects.create(code="test-maritime", name_en="Maritime security", position=99)

    assert len(choices.thematic_areas()) == before + 1


def test_rows_bulk_loaded_without_signals_are_offered_once_the_fingerprint_is_read_again(
    monkeypatch,
):
    # The fingerprint is read again once a minute; here at once.
    monkeypatch.setattr(choices, "FINGERPRINT_SECONDS", 0)
    before = {label for _, label in choices.countries()}

    Country.objects.bulk_create(
        [Country(iso2="XK", iso3="XKX", iso_numeric="926", name_en="Kosovo (test)")]
    )

    after = {label for _, label in choices.countries()}
    assert after - before == {"Kosovo (test)"}
