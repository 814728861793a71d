"""A hostile or careless participant file is refused quickly, next to the file field (issue 13,
point 11): by its size, by what an XLSX workbook unpacks to, by its rows, cells and text.

Every file is built here (tests/workbooks.py), none is committed. The time bounds are generous
(each refusal takes milliseconds); what they guard against took 96 s.
"""

import io
import re
import time
import tracemalloc

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.utils import get_column_letter

from partners.models import Person
from tests import factories
from tests.workbooks import (
    PEOPLE,
    PEOPLE_ROWS,
    edited,
    lying_about_size,
    participants_workbook,
    shared,
    shared_strings_bomb,
    workbook,
)
from workshops.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def event():
    return factories.EventFactory()


def post_file(client, event, name: str, content: bytes):
    return client.post(
        f"/workshops/{event.pk}/participants/import/",
        {"file": SimpleUploadedFile(name, content)},
    )


def token_of(response) -> str | None:
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    return found.group(1) if found else None


def refusal(response) -> str:
    """The text shown under the file field, where a refusal stands."""
    page = response.content.decode()
    field = page[page.index('id="div_id_file"') :]
    return field[: field.index("</form>")]


def assert_refused(response, message: str):
    assert response.status_code == 400
    assert message in refusal(response)
    assert token_of(response) is None
    assert not Participant.objects.exists()


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Workbooks that unpack to too much --------------------------------------------------------


def test_a_workbook_whose_shared_strings_unpack_to_200_mib_is_refused_at_once(secretariat, event):
    bomb = shared_strings_bomb(200)
    people = Person.objects.count()
    tracemalloc.start()
    started = time.perf_counter()

    response = post_file(secretariat, event, "list.xlsx", bomb)

    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(bomb) < 600_000
    assert_refused(response, "This workbook unpacks to more than 20 MB.")
    assert elapsed < 5
    assert peak < 50 * 1024 * 1024
    assert Person.objects.count() == people


def test_a_workbook_packed_more_than_100_times_is_refused(secretariat, event):
    # 19 MiB of one-letter shared strings: under 20 MB, but packed about 400 times.
    started = time.perf_counter()

    response = post_file(secretariat, event, "list.xlsx", shared_strings_bomb(19))

    assert_refused(response, "This workbook is packed more than 100 times over")
    assert time.perf_counter() - started < 5


def test_a_workbook_of_300000_shared_strings_is_refused_before_openpyxl_reads_them(
    secretariat, event
):
    # 6 MB unpacked, packed 8 times: no size or ratio betrays it, its tags do (each string
    # costs openpyxl an object: 1.7 s for a quarter of a million).
    content = workbook(PEOPLE_ROWS, shared(PEOPLE + [str(n) for n in range(300_000)]))
    started = time.perf_counter()

    response = post_file(secretariat, event, "list.xlsx", content)

    assert_refused(response, "The file has more than 100,000 filled cells.")
    assert time.perf_counter() - started < 5


def test_a_workbook_whose_other_parts_hold_more_than_a_list_needs_is_refused(secretariat, event):
    # 60,000 defined names in the workbook part: openpyxl spends 5 µs a tag on them.
    name = '<definedName name="n{}">Participants!$A$1</definedName>'
    names = "".join(name.format(n) for n in range(60_000))
    content = edited(
        participants_workbook(),
        "xl/workbook.xml",
        b"</sheets>",
        f"</sheets><definedNames>{names}</definedNames>".encode(),
    )

    response = post_file(secretariat, event, "list.xlsx", content)

    assert_refused(response, "Besides its cells, this workbook holds more")


def test_a_workbook_that_understates_a_part_is_read_no_further_than_it_says(secretariat, event):
    # The directory says the 200 MiB of shared strings unpack to 1,000 bytes: zipfile stops
    # there, and the checksum fails.
    content = lying_about_size(shared_strings_bomb(200), "xl/sharedStrings.xml", 1000)
    started = time.perf_counter()

    response = post_file(secretariat, event, "list.xlsx", content)

    assert_refused(response, "This file is not a readable XLSX workbook.")
    assert time.perf_counter() - started < 5


def test_a_workbook_with_shared_strings_is_read(secretariat, event):
    response = post_file(secretariat, event, "list.xlsx", participants_workbook())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Aïssata Traoré" in page
    assert "aissata.traore@example.org" in page
    assert token_of(response)


# --- Too many rows or cells -------------------------------------------------------------------


def test_a_sheet_numbering_a_row_past_5000_is_refused_without_reading_the_rows_between(
    secretariat, event
):
    rows = [*PEOPLE_ROWS, b'<row r="1000000000"><c r="A1000000000"><v>1</v></c></row>']
    started = time.perf_counter()

    response = post_file(secretariat, event, "list.xlsx", workbook(rows, shared(PEOPLE)))

    assert_refused(
        response, "The file has more than 5,000 rows, counting the empty ones. Split it into"
    )
    assert time.perf_counter() - started < 5


def test_an_xlsx_list_of_1001_participants_is_refused_even_after_blank_rows(secretariat, event):
    # Ten blank rows once made the reader stop early and drop the last ten people unsaid.
    people = [[f"Participant {n}", f"p{n}@example.org"] for n in range(1001)]
    content = xlsx([["full_name", "email"], *[[]] * 10, *people])

    response = post_file(secretariat, event, "list.xlsx", content)

    assert_refused(response, "The file has more than 1,000 rows. Split it into smaller files.")


def test_an_xlsx_list_of_1000_participants_after_blank_rows_is_read_whole(secretariat, event):
    people = [[f"Participant {n}", f"p{n}@example.org"] for n in range(1000)]
    content = xlsx([["full_name", "email"], *[[]] * 10, *people])

    response = post_file(secretariat, event, "list.xlsx", content)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Import 1000 rows" in page
    assert "Participant 999" in page


def test_a_csv_list_of_1001_participants_is_refused(secretariat, event):
    lines = ["full_name;email", *(f"Participant {n};p{n}@example.org" for n in range(1001))]

    response = post_file(secretariat, event, "list.csv", "\n".join(lines).encode())

    assert_refused(response, "The file has more than 1,000 rows. Split it into smaller files.")


def test_a_csv_of_more_than_5000_lines_is_refused_even_when_they_are_blank(secretariat, event):
    content = b"full_name\nA. Diallo\n" + b"\n" * 5000 + b"B. Diallo\n"

    response = post_file(secretariat, event, "list.csv", content)

    assert_refused(response, "The file has more than 5,000 rows, counting the empty ones.")


def test_a_50_mb_csv_is_refused_by_its_size_before_it_is_read(secretariat, event):
    content = b"full_name\n" + b"A. Diallo\n" * (5 * 1024 * 1024)
    started = time.perf_counter()

    response = post_file(secretariat, event, "list.csv", content)

    assert len(content) > 50 * 1024 * 1024
    assert_refused(response, "The file is larger than 2 MB. Split it into smaller files.")
    assert time.perf_counter() - started < 20


def test_a_list_holding_more_than_1_mb_of_text_is_refused(secretariat, event):
    # 900 people, each with a 1,200-character position: 1.1 MB, under the 2 MB of the file.
    lines = ["full_name;position", *(f"Participant {n};{'x' * 1200}" for n in range(900))]

    response = post_file(secretariat, event, "list.csv", "\n".join(lines).encode())

    assert_refused(
        response, "The columns the import reads hold more than 1 MB of text. Split the file"
    )


def test_cells_past_the_50th_column_count_before_openpyxl_reads_them(secretariat, event):
    # 1,000 people whose rows run on to column 350: 300,000 cells the import would never show.
    def rows():
        yield PEOPLE_ROWS[0]
        for r in range(2, 1002):
            far = "".join(f'<c r="{get_column_letter(c)}{r}"><v>1</v></c>' for c in range(51, 351))
            yield f'<row r="{r}"><c r="A{r}" t="s"><v>2</v></c>{far}</row>'.encode()

    content = workbook(rows(), shared(PEOPLE))
    started = time.perf_counter()

    response = post_file(secretariat, event, "list.xlsx", content)

    assert_refused(response, "The file has more than 100,000 filled cells.")
    assert time.perf_counter() - started < 5


# --- The preview kept in the cache ------------------------------------------------------------


def test_a_second_preview_replaces_the_first_in_the_cache(secretariat, event):
    first = token_of(post_file(secretariat, event, "a.csv", b"full_name\nA. Diallo\n"))
    second = token_of(post_file(secretariat, event, "b.csv", b"full_name\nB. Diallo\n"))
    url = f"/workshops/{event.pk}/participants/import/"

    stale = secretariat.post(url, {"token": first}, follow=True)
    confirmed = secretariat.post(url, {"token": second})

    assert "This preview has expired. Upload the file again." in stale.content.decode()
    assert confirmed.status_code == 302
    assert list(Participant.objects.values_list("person__full_name", flat=True)) == ["B. Diallo"]


def test_a_preview_is_confirmed_for_its_own_event_only(secretariat, event):
    other = factories.EventFactory(title="Another meeting")
    token = token_of(post_file(secretariat, event, "a.csv", b"full_name\nA. Diallo\n"))

    response = secretariat.post(
        f"/workshops/{other.pk}/participants/import/", {"token": token}, follow=True
    )

    assert "This preview has expired. Upload the file again." in response.content.decode()
    assert not Participant.objects.exists()
