"""Dates of the directory outside 1900-2100 are typing slips: the admin refuses them next to the
field and the database keeps them out (issue 13, point 5). The AU was founded in 2002 and the
OAU in 1963; the oldest record of the directory dates from the 1960s."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from partners.models import AUSuspension, Membership, Organisation, OrganisationName
from tests import factories

pytestmark = pytest.mark.django_db

WINDOW = "Give a date between 1900 and 2100."


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_refuses_a_membership_left_in_year_9999_next_to_the_field(admin_client):
    ecowas, mali = factories.organisation("ECOWAS"), factories.country("ML")
    members = Membership.objects.count()

    response = admin_client.post(
        "/admin/partners/membership/add/",
        {
            "organisation": ecowas.pk,
            "country": mali.pk,
            "joined_on": "1975-05-28",
            "joined_precision": "day",
            "left_on": "9999-12-31",
            "left_precision": "day",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"left_on": [WINDOW]}
    assert Membership.objects.count() == members


def test_the_admin_refuses_an_organisation_ended_in_year_1_next_to_the_field(admin_client):
    office = factories.OrganisationFactory(acronym="SSRO", name="SSR Office", kind="bilateral")
    url = f"/admin/partners/organisation/{office.pk}/change/"
    inlines = admin_client.get(url).context["inline_admin_formsets"]
    empty_inlines = {
        f"{inline.formset.prefix}-{count}": "0"
        for inline in inlines
        for count in ("TOTAL_FORMS", "INITIAL_FORMS")
    }

    response = admin_client.post(
        url,
        {
            "acronym": "SSRO",
            "name": "SSR Office",
            "kind": "bilateral",
            "ended_on": "0001-01-01",
            "ended_precision": "day",
            **empty_inlines,
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"ended_on": [WINDOW]}
    office.refresh_from_db()
    assert office.ended_on is None


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_the_database_keeps_directory_dates_inside_the_window(day):
    organisation = factories.OrganisationFactory()
    membership = factories.MembershipFactory()
    name = factories.OrganisationNameFactory()
    suspension = factories.AUSuspensionFactory(lifted_on=None)

    for model, pk, values in (
        (Organisation, organisation.pk, {"ended_on": day}),
        (Membership, membership.pk, {"joined_on": None, "left_on": day}),
        (Membership, membership.pk, {"joined_on": day, "left_on": None}),
        (OrganisationName, name.pk, {"used_from": None, "used_until": day}),
        (AUSuspension, suspension.pk, {"suspended_on": day}),
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(**values)
