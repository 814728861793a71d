import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import factories
from workshops.models import Document

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
NOT_A_DOCUMENT = "This file is not a PDF, DOCX, XLSX, PPTX or ODT document."
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def event():
    return factories.EventFactory()


def zip_of(parts: dict[str, bytes | str]) -> bytes:
    """The same bytes on every call: entries carry a fixed date, not the current time."""
    content = io.BytesIO()
    with zipfile.ZipFile(content, "w") as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2022, 1, 26, 9, 0, 0)), data)
    return content.getvalue()


def office_file(folder: str, main_part: str, main_type: str) -> bytes:
    """The smallest Office Open XML package: its content types, and the main part they name."""
    return zip_of(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f'<Override PartName="/{folder}{main_part}" ContentType="{main_type}"/>'
                "</Types>"
            ),
            f"{folder}{main_part}": "<document/>",
        }
    )


def docx() -> bytes:
    return office_file("word/", "document.xml", f"{DOCX_TYPE}.main+xml")


def odt() -> bytes:
    return zip_of(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"}
    )


def upload(client, event, name: str, content: bytes, **fields):
    data = {"kind": "agenda", "title": "Agenda", "language": "en", **fields}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(f"/workshops/{event.pk}/documents/upload/", data)


def error_next_to_file(response) -> str:
    page = response.content.decode()
    field = page[page.index('id="div_id_file"') :]
    return field[: field.index("</form>")]


def test_a_pdf_is_uploaded_and_stored_under_its_name(secretariat, event, settings):
    content = (DATA / "agenda.pdf").read_bytes()

    response = upload(
        secretariat, event, "Ordre du jour.pdf", content, title="Ordre du jour", language="fr"
    )

    assert response.status_code == 302
    assert response.url == f"/workshops/{event.pk}/"
    document = Document.objects.get(event=event)
    assert (document.kind, document.title, document.language) == ("agenda", "Ordre du jour", "fr")
    assert document.uploaded_by.username == "secretariat"
    stored = Path(settings.MEDIA_ROOT) / document.file.name
    assert stored.read_bytes() == content
    assert stored.name == "Ordre_du_jour.pdf"


def test_a_very_long_file_name_is_shortened_to_fit(secretariat, event):
    response = upload(secretariat, event, "A" * 250 + ".pdf", b"%PDF-1.4\n")

    assert response.status_code == 302
    assert Path(Document.objects.get().file.name).name == "A" * 196 + ".pdf"


@pytest.mark.parametrize("count", [1, 50])
def test_the_upload_page_costs_the_same_queries_for_1_or_50_documents(
    secretariat, event, django_assert_max_num_queries, count
):
    factories.DocumentFactory.create_batch(count, event=event)
    secretariat.get(f"/workshops/{event.pk}/documents/upload/")

    # The user; the event; its documents.
    with django_assert_max_num_queries(3):
        response = secretariat.get(f"/workshops/{event.pk}/documents/upload/")

    assert response.content.decode().count("/workshops/documents/") == count


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("Concept note.docx", docx),
        (
            "Budget.xlsx",
            lambda: office_file(
                "xl/",
                "workbook.xml",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            ),
        ),
        (
            "Slides.pptx",
            lambda: office_file(
                "ppt/",
                "presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
            ),
        ),
        ("Rapport.odt", odt),
    ],
)
def test_office_documents_are_accepted(secretariat, event, name, content):
    response = upload(secretariat, event, name, content(), kind="concept_note")

    assert response.status_code == 302
    assert Document.objects.filter(event=event, kind="concept_note").count() == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", lambda: zip_of({"agenda.txt": "not a PDF"})),
        ("agenda.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("agenda.docx", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200),
        ("report.docx", lambda: zip_of({"[Content_Types].xml": "<Types/>", "word/x.xml": ""})),
        (
            "macro.docm",
            lambda: office_file(
                "word/", "document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml"
            ),
        ),
        ("sheet.ods", lambda: zip_of({"mimetype": "application/vnd.oasis.opendocument.sheet"})),
        ("broken.docx", lambda: b"PK\x03\x04" + b"\x00" * 100),
        ("notes.txt", lambda: b"Agenda\n"),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_next_to_the_field(
    secretariat, event, settings, name, content
):
    response = upload(secretariat, event, name, content())

    assert response.status_code == 200
    assert NOT_A_DOCUMENT in error_next_to_file(response)
    assert not Document.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_document_with_the_wrong_extension_is_refused_with_its_real_type(secretariat, event):
    response = upload(secretariat, event, "agenda.pdf", docx())

    assert (
        "This file is a DOCX document, but its name ends in “.pdf”. Rename it to end in "
        "“.docx” and upload it again." in error_next_to_file(response)
    )
    assert not Document.objects.exists()


def test_a_file_over_20_mb_is_refused(secretariat, event):
    content = b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)

    response = upload(secretariat, event, "report.pdf", content, kind="report")

    assert "The file is larger than 20 MB (21.0 MB)." in error_next_to_file(response)
    assert not Document.objects.exists()


def test_a_missing_title_is_shown_next_to_its_field(secretariat, event):
    response = upload(secretariat, event, "agenda.pdf", b"%PDF-1.4\n", title="")

    page = response.content.decode()
    field = page[page.index('id="div_id_title"') :]
    assert "This field is required." in field[: field.index('id="div_id_language"')]


def test_the_upload_form_lists_the_events_documents(secretariat, event):
    factories.DocumentFactory(event=event, title="Agenda of the meeting")

    page = secretariat.get(f"/workshops/{event.pk}/documents/upload/").content.decode()

    assert "Agenda of the meeting" in page
    assert 'value="en" selected' in page


# --- Download -------------------------------------------------------------------------------------


@pytest.fixture
def document(event):
    return factories.DocumentFactory(
        event=event,
        title="Concept note",
        kind="concept_note",
        file=SimpleUploadedFile("Note conceptuelle é.docx", docx()),
    )


def test_a_focal_point_downloads_a_document_with_its_type_and_name(
    client, focal_point_user, document
):
    client.force_login(focal_point_user)

    response = client.get(f"/workshops/documents/{document.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''Note_conceptuelle_%C3%A9.docx"
    )
    assert b"".join(response.streaming_content) == docx()


def test_a_signed_out_visitor_is_sent_to_sign_in(client, document):
    response = client.get(f"/workshops/documents/{document.pk}/")

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next=/workshops/documents/{document.pk}/"


def test_an_unknown_document_is_not_found(secretariat):
    assert secretariat.get("/workshops/documents/999999/").status_code == 404


def test_a_document_whose_file_is_gone_is_not_found(secretariat, document):
    document.file.delete(save=False)

    assert secretariat.get(f"/workshops/documents/{document.pk}/").status_code == 404


def test_no_public_url_serves_the_uploaded_files(secretariat, document):
    response = secretariat.get(f"/media/{document.file.name}")

    assert response.status_code == 404
