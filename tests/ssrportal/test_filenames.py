"""A file sent with a name of 1,000 bytes is taken by every upload of the portal, under a
shortened name, instead of a bare 400 page that lost the form or a 500 from the disk (issue 13,
point 6).

The requests are written out byte for byte: Django's test client would cut the name to 255
characters before sending it, which a crafted request or another client does not.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from lessons.models import Attachment, Lesson
from partners.models import Person
from ssrportal.filenames import UPLOAD_HANDLERS
from tests import factories
from tests.lessons.test_views import lesson_data
from workshops.models import Document, EventOrganiser

pytestmark = pytest.mark.django_db

AGENDA = (Path(__file__).parent.parent / "workshops" / "data" / "agenda.pdf").read_bytes()
BOUNDARY = "----PortalUploadBoundary7MA4YWxkTrZu0gW"

# Each 1,000 bytes long: 996 bytes of stem and the extension.
STEMS = {"ascii": "a" * 996, "accented": "é" * 498}
# What is kept: the extension and as much of the stem as fits in 200 bytes.
KEPT_STEMS = {"ascii": "a" * 196, "accented": "é" * 98}


def post_with_file(client, url: str, fields: dict, file_field: str, name: str, content: bytes):
    """POST ``fields`` and one file named ``name``, as a browser writes the request."""
    parts = []
    for field, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"\r\n\r\n'
                f"{one}\r\n".encode()
            )
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return client.post(
        url, b"".join(parts), content_type=f"multipart/form-data; boundary={BOUNDARY}"
    )


@pytest.fixture
def secretariat(client, secretariat_user):
    client.force_login(secretariat_user)
    return client


@pytest.fixture
def short_name_handlers(settings):
    """The upload handlers that shorten a name as it arrives. ssrportal/settings.py is to name
    them in FILE_UPLOAD_HANDLERS; until it does, these tests do."""
    settings.FILE_UPLOAD_HANDLERS = UPLOAD_HANDLERS


@pytest.mark.parametrize("script", STEMS)
def test_an_event_document_with_a_1000_byte_name_is_kept_under_a_shorter_one(secretariat, script):
    event = factories.EventFactory()
    name = f"{STEMS[script]}.pdf"
    assert len(name.encode()) == 1000

    response = post_with_file(
        secretariat,
        f"/workshops/{event.pk}/documents/upload/",
        {"kind": "agenda", "title": "Agenda", "language": "en"},
        "file",
        name,
        AGENDA,
    )

    document = Document.objects.get(event=event)
    kept = f"{KEPT_STEMS[script]}.pdf"
    assert response.status_code == 302
    assert Path(document.file.name).name == kept
    download = secretariat.get(f"/workshops/documents/{document.pk}/")
    assert b"".join(download.streaming_content) == AGENDA
    assert "filename" in download["Content-Disposition"]


def test_a_document_whose_long_name_hides_another_type_is_refused_next_to_the_field(
    secretariat,
):
    event = factories.EventFactory()

    response = post_with_file(
        secretariat,
        f"/workshops/{event.pk}/documents/upload/",
        {"kind": "agenda", "title": "Agenda", "language": "en"},
        "file",
        f"{'é' * 498}.exe",
        AGENDA,
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors == [
        "This file is a PDF document, but its name ends in “.exe”. "
        "Rename it to end in “.pdf” and upload it again."
    ]
    assert response.context["form"]["title"].value() == "Agenda"
    assert not Document.objects.filter(event=event).exists()


def test_a_document_without_an_extension_is_refused_next_to_the_field(secretariat):
    event = factories.EventFactory()

    response = post_with_file(
        secretariat,
        f"/workshops/{event.pk}/documents/upload/",
        {"kind": "agenda", "title": "Agenda", "language": "en"},
        "file",
        "Ordre du jour",
        AGENDA,
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This file is a PDF document, but its name has no extension. "
        "Rename it to end in “.pdf” and upload it again."
    ]


def test_a_large_file_whose_name_ends_in_a_long_dotted_phrase_is_refused_next_to_the_field(
    secretariat, short_name_handlers
):
    # Past FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), the upload waits in a temporary file named
    # after what follows the last dot: 250 letters and more did not open (a 500).
    event = factories.EventFactory()
    name = "Rapport. " + "Atelier de Bamako sur la réforme du secteur de la sécurité " * 5
    content = AGENDA + b"\n%" + b"0" * 3_000_000

    response = post_with_file(
        secretariat,
        f"/workshops/{event.pk}/documents/upload/",
        {"kind": "report", "title": "Rapport", "language": "fr"},
        "file",
        name,
        content,
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "This file is a PDF document, but its name has no extension. "
        "Rename it to end in “.pdf” and upload it again."
    ]
    assert response.context["form"]["title"].value() == "Rapport"
    assert not Document.objects.filter(event=event).exists()


@pytest.mark.parametrize("script", STEMS)
def test_a_document_added_in_the_admin_with_a_1000_byte_name_is_kept_under_a_shorter_one(
    client, admin_user, short_name_handlers, script
):
    client.force_login(admin_user)
    event = factories.EventFactory()

    response = post_with_file(
        client,
        reverse("admin:workshops_document_add"),
        {"event": event.pk, "kind": "agenda", "title": "Agenda", "language": "en"},
        "file",
        f"{STEMS[script]}.pdf",
        AGENDA,
    )

    document = Document.objects.get(event=event)
    assert response.status_code == 302
    assert document.file.name == f"events/{event.pk}/{KEPT_STEMS[script]}.pdf"
    with document.file.open("rb") as stored:
        assert stored.read() == AGENDA


@pytest.mark.parametrize("script", STEMS)
def test_a_lesson_attachment_with_a_1000_byte_name_is_kept_under_a_shorter_one(
    client, focal_point_user, script
):
    client.force_login(focal_point_user)
    event = factories.EventFactory(language="fr", status="held")
    EventOrganiser.objects.create(
        event=event, organisation=focal_point_user.organisation, role_id="organiser", position=1
    )

    response = post_with_file(
        client,
        "/lessons/new/",
        lesson_data(event, attachment_title="Rapport"),
        "attachment",
        f"{STEMS[script]}.pdf",
        AGENDA,
    )

    attachment = Attachment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/lessons/{attachment.lesson_id}/"
    assert Path(attachment.file.name).name == f"{KEPT_STEMS[script]}.pdf"
    assert Lesson.objects.get().title == "Associer les OSC dès la note conceptuelle"


@pytest.mark.parametrize("script", STEMS)
def test_a_participant_list_with_a_1000_byte_name_is_previewed(secretariat, script):
    event = factories.EventFactory()
    rows = "full_name,email\nAïssata Traoré,aissata.traore@example.org\n"

    response = post_with_file(
        secretariat,
        f"/workshops/{event.pk}/participants/import/",
        {},
        "file",
        f"{STEMS[script]}.csv",
        rows.encode(),
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Aïssata Traoré" in page
    assert re.search(r'name="token" value="[^"]+"', page)


@pytest.mark.parametrize("script", STEMS)
def test_the_admins_directory_import_with_a_1000_byte_name_is_previewed(client, admin_user, script):
    client.force_login(admin_user)
    factories.PersonFactory(full_name="Oumar Diop", email="oumar.diop@au.int")
    rows = "email,full_name,position\noumar.diop@au.int,Oumar Diop,Head of the JLMP Support Unit\n"

    response = post_with_file(
        client,
        reverse("admin:partners_person_import"),
        {"resource": "0", "format": "0"},
        "import_file",
        f"{STEMS[script]}.csv",
        rows.encode(),
    )

    assert response.status_code == 200
    assert [row.import_type for row in response.context["result"].rows] == ["update"]
    assert Person.objects.get(email="oumar.diop@au.int").position == "JLMP Support Unit Coordinator"
