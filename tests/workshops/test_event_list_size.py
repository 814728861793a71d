"""The event list weighs the same whatever the number of organisations and mandates: they are
chosen by typing, not from a select of every row."""

import pytest

from tests import factories
from workshops.models import EventOrganiser, Mandate

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def grow(count: int) -> None:
    """``count`` mandates, each with an event organised by a new organisation."""
    for n in range(count):
        mandate = Mandate.objects.create(title=f"Support to the national SSR process, request {n}")
        organisation = factories.OrganisationFactory(name=f"National SSR council {n}")
        event = factories.EventFactory(title=f"Validation workshop {n}", mandate=mandate)
        EventOrganiser.objects.create(event=event, organisation=organisation, position=1)


def test_the_list_weighs_the_same_with_30_or_150_organisers_and_mandates(secretariat):
    grow(30)
    small = len(secretariat.get("/workshops/?tab=past").content)
    grow(120)

    large = len(secretariat.get("/workshops/?tab=past").content)

    # 25 rows a page either way: titles, counts and page links differ by a digit or two (a
    # select of every organisation and mandate would add some 10 KB).
    assert abs(large - small) < 1000
