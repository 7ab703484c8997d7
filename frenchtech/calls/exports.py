"""Exports of the Mission's dashboard: CSV, XLSX and JSON, each row with the page's URL."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from frenchtech.core.exports import csv_bytes, xlsx_bytes

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


def _table(data: list[dict]) -> tuple[list, list]:
    return [label for _, label in COLUMNS], [[row[key] for key, _ in COLUMNS] for row in data]


def to_csv(data: list[dict]) -> bytes:
    header, table = _table(data)
    return csv_bytes(header, table, delimiter=";")


def to_xlsx(data: list[dict]) -> bytes:
    header, table = _table(data)
    return xlsx_bytes("Candidatures", header, table)


def to_json(data: list[dict]) -> bytes:
    return json.dumps(
        {"applications": data}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    ).encode()
