"""The reporting tables as CSV or XLSX (amounts in euros with cents, for spreadsheets)."""

import csv
import io

from openpyxl import Workbook

from frenchtech.funding import reporting

HEADER = [
    "Périmètre",
    "Regroupement",
    "Montant de l'enveloppe (€)",
    "Engagé (€)",
    "Versé (€)",
    "Reste à engager (€)",
    "Apport privé mobilisé (€)",
]


def _euros(cents):
    return None if cents is None else round(cents / 100, 2)


def report_rows() -> list[list]:
    rows = []
    for scope, found in (
        ("enveloppe", reporting.by_envelope()),
        ("écosystème", reporting.by_consortium()),
        ("partenaire", reporting.by_partner()),
    ):
        for row in found:
            rows.append(
                [
                    scope,
                    row.label,
                    _euros(row.amount_cents),
                    _euros(row.committed_cents),
                    _euros(row.paid_cents),
                    _euros(row.remaining_cents),
                    _euros(row.private_levered_cents),
                ]
            )
    return rows


def as_csv() -> str:
    buffer = io.StringIO()
    # Semicolons: what French spreadsheet software opens without an import dialog.
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    for row in report_rows():
        writer.writerow(
            [
                "" if v is None else str(v).replace(".", ",") if isinstance(v, float) else v
                for v in row
            ]
        )
    return buffer.getvalue()


def as_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Financements"
    sheet.append(HEADER)
    for row in report_rows():
        sheet.append(row)
    for column in "CDEFG":
        for cell in sheet[column][1:]:
            cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
