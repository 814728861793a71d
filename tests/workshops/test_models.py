import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests import factories
from workshops.models import Event, MandateObjective, Participant

pytestmark = pytest.mark.django_db


def test_event_ending_before_it_starts_is_refused():
    event = factories.EventFactory.build(
        start=dt.datetime(2022, 1, 27, 9, tzinfo=dt.UTC),
        end=dt.datetime(2022, 1, 26, 17, tzinfo=dt.UTC),
    )

    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()

    assert refused.value.messages == ["The end cannot be before the start."]
    assert Event.objects.count() == 0


def test_mandate_ending_before_it_starts_is_refused():
    mandate = factories.MandateFactory.build(
        start_date=dt.date(2016, 12, 17), end_date=dt.date(2016, 12, 1)
    )

    with pytest.raises(ValidationError) as refused:
        mandate.full_clean()

    assert refused.value.messages == ["The end date cannot be before the start date."]


def test_mandate_without_dates_is_accepted():
    mandate = factories.MandateFactory.build(start_date=None, end_date=None)

    mandate.full_clean()


def test_same_person_twice_in_one_event_is_refused():
    first = factories.ParticipantFactory()
    duplicate = Participant(event=first.event, person=first.person)

    with pytest.raises(ValidationError) as refused:
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()

    assert refused.value.messages == ["This person is already a participant of this event."]
    assert Participant.objects.count() == 1


def test_two_objectives_at_the_same_position_are_refused():
    mandate = factories.MandateFactory()
    MandateObjective.objects.create(mandate=mandate, position=1, text="Provide a platform")
    clash = MandateObjective(mandate=mandate, position=1, text="Translate complementarities")

    with pytest.raises(ValidationError) as refused:
        clash.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        clash.save()

    assert refused.value.messages == ["Two items cannot have the same position."]


def test_event_time_zone_must_be_a_real_zone():
    event = factories.EventFactory.build(time_zone="Africa/Atlantis")

    with pytest.raises(ValidationError) as refused:
        event.full_clean()

    assert refused.value.message_dict["time_zone"] == [
        "“Africa/Atlantis” is not a time zone name such as Africa/Addis_Ababa."
    ]


def test_working_languages_outside_the_four_are_refused():
    event = factories.EventFactory.build(working_languages=["en", "de"])

    with pytest.raises(ValidationError) as refused:
        event.full_clean()

    assert refused.value.message_dict["working_languages"] == [
        "Choose working languages among en, fr, pt, ar."
    ]
