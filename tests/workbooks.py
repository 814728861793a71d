"""XLSX workbooks built part by part, honest or hostile, for the import tests: no binary fixture.

openpyxl writes its strings inline; these write a shared-strings part as Excel does, so that a
test can make it as large, as many or as well packed as it needs.
"""

import io
import struct
import zipfile
from collections.abc import Iterable

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{PACKAGE}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OFFICE}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{OFFICE}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
        '<sheet name="Participants" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}

# A participant list: two columns and one person, their text in the shared strings 0 to 3.
PEOPLE = ["full_name", "email", "Aïssata Traoré", "aissata.traore@example.org"]
PEOPLE_ROWS = [
    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
    b'<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>',
]


def shared(strings: Iterable[str]) -> Iterable[bytes]:
    for text in strings:
        yield f"<si><t>{text}</t></si>".encode()


def workbook(rows: Iterable[bytes], strings: Iterable[bytes]) -> bytes:
    """A workbook of one sheet: ``rows`` are its <row> elements, ``strings`` its shared
    strings' <si> elements, each written as it comes (a part of 200 MiB costs no memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in PARTS.items():
            archive.writestr(name, text)
        for name, start, chunks, end in [
            (
                "xl/worksheets/sheet1.xml",
                f'<worksheet xmlns="{MAIN}"><sheetData>',
                rows,
                "</sheetData></worksheet>",
            ),
            ("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">', strings, "</sst>"),
        ]:
            with archive.open(name, "w") as part:
                part.write(start.encode())
                for chunk in chunks:
                    part.write(chunk)
                part.write(end.encode())
    return out.getvalue()


def participants_workbook() -> bytes:
    return workbook(PEOPLE_ROWS, shared(PEOPLE))


def shared_strings_bomb(mebibytes: int = 200) -> bytes:
    """The issue's file: one person, then shared strings of one letter (61,680 a MiB, each an
    object to openpyxl) that unpack to ``mebibytes`` MiB, packed about 400 times here. The
    issue's 208 KB file took openpyxl 96 s and 2.7 GB to load."""

    def strings():
        yield from shared(PEOPLE)
        one = b"<si><t>A</t></si>"
        mebibyte = one * (1024 * 1024 // len(one))
        for _ in range(mebibytes):
            yield mebibyte

    return workbook(PEOPLE_ROWS, strings())


def lying_about_size(data: bytes, name: str, size: int) -> bytes:
    """``data`` whose directory says that part ``name`` unpacks to ``size`` bytes, in its local
    header and in the central directory alike."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    data = bytearray(data)
    # The local header: signature, then the uncompressed size at byte 22.
    assert data[info.header_offset : info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, info.header_offset + 22, size)
    # Each central directory entry names its part from byte 46; the size is at byte 24.
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46 : entry + 46 + len(name)] != name.encode():
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, size)
    return bytes(data)


def edited(data: bytes, name: str, old: bytes, new: bytes) -> bytes:
    """``data`` with ``old`` replaced by ``new`` in its part ``name``."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for part in source.infolist():
            text = source.read(part)
            target.writestr(part, text.replace(old, new) if part.filename == name else text)
    return out.getvalue()
