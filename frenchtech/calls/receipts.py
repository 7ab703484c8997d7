"""The submission receipt: a PDF naming the version and the fingerprint of what was submitted."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from frenchtech.calls.sections import SECTIONS


def receipt_pdf(version) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, only needed for receipts

    application = version.application
    with translation.override("fr"):
        html = render_to_string(
            "calls/receipt.html",
            {
                "version": version,
                "application": application,
                "sections": [
                    {"title": d.title, "data": version.snapshot["sections"].get(d.key, {})}
                    for d in SECTIONS
                ],
                "attachments": version.snapshot["attachments"],
                "demo": is_demo(application),
            },
        )
    return HTML(string=html).write_pdf()


def receipt_filename(version) -> str:
    return f"accuse-reception-candidature-{version.application_id}-v{version.number}.pdf"


def is_demo(application) -> bool:
    """A PDF of demo data says so on every page: a demo site, or a demo consortium."""
    return bool(settings.FRENCHTECH_DEMO or application.consortium.is_demo)
