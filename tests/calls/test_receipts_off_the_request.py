"""The receipt's PDF is built after the submission commits, off the request, and once."""

import threading

import pytest
from django.core import mail
from django.urls import reverse

from frenchtech.calls import actions, receipts
from tests.calls.factories import fill_completely

pytestmark = pytest.mark.django_db


@pytest.fixture
def builds(monkeypatch):
    """Counts the PDFs built (WeasyPrint runs as usual)."""
    count = []
    real = receipts._build_pdf

    def counting(version):
        count.append(version.pk)
        return real(version)

    monkeypatch.setattr(receipts, "_build_pdf", counting)
    return count


def test_the_submission_builds_no_pdf_and_the_mail_after_commit_builds_it_once(
    application, lead, client, builds, django_capture_on_commit_callbacks
):
    fill_completely(application, lead)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = actions.submit_application(application=application, by=lead)
    assert builds == []  # nothing built inside the submission's transaction
    for callback in callbacks:
        callback()
    assert builds == [version.pk]
    receipt_mail = mail.outbox[-1]
    filename, content, mimetype = receipt_mail.attachments[0]
    assert (filename, mimetype) == (receipts.receipt_filename(version), "application/pdf")
    assert content.startswith(b"%PDF")
    assert receipts.receipt_path(version).read_bytes() == content
    # Downloads read the file written then: no second build.
    client.force_login(lead)
    response = client.get(reverse("calls:receipt", args=[application.pk, version.number]))
    assert response.content == content
    assert builds == [version.pk]


def test_a_download_before_the_mail_builds_it_and_the_mail_reuses_it(
    application, lead, client, builds, django_capture_on_commit_callbacks
):
    fill_completely(application, lead)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        version = actions.submit_application(application=application, by=lead)
    client.force_login(lead)
    downloaded = client.get(reverse("calls:receipt", args=[application.pk, 1])).content
    for callback in callbacks:
        callback()
    assert builds == [version.pk]
    assert mail.outbox[-1].attachments[0][1] == downloaded


def test_in_the_server_the_mail_is_sent_by_the_background_thread(
    application, lead, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.FRENCHTECH_RECEIPTS_IN_BACKGROUND = True
    sent = []

    def record(version_id, subject, body, recipients):
        sent.append((threading.current_thread().name, version_id, recipients))

    monkeypatch.setattr(receipts, "_send", record)
    fill_completely(application, lead)
    with django_capture_on_commit_callbacks(execute=True):
        version = actions.submit_application(application=application, by=lead)
    receipts.wait_for_receipts()
    ((thread, version_id, recipients),) = sent
    assert thread.startswith("receipts")
    assert version_id == version.pk
    assert lead.email in recipients
