"""The decision letter: a PDF sent to the consortium with the decision and its reasons."""

from django.template.loader import render_to_string
from django.utils import translation

from frenchtech.calls.receipts import is_demo


def decision_letter_pdf(decision) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, only needed for letters

    with translation.override("fr"):
        html = render_to_string(
            "committee/decision_letter.html",
            {
                "decision": decision,
                "application": decision.application,
                "demo": is_demo(decision.application),
            },
        )
    return HTML(string=html).write_pdf()


def decision_letter_filename(decision) -> str:
    return f"decision-candidature-{decision.application_id}-{decision.pk}.pdf"
