"""The document upload form, and telling a document's type from its content, not its name."""

import zipfile
from dataclasses import dataclass

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ssrportal import filenames
from workshops.models import Document

MAX_DOCUMENT_SIZE = 20 * 1024 * 1024
NOT_A_DOCUMENT = _("This file is not a PDF, DOCX, XLSX, PPTX or ODT document.")


@dataclass(frozen=True)
class DocumentType:
    name: str
    extension: str
    content_type: str


PDF = DocumentType("PDF", ".pdf", "application/pdf")
DOCX = DocumentType(
    "DOCX",
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
XLSX = DocumentType(
    "XLSX", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
PPTX = DocumentType(
    "PPTX",
    ".pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
ODT = DocumentType("ODT", ".odt", "application/vnd.oasis.opendocument.text")
DOCUMENT_TYPES = {kind.extension: kind for kind in (PDF, DOCX, XLSX, PPTX, ODT)}

# An Office Open XML file names its main part's type in [Content_Types].xml; the part sits in
# the folder of its application. Macro-enabled variants (.docm...) have other types: refused.
OFFICE_MAIN_PARTS = [
    (DOCX, "word/", f"{DOCX.content_type}.main+xml"),
    (XLSX, "xl/", f"{XLSX.content_type}.main+xml"),
    (PPTX, "ppt/", f"{PPTX.content_type}.main+xml"),
]
# Enough to read the parts that say the type; a larger one is not a document of ours.
MAX_PART_SIZE = 1024 * 1024


def document_type(upload) -> DocumentType | None:
    """The type of an uploaded file from its first bytes and, for a ZIP file, its parts."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            return zip_document_type(archive)
    # A damaged or crafted archive can fail in any of these ways; each means "not ours".
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        return None
    finally:
        upload.seek(0)


def zip_document_type(archive: zipfile.ZipFile) -> DocumentType | None:
    names = set(archive.namelist())
    if "mimetype" in names:
        is_text = read_part(archive, "mimetype").strip() == ODT.content_type.encode()
        return ODT if is_text and "content.xml" in names else None
    if "[Content_Types].xml" not in names:
        return None
    content_types = read_part(archive, "[Content_Types].xml")
    for kind, folder, main_type in OFFICE_MAIN_PARTS:
        has_part = any(name.startswith(folder) for name in names)
        if has_part and main_type.encode() in content_types:
            return kind
    return None


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    if archive.getinfo(name).file_size > MAX_PART_SIZE:
        return b""
    with archive.open(name) as part:
        return part.read(MAX_PART_SIZE)


class DocumentForm(forms.ModelForm):
    """An agenda, a concept note, a report... as PDF, DOCX, XLSX, PPTX or ODT, up to 20 MB."""

    class Meta:
        model = Document
        fields = ["kind", "title", "language", "file"]
        help_texts = {"file": _("PDF, DOCX, XLSX, PPTX or ODT; at most 20 MB.")}
        widgets = {
            "file": forms.ClearableFileInput(
                attrs={"accept": ",".join(DOCUMENT_TYPES)},
            )
        }

    def clean_file(self):
        return checked_document(self.cleaned_data["file"])


def checked_document(upload):
    """``upload`` if it is a PDF, DOCX, XLSX, PPTX or ODT file of at most 20 MB whose name ends
    in its type's extension, its name shortened to one any storage keeps; else a
    ValidationError that says what is wrong and what to do."""
    if upload.size > MAX_DOCUMENT_SIZE:
        raise forms.ValidationError(
            _("The file is larger than 20 MB (%(size)s MB).")
            % {"size": number_format(upload.size / 1024 / 1024, 1)}
        )
    kind = document_type(upload)
    if kind is None:
        raise forms.ValidationError(NOT_A_DOCUMENT)
    extension = filenames.extension(upload.name).lower()
    if not extension:
        raise forms.ValidationError(
            _(
                "This file is a %(type)s document, but its name has no extension. "
                "Rename it to end in “%(right)s” and upload it again."
            )
            % {"type": kind.name, "right": kind.extension}
        )
    if extension != kind.extension:
        raise forms.ValidationError(
            _(
                "This file is a %(type)s document, but its name ends in “%(extension)s”. "
                "Rename it to end in “%(right)s” and upload it again."
            )
            % {"type": kind.name, "extension": extension, "right": kind.extension}
        )
    upload.name = filenames.shortened(upload.name)
    return upload
