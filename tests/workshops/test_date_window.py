"""Dates outside 1900-2100 are typing slips: refused by the forms and by the database, and a
notice that cannot be composed fails alone while the rest of its batch leaves."""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from tests import factories
from tests.notices.conftest import upcoming_event
from workshops.models import Event, Mandate, Notice, NoticeState
from workshops.notices import recording, sending

from .test_event_form import form_data, set_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def test_an_event_in_year_9999_is_refused_next_to_its_date(secretariat):
    data = form_data(secretariat.get("/workshops/new/"))
    data.update(title="Atelier de validation", kind="workshop", start_date="9999-12-31")

    response = secretariat.post("/workshops/new/", data)

    assert response.status_code == 200
    assert "Give a date between 1900 and 2100." in response.content.decode()
    assert not Event.objects.exists()


def test_a_number_of_days_that_runs_past_2100_is_refused(secretariat):
    data = form_data(secretariat.get("/workshops/new/"))
    data.update(title="Retreat", kind="workshop", start_date="2100-12-30", duration_days="5")

    response = secretariat.post("/workshops/new/", data)

    assert "Give a date between 1900 and 2100." in response.content.decode()
    assert not Event.objects.exists()


def test_a_mandate_starting_in_year_1_is_refused(secretariat):
    data = form_data(secretariat.get("/mandates/new/"))
    data.update(title="AU/REC Workshop", start_date="0001-01-01")

    response = secretariat.post("/mandates/new/", data)

    assert response.status_code == 200
    assert "Give a date between 1900 and 2100." in response.content.decode()
    assert not Mandate.objects.exists()


def test_the_database_keeps_year_9999_out_whatever_writes_it():
    event = factories.EventFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(
            end=dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.UTC)
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Mandate.objects.create(title="Slip", start_date=dt.date(1, 1, 1))


def test_a_notice_that_cannot_be_composed_fails_alone_and_the_batch_is_sent():
    broken, fine = upcoming_event(title="Broken record"), upcoming_event(title="Fine record")
    for event in (broken, fine):
        participant = factories.ParticipantFactory(event=event)
        recording.record_invitations(event=event, participants=[participant], by=None)
    # A zone no calendar knows, written past the form (an import, a restore): the .ics and the
    # times of its notice cannot be made.
    Event.objects.filter(pk=broken.pk).update(time_zone="Mars/Olympus_Mons")
    rows = Notice.objects.filter(kind="invitation")

    outcome = sending.send(rows.values_list("pk", flat=True))

    assert outcome.sent == 1
    assert [m.subject for m in mail.outbox] == ["Invitation: Fine record"]
    failed = rows.get(event=broken)
    assert failed.state == NoticeState.FAILED
    assert failed.last_error.startswith("Could not be composed: ")
    assert rows.get(event=fine).state == NoticeState.SENT


def test_a_source_published_in_year_9999_is_refused_next_to_its_date(client, secretariat_user):
    client.force_login(secretariat_user)
    event = factories.EventFactory()
    url = f"/workshops/{event.pk}/edit/"
    data = form_data(client.get(url))
    set_rows(data, "sources", [{"headline": "Communiqué final", "published_on": "9999-12-31"}])

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Give a date between 1900 and 2100." in response.content.decode()
    assert not event.sources.exists()
