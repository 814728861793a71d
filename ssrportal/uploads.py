"""Limits on an uploaded spreadsheet, checked before and while it is read.

An XLSX workbook is a zip archive of XML parts, and a small upload can unpack to a great deal:
a 208 KB file whose shared strings expand to 200 MiB held a web worker for 96 s at 2.7 GB,
because openpyxl, even in read-only mode, loads every shared string before the first row.
``check_workbook`` looks at the archive before openpyxl opens it: its directory (how much it
unpacks to, how hard each part is packed), then the markup of each part, counted without being
parsed. ``workbook_rows`` then streams the first sheet in read-only mode, and ``capped`` stops
any table (rows of a workbook or of a CSV file) past a number of rows or of filled cells.

The participant import (``workshops.imports``) and the directory import of the admin
(``partners.admin``) share them.
"""

import io
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence

from django.utils.formats import number_format
from django.utils.translation import gettext as _

MAX_UNPACKED_SIZE = 20 * 1024 * 1024
MAX_PARTS = 1000
# A spreadsheet program's parts pack 5 to 30 times; a zip bomb's, hundreds or a thousand times.
# Only parts past a megabyte are judged: a small part may pack well and costs nothing.
MAX_RATIO = 100
RATIO_FROM_SIZE = 1024 * 1024
# Rows read, the empty ones included (a sheet may number its rows from 1 to a billion), and
# filled cells.
MAX_ROWS = 5000
MAX_CELLS = 100_000
# openpyxl's work follows the tags it parses. The sheets and the shared strings hold about
# four a cell (<c><v>1</v></c>) and four a string (<si><t>a</t></si>): an honest workbook of N
# cells has fewer than 10 N there. 1.3 million one-letter shared strings (20 MiB) took 7.6 s
# and 190 MB to load, a quarter of a million 1.7 s. Every other part (the workbook, its
# styles, names, properties, drawings) is small in an honest file and costs openpyxl up to
# 14 µs a tag: 240,000 cell formats in xl/styles.xml took 3.4 s and 160 MB.
TAGS_PER_CELL = 10
CELL_PARTS = ("xl/worksheets/", "xl/sharedStrings.xml")
OTHER_TAGS = 100_000
CHUNK_SIZE = 64 * 1024


class UploadRefused(Exception):
    """The file is refused before or while it is read; the message says why, for its reader."""


def too_many_rows(count: int) -> UploadRefused:
    return UploadRefused(
        _(
            "The file has more than %(count)s rows, counting the empty ones. Split it into "
            "smaller files."
        )
        % {"count": number_format(count, force_grouping=True)}
    )


def too_many_cells(count: int) -> UploadRefused:
    return UploadRefused(
        _("The file has more than %(count)s filled cells. Split it into smaller files.")
        % {"count": number_format(count, force_grouping=True)}
    )


def not_readable() -> UploadRefused:
    return UploadRefused(_("This file is not a readable XLSX workbook."))


def check_workbook(data: bytes, *, max_cells: int = MAX_CELLS) -> None:
    """Refuse, with UploadRefused, a workbook that is no zip archive, unpacks to more than
    MAX_UNPACKED_SIZE or MAX_PARTS parts, packs a large part more than MAX_RATIO times, or holds
    more markup than ``max_cells`` cells need.

    Reads the archive's directory, then unpacks each part once to count its tags: at most
    MAX_UNPACKED_SIZE in all, since zipfile stops a part at the size the directory declares (and
    fails its checksum when the part holds more)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise UploadRefused(_("This file is not an XLSX workbook.")) from None
    with archive:
        parts = archive.infolist()
        check_directory(parts)
        try:
            count_tags(archive, parts, max_cells=max_cells)
        # A damaged, encrypted or strangely packed part.
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, zlib.error):
            raise not_readable() from None


def check_directory(parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise UploadRefused(
            _(
                "This workbook holds more than %(count)s parts. Copy the list alone into a new "
                "workbook, or save it as CSV."
            )
            % {"count": number_format(MAX_PARTS, force_grouping=True)}
        )
    if sum(part.file_size for part in parts) > MAX_UNPACKED_SIZE:
        raise UploadRefused(
            _(
                "This workbook unpacks to more than %(size)s MB. Copy the list alone into a new "
                "workbook, or save it as CSV."
            )
            % {"size": MAX_UNPACKED_SIZE // (1024 * 1024)}
        )
    for part in parts:
        if part.file_size > RATIO_FROM_SIZE and part.file_size > MAX_RATIO * part.compress_size:
            raise UploadRefused(
                _(
                    "This workbook is packed more than %(ratio)s times over, as no spreadsheet "
                    "program saves one. Copy the list into a new workbook, or save it as CSV."
                )
                % {"ratio": MAX_RATIO}
            )


def count_tags(archive: zipfile.ZipFile, parts: list[zipfile.ZipInfo], *, max_cells: int):
    """Refuse past TAGS_PER_CELL tags a cell in the sheets and shared strings, or OTHER_TAGS in
    the other parts. The parts are told apart by name: a file that moves its styles or names
    among the sheets gets no further than the cells' allowance."""
    cell_tags = other_tags = 0
    for part in parts:
        holds_cells = part.filename.startswith(CELL_PARTS) and part.filename.endswith(".xml")
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK_SIZE):
                if holds_cells:
                    cell_tags += chunk.count(b"<")
                else:
                    other_tags += chunk.count(b"<")
                if cell_tags > TAGS_PER_CELL * max_cells:
                    raise too_many_cells(max_cells)
                if other_tags > OTHER_TAGS:
                    raise UploadRefused(
                        _(
                            "Besides its cells, this workbook holds more (styles, names, "
                            "drawings) than a list needs. Copy the list alone into a new "
                            "workbook, or save it as CSV."
                        )
                    )


def capped(
    rows: Iterable[Sequence], *, max_rows: int = MAX_ROWS, max_cells: int = MAX_CELLS
) -> Iterator[Sequence]:
    """``rows`` one by one, refused (UploadRefused) at the first row past ``max_rows``, empty
    ones included, or past ``max_cells`` filled cells in all."""
    cells = 0
    for number, row in enumerate(rows, start=1):
        if number > max_rows:
            raise too_many_rows(max_rows)
        cells += sum(value is not None and value != "" for value in row)
        if cells > max_cells:
            raise too_many_cells(max_cells)
        yield row


def workbook_rows(
    data: bytes, *, max_columns: int, max_rows: int = MAX_ROWS, max_cells: int = MAX_CELLS
) -> Iterator[tuple]:
    """The values of the first sheet's rows, ``max_columns`` of each, read as they are needed.

    Raises UploadRefused when ``check_workbook`` refuses the file, when openpyxl cannot read it,
    or past ``max_rows`` or ``max_cells`` (see ``capped``)."""
    from openpyxl import load_workbook

    check_workbook(data, max_cells=max_cells)
    try:
        # External links carry cached copies of other workbooks: not read.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    # openpyxl raises many kinds of errors on a damaged or disguised workbook.
    except Exception:
        raise not_readable() from None
    try:
        sheet = workbook.worksheets[0]
        # max_row and max_col stop openpyxl itself: without them it pads every row to the
        # dimension the sheet declares, which may be A1:XFD1048576.
        values = sheet.iter_rows(values_only=True, max_row=max_rows + 1, max_col=max_columns)
        yield from capped(values, max_rows=max_rows, max_cells=max_cells)
    except UploadRefused:
        raise
    except Exception:
        raise not_readable() from None
    finally:
        workbook.close()
