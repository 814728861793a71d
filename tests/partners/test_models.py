import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partners.models import Membership, Person
from tests import factories

pytestmark = pytest.mark.django_db


def test_overlapping_membership_is_refused_with_a_clear_message():
    ecowas = factories.organisation("ECOWAS")
    mali = factories.country("ML")
    overlapping = Membership(
        organisation=ecowas, country=mali, joined_on=dt.date(2024, 1, 1), left_on=None
    )

    with pytest.raises(ValidationError) as refused:
        overlapping.full_clean()

    message = refused.value.messages[0]
    assert message.startswith("Mali already has a membership of ECOWAS")
    assert message.endswith("periods of one country in one organisation must not overlap.")
    assert Membership.objects.filter(organisation=ecowas, country=mali).count() == 1


def test_membership_after_leaving_is_accepted():
    ecowas = factories.organisation("ECOWAS")
    mali = factories.country("ML")
    rejoined = Membership(organisation=ecowas, country=mali, joined_on=dt.date(2030, 1, 1))

    rejoined.full_clean()
    rejoined.save()

    assert factories.country("ML") in ecowas.members_on(dt.date(2030, 6, 1))
    assert factories.country("ML") not in ecowas.members_on(dt.date(2026, 6, 1))


def test_database_refuses_overlapping_membership_on_postgresql(on_postgresql):
    ecowas = factories.organisation("ECOWAS")
    mali = factories.country("ML")

    with (
        pytest.raises(IntegrityError, match="partners_membership_no_overlap"),
        transaction.atomic(),
    ):
        Membership.objects.create(organisation=ecowas, country=mali, joined_on=dt.date(2010, 1, 1))

    assert Membership.objects.filter(organisation=ecowas, country=mali).count() == 1


def test_membership_leaving_before_joining_is_refused():
    membership = Membership(
        organisation=factories.organisation("SADC"),
        country=factories.country("KE"),
        joined_on=dt.date(2020, 1, 1),
        left_on=dt.date(2019, 1, 1),
    )

    with pytest.raises(ValidationError) as refused:
        membership.full_clean()

    assert "The leaving date must come after the joining date." in refused.value.messages


def test_person_email_is_unique_whatever_its_case():
    factories.PersonFactory(email="Oumar.Diop@au.int")
    duplicate = Person(full_name="O. Diop", email="oumar.diop@AU.INT")

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()

    assert refused.value.messages == ["A person with this e-mail address already exists."]
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_people_without_email_do_not_clash():
    factories.PersonFactory(email="")
    factories.PersonFactory(email="")

    assert Person.objects.filter(email="").count() == 2
