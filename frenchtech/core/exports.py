"""The one way the platform writes spreadsheets (CSV and XLSX): formulas neutralised.

A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as
a formula (`=HYPERLINK(...)` in an envelope's or a consortium's name would become a live
link). Every text cell starting so gets a leading apostrophe; numbers stay numbers.
Every CSV or XLSX export goes through `csv_text` / `csv_bytes` / `xlsx_bytes`;
`tests/core/test_exports.py` fails if a module writes one with `csv.writer` or openpyxl
elsewhere.
"""

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A text cell a spreadsheet will show as text, never run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cell(value, decimal_comma: bool):
    if value is None:
        return ""
    if decimal_comma and isinstance(value, float):
        return str(value).replace(".", ",")
    return neutralised(value) if isinstance(value, str) else value


def csv_text(
    header: Sequence,
    rows: Iterable[Sequence],
    *,
    delimiter: str = ",",
    decimal_comma: bool = False,
    lineterminator: str = "\r\n",
) -> str:
    """CSV text; `decimal_comma` writes floats the French way (with `delimiter=";"`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow([_csv_cell(str(label), False) for label in header])
    for row in rows:
        writer.writerow([_csv_cell(value, decimal_comma) for value in row])
    return buffer.getvalue()


def csv_bytes(header: Sequence, rows: Iterable[Sequence], **options) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that spreadsheet software reads the accents."""
    return ("\ufeff" + csv_text(header, rows, **options)).encode("utf-8")


def xlsx_bytes(
    title: str,
    header: Sequence,
    rows: Iterable[Sequence],
    *,
    number_format: str = "",
    number_columns: Sequence[int] = (),
) -> bytes:
    """One-sheet workbook; `number_columns` (0-based) get `number_format`."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cell(value):
        if isinstance(value, str):
            # Control characters make openpyxl refuse the whole file: drop them.
            return neutralised(ILLEGAL_CHARACTERS_RE.sub("", value))
        return value

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([cell(str(label)) for label in header])
    for row in rows:
        sheet.append([cell(value) for value in row])
    if number_format:
        for cells in sheet.iter_rows(min_row=2):
            for index in number_columns:
                cells[index].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
