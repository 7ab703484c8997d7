"""A submission receipt of demo data says so on every page; a real one does not."""

import pytest
import weasyprint

from frenchtech.calls import actions
from frenchtech.calls.receipts import receipt_path, receipt_pdf
from tests.calls.factories import fill_completely

pytestmark = pytest.mark.django_db


def test_the_receipt_is_marked_demo_only_for_demo_data(application, lead, monkeypatch, settings):
    rendered = []
    original = weasyprint.HTML

    def capture(*args, string=None, **kwargs):
        rendered.append(string)
        return original(*args, string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", capture)
    fill_completely(application, lead)
    version = actions.submit_application(application=application, by=lead)
    settings.FRENCHTECH_DEMO = False
    application.consortium.is_demo = False
    assert receipt_pdf(version).startswith(b"%PDF")
    assert "DÉMONSTRATION" not in rendered[-1]
    application.consortium.is_demo = True  # a demo consortium on a real site
    version.application = application
    receipt_path(version).unlink()  # built once per version: build it again
    receipt_pdf(version)
    assert 'id="demo-marking"' in rendered[-1]
    assert "DÉMONSTRATION — données synthétiques" in rendered[-1]
