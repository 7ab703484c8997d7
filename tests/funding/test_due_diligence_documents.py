"""Due-diligence documents: checked by content on upload, downloaded through a
permission-checked view (the links used to lead to 404s)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.funding.models import DueDiligenceItem
from tests.committee.builders import sign_in_with_otp
from tests.factories import UserWithRoleFactory
from tests.funding.factories import make_accelerator, make_envelope
from tests.funding.investment_steps import file_at

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dossier(mission_officer):
    accelerator = make_accelerator()
    investment_file = file_at(
        "due_diligence", by=mission_officer, accelerator=accelerator, envelope=make_envelope()
    )
    return investment_file, investment_file.checklist.order_by("position").first()


def upload(client, investment_file, item, name, content):
    return client.post(
        reverse("funding:file_check_item", args=[investment_file.pk, item.pk]),
        {"note": "vu", "document": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_a_pdf_is_kept_and_its_link_downloads_it(client, mission_officer, dossier):
    investment_file, item = dossier
    sign_in_with_otp(client, mission_officer)
    page = upload(client, investment_file, item, "statuts.pdf", PDF_BYTES).content.decode()
    url = reverse("funding:file_item_document", args=[investment_file.pk, item.pk])
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "statuts.pdf" in response["Content-Disposition"]
    response.close()


def test_a_text_file_renamed_pdf_is_refused_with_a_clear_message(client, mission_officer, dossier):
    investment_file, item = dossier
    sign_in_with_otp(client, mission_officer)
    page = upload(client, investment_file, item, "statuts.pdf", b"juste du texte\n" * 20)
    html = page.content.decode()
    assert "statuts.pdf" in html
    assert "son contenu n&#x27;est pas d&#x27;un type accepté" in html
    item.refresh_from_db()
    assert not item.is_done
    assert not item.document


def test_who_may_download_a_document(client_for, mission_officer, dossier):
    investment_file, item = dossier
    item.document = SimpleUploadedFile("kbis.pdf", PDF_BYTES)
    item.save()
    url = reverse("funding:file_item_document", args=[investment_file.pk, item.pk])
    member = UserWithRoleFactory(Role.ACCELERATOR_FINANCE, organisation=investment_file.accelerator)
    for role in (Role.ACCELERATOR_MANAGER, Role.CONSORTIUM_LEAD, Role.COMMITTEE_MEMBER):
        assert client_for(role).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302
    other_item = DueDiligenceItem.objects.exclude(pk=item.pk).first()
    missing = reverse("funding:file_item_document", args=[investment_file.pk, other_item.pk])
    assert client_for(Role.MISSION_OFFICER).get(missing).status_code == 404
    # Last: closing a file response ends the request, and the test's connection with it.
    response = sign_in(member).get(url)
    assert response.status_code == 200
    response.close()


def sign_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client
