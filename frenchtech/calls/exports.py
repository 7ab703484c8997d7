"""Exports of the Mission's dashboard: CSV, XLSX and JSON, each row with the page's URL."""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

COLUMNS = (
    ("id", "Numéro"),
    ("call", "Appel"),
    ("consortium", "Consortium"),
    ("epci", "EPCI (SIREN)"),
    ("state", "État"),
    ("state_label", "État (libellé)"),
    ("state_since", "État depuis"),
    ("age_days", "Ancienneté (jours)"),
    ("mission_contact", "Contact Mission"),
    ("first_submitted_at", "Premier dépôt"),
    ("url", "Adresse"),
)
# Spreadsheets run a cell starting with these as a formula: neutralise user text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def rows(applications, absolute_url) -> list[dict]:
    now = timezone.now()
    return [
        {
            "id": application.pk,
            "call": application.call.title,
            "consortium": application.consortium.name,
            "epci": application.consortium.territory_id,
            "state": application.state,
            "state_label": str(application.get_state_display()),
            "state_since": timezone.localtime(application.state_changed_at).isoformat(),
            "age_days": (now - application.created_at).days,
            "mission_contact": application.mission_contact.email
            if application.mission_contact
            else "",
            "first_submitted_at": timezone.localtime(application.first_submitted_at).isoformat()
            if application.first_submitted_at
            else "",
            "url": absolute_url(application),
        }
        for application in applications
    ]


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(data: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([label for _, label in COLUMNS])
    for row in data:
        writer.writerow([_cell(row[key]) for key, _ in COLUMNS])
    # BOM so that spreadsheet software reads UTF-8 accents correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(data: list[dict]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Candidatures"
    sheet.append([label for _, label in COLUMNS])
    for row in data:
        sheet.append([_cell(row[key]) for key, _ in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(data: list[dict]) -> bytes:
    return json.dumps(
        {"applications": data}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    ).encode()
