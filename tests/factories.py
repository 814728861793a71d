"""factory-boy factories whose defaults come from the seed records (../shared/seeds)."""

import datetime as dt
import zoneinfo

import factory

from partners.models import Country, Organisation, Person, User
from workshops.models import Event, Mandate, Participant

ADDIS = zoneinfo.ZoneInfo("Africa/Addis_Ababa")


def organisation(acronym: str) -> Organisation:
    """A reference-data organisation, loaded by load_reference_data."""
    return Organisation.objects.get(acronym=acronym)


def country(iso2: str) -> Country:
    return Country.objects.get(iso2=iso2)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Civil society network {n}")
    kind = "civil_society"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    title = "Mr."
    full_name = factory.Sequence(lambda n: f"Oumar Diop {n}")
    position = "JLMP Support Unit Coordinator"
    email = factory.Sequence(lambda n: f"person{n}@example.org")


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    title = "AU/REC Workshop"
    start_date = dt.date(2016, 12, 1)
    end_date = dt.date(2016, 12, 17)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = (
        "AUC-RECs High-Level Meeting to launch the Joint Labour Migration Programme "
        "Strategic Framework"
    )
    kind = "high_level_meeting"
    format = "online"
    start = dt.datetime(2020, 12, 7, 10, 0, tzinfo=ADDIS)
    end = dt.datetime(2020, 12, 7, 13, 0, tzinfo=ADDIS)
    working_languages = ["en", "fr"]


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    person = factory.SubFactory(PersonFactory)
