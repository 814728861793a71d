"""Lists downloaded as CSV (UTF-8 with a byte order mark, for Excel) or XLSX: one way for the
events, participants and lessons exports (the admin's django-import-export escapes formulas
itself: IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT)."""

from collections.abc import Iterable, Sequence

import tablib
from django.http import HttpResponse
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What makes a spreadsheet read a cell as a formula ("=HYPERLINK(...)", "+1", "@SUM").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A text cell as a spreadsheet shows it, not runs it: no control characters (openpyxl
    refuses them), and a leading = + - @ kept as text behind an apostrophe, which Excel and
    LibreOffice hide. Other values (numbers, dates) as they are."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def export_response(
    headers: Sequence, rows: Iterable[Sequence], *, export_format: str, filename: str, title=""
) -> HttpResponse:
    """The rows as a download; ``export_format`` is one of FORMATS (the view checks it)."""
    dataset = tablib.Dataset(headers=[str(header) for header in headers])
    for row in rows:
        dataset.append([spreadsheet_safe(value) for value in row])
    if export_format == "csv":
        content = ("\ufeff" + dataset.export("csv")).encode("utf-8")
    else:
        dataset.title = str(title)[:31] if title else None
        content = dataset.export("xlsx")
    response = HttpResponse(content, content_type=FORMATS[export_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
