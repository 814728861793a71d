"""Migration 0005 carries the saved events over: roles kept, dates kept, all-day where the
form had filled in 00:00 and 23:59."""

import datetime as dt
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("workshops", "0004_role_permissions_for_notice_wordings")]
BANJUL = zoneinfo.ZoneInfo("Africa/Banjul")
ADDIS = zoneinfo.ZoneInfo("Africa/Addis_Ababa")


@pytest.fixture
def migrated_back(django_db_blocker):
    # Another transactional test's flush may have emptied the reference data.
    call_command("load_reference_data", verbosity=0)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor.loader.project_state(BEFORE).apps
    call_command("migrate", verbosity=0)
    call_command("load_reference_data", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_saved_events_keep_their_roles_and_dates(migrated_back):
    apps = migrated_back
    event_model = apps.get_model("workshops", "Event")
    # The partners tables are at their newest state: an organisation of the reference data.
    organisation = apps.get_model("partners", "Organisation").objects.get(
        acronym="ECOWAS", parent=None
    )
    # Entered from the old form without times: 00:00 to 23:59 in Banjul.
    days = event_model.objects.create(
        title="Regional workshop on border management",
        kind="workshop",
        start=dt.datetime(2018, 12, 12, 0, 0, tzinfo=BANJUL),
        end=dt.datetime(2018, 12, 14, 23, 59, tzinfo=BANJUL),
        time_zone="Africa/Banjul",
    )
    timed = event_model.objects.create(
        title="Online launch of the strategic framework",
        kind="high_level_meeting",
        start=dt.datetime(2020, 12, 7, 10, 0, tzinfo=ADDIS),
        end=dt.datetime(2020, 12, 7, 13, 0, tzinfo=ADDIS),
        time_zone="Africa/Addis_Ababa",
    )
    apps.get_model("workshops", "EventOrganiser").objects.create(
        event=days, organisation=organisation, role="funder", position=1
    )

    MigrationExecutor(connection).migrate([("workshops", "0005_faithful_records")])

    from workshops.models import Event, EventOrganiser

    days, timed = Event.objects.get(pk=days.pk), Event.objects.get(pk=timed.pk)
    assert EventOrganiser.objects.get(event=days).role.heading == "Funded by"
    assert (days.all_day, days.local_start.date(), days.local_end.date()) == (
        True,
        dt.date(2018, 12, 12),
        dt.date(2018, 12, 14),
    )
    assert not timed.all_day
    assert (timed.local_start.time(), timed.local_end.time()) == (dt.time(10), dt.time(13))
