"""E-mails of the calls app, sent only once the transaction that caused them has committed."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction


def send_after_commit(subject: str, body: str, recipients, attachments=()):
    """Queue an e-mail for after the current transaction commits (never for a rolled-back one)."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return

    def send():
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        for name, content, mimetype in attachments:
            message.attach(name, content, mimetype)
        message.send()

    transaction.on_commit(send)


def consortium_addresses(application) -> list[str]:
    return list(
        application.consortium.memberships.filter(is_active=True).values_list(
            "user__email", flat=True
        )
    )
