"""The reporting tables as CSV or XLSX (amounts in euros with cents, for spreadsheets)."""

from frenchtech.core.exports import csv_text, xlsx_bytes
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
    # Semicolons and decimal commas: what French spreadsheet software opens as is.
    return csv_text(HEADER, report_rows(), delimiter=";", decimal_comma=True)


def as_xlsx() -> bytes:
    return xlsx_bytes(
        "Financements",
        HEADER,
        report_rows(),
        number_format="#,##0.00",
        number_columns=range(2, 7),
    )
