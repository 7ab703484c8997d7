import io
import json
import re
import zlib

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from frenchtech.accounts.enums import Role
from frenchtech.calls import actions
from tests.calls.factories import NO_OBSERVATORY, consortium, fill_completely, lead_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_applications(call):
    applications = []
    for name, city in (('=HYPERLINK("x") Lyon', "lyon"), ("Bordeaux", "bordeaux")):
        organisation = consortium(name, city)
        lead = lead_of(organisation)
        applications.append(
            actions.start_application(
                call=call, consortium=organisation, by=lead, store=NO_OBSERVATORY
            )
        )
    return applications


def test_exports_carry_each_application_absolute_url_and_filters(client_for, two_applications):
    client = client_for(Role.MISSION_OFFICER)
    data = json.loads(client.get(reverse("calls:export", args=["json"])).content)["applications"]
    assert {row["url"] for row in data} == {
        f"http://testserver{application.get_absolute_url()}" for application in two_applications
    }
    filtered = client.get(reverse("calls:export", args=["json"]) + "?state=submitted")
    assert json.loads(filtered.content)["applications"] == []


def test_csv_and_xlsx_neutralise_formulas(client_for, two_applications):
    client = client_for(Role.MISSION_OFFICER)
    csv_text = client.get(reverse("calls:export", args=["csv"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    workbook = load_workbook(io.BytesIO(client.get(reverse("calls:export", args=["xlsx"])).content))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert '\'=HYPERLINK("x") Lyon' in values
    assert any(str(value).startswith("http://testserver/appels/candidatures/") for value in values)


def test_the_receipt_is_a_pdf_naming_the_fingerprint(client, application, lead):
    fill_completely(application, lead)
    version = actions.submit_application(application=application, by=lead)
    client.force_login(lead)
    response = client.get(reverse("calls:receipt", args=[application.pk, 1]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    # The fingerprint is printed on the page and also stored in the PDF's keywords.
    assert f"sha256:{version.fingerprint}" in pdf_strings(response.content)


def pdf_strings(pdf: bytes) -> str:
    """The PDF's raw bytes plus its inflated streams, decoded loosely, for searching."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    text = b"".join(chunks)
    # Metadata strings may be stored as hex-encoded UTF-16.
    for hex_string in re.findall(rb"<FEFF([0-9A-Fa-f]+)>", text):
        chunks.append(bytes.fromhex(hex_string.decode()).decode("utf-16-be").encode())
    return b"".join(chunks).decode("latin-1")
