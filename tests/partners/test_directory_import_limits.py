"""The admin's directory import (django-import-export, CSV and XLSX) is refused quickly past the
same limits as the participant import (issue 13, point 11), and still reads an honest workbook.
"""

import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Person
from tests import factories
from tests.workbooks import shared_strings_bomb, workbook

pytestmark = pytest.mark.django_db

CSV, XLSX = "0", "1"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def import_people(client, name: str, content: bytes, file_format: str):
    return client.post(
        reverse("admin:partners_person_import"),
        {"resource": "0", "format": file_format, "import_file": SimpleUploadedFile(name, content)},
    )


def file_errors(response) -> str:
    return " ".join(str(error) for error in response.context["form"].errors["import_file"])


def people_workbook(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_whose_shared_strings_unpack_to_200_mib_is_refused_at_once(admin_client):
    people = Person.objects.count()
    bomb = shared_strings_bomb(200)
    started = time.perf_counter()

    response = import_people(admin_client, "people.xlsx", bomb, XLSX)

    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    assert "This workbook unpacks to more than 20 MB." in file_errors(response)
    assert "This workbook unpacks to more than 20 MB." in response.content.decode()
    assert "confirm_form" not in response.context
    assert Person.objects.count() == people


def test_a_workbook_of_more_than_100000_cells_is_refused(admin_client):
    # 5,000 rows of 21 numbers: 105,000 cells.
    rows = (
        (f'<row r="{r}">' + "".join(f"<c><v>{c}</v></c>" for c in range(21)) + "</row>").encode()
        for r in range(1, 5001)
    )

    response = import_people(admin_client, "people.xlsx", workbook(rows, []), XLSX)

    assert response.status_code == 400
    assert "The file has more than 100,000 filled cells." in file_errors(response)


def test_a_csv_of_more_than_5000_rows_is_refused(admin_client):
    people = Person.objects.count()
    lines = ["email,full_name", *(f"p{n}@example.org,Participant {n}" for n in range(5001))]

    response = import_people(admin_client, "people.csv", "\n".join(lines).encode(), CSV)

    assert response.status_code == 400
    assert "The file has more than 5,000 rows, counting the empty ones." in file_errors(response)
    assert Person.objects.count() == people


def test_a_file_larger_than_5_mb_is_refused_before_it_is_read(admin_client):
    content = b"email,full_name\n" + b"x@example.org,X\n" * (400 * 1024)

    response = import_people(admin_client, "people.csv", content, CSV)

    assert response.status_code == 400
    assert "The file is larger than 5 MB. Split it into smaller files." in file_errors(response)


def test_an_honest_workbook_updates_the_person_once_confirmed(admin_client):
    person = factories.PersonFactory(full_name="Oumar Diop", email="oumar.diop@au.int")
    rows = [
        ["email", "title", "full_name", "position", "organisation_acronym"],
        ["Oumar.Diop@AU.int", "Mr.", "Oumar Diop", "Head of the JLMP Support Unit", "AUC"],
    ]

    preview = import_people(admin_client, "people.xlsx", people_workbook(rows), XLSX)
    confirmed = admin_client.post(
        reverse("admin:partners_person_process_import"), preview.context["confirm_form"].initial
    )

    assert preview.status_code == 200
    assert [row.import_type for row in preview.context["result"].rows] == ["update"]
    assert confirmed.status_code == 302
    person.refresh_from_db()
    assert person.position == "Head of the JLMP Support Unit"
