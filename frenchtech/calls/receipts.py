"""The submission receipt: a PDF naming the version and the fingerprint of what was submitted.

Building it (WeasyPrint) costs a tenth of a second or more of CPU, so it never happens in
the submission's request: at a deadline hundreds of consortia submit within a minute.
The submission commits, then its receipt e-mail (with the PDF attached) is handed to one
background thread of the serving process, at a lower CPU priority
(`deliver_receipt_after_commit`). The PDF is written once to disk
(`FRENCHTECH_VAR_DIR/media/receipts/`, by version and fingerprint) and every later download
reads that file; a download before the mail's thread got to it builds it then.

A version is frozen, so its receipt never changes: the file is named by the fingerprint
too, and rebuilt only if missing. A server stopped normally finishes the mails it holds;
a killed one may lose a mail not yet sent (logged nowhere): the receipt stays
downloadable from the application's page (`calls:receipt`).
"""

import contextlib
import logging
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import close_old_connections, connections
from django.template.loader import render_to_string
from django.utils import translation

from frenchtech.calls.models import ApplicationVersion
from frenchtech.calls.sections import SECTIONS
from frenchtech.core.actions import after_commit

logger = logging.getLogger(__name__)

# Linux lets one thread be nicer than the others: requests keep the CPU first.
BACKGROUND_NICENESS = 10

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()
_executor_pid = 0


def _build_pdf(version) -> bytes:
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


def receipt_path(version) -> Path:
    return (
        Path(settings.MEDIA_ROOT)
        / "receipts"
        / str(version.application_id)
        / f"v{version.number}-{version.fingerprint[:32]}.pdf"
    )


def receipt_pdf(version) -> bytes:
    """The receipt of `version`: read from disk, or built once and written there."""
    path = receipt_path(version)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    content = _build_pdf(version)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written beside, then renamed: a reader never sees half a file.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(content)
    os.replace(temporary, path)
    return content


def receipt_filename(version) -> str:
    return f"accuse-reception-candidature-{version.application_id}-v{version.number}.pdf"


# --- the receipt's e-mail, off the request --------------------------------------------
def _lower_priority() -> None:
    # Not Linux: the same priority, still off the request.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)


def _background() -> ThreadPoolExecutor:
    """One worker thread per process, created after the server forked its workers."""
    global _executor, _executor_pid
    with _executor_lock:
        if _executor is None or _executor_pid != os.getpid():
            _executor = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="receipts", initializer=_lower_priority
            )
            _executor_pid = os.getpid()
        return _executor


def _send(version_id: int, subject: str, body: str, recipients: list[str]) -> None:
    version = ApplicationVersion.objects.select_related(
        "application__consortium", "application__call", "submitted_by"
    ).get(pk=version_id)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    message.attach(receipt_filename(version), receipt_pdf(version), "application/pdf")
    message.send()


def _send_in_background(version_id, subject, body, recipients) -> None:
    close_old_connections()
    try:
        _send(version_id, subject, body, recipients)
    except Exception:
        logger.exception("Receipt of application version %s not sent", version_id)
    finally:
        connections.close_all()  # this thread's own connections


def deliver_receipt_after_commit(version, subject, body, recipients) -> None:
    """Once the submission commits: build the receipt and e-mail it, in the background
    (`FRENCHTECH_RECEIPTS_IN_BACKGROUND`, on except in tests), else right then."""
    subject, body = str(subject), str(body)
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return
    version_id = version.pk
    if settings.FRENCHTECH_RECEIPTS_IN_BACKGROUND:
        after_commit(
            lambda: _background().submit(_send_in_background, version_id, subject, body, recipients)
        )
    else:
        after_commit(lambda: _send(version_id, subject, body, recipients))


def wait_for_receipts() -> None:
    """Block until this process's background receipts are sent (tests, shutdown)."""
    global _executor
    with _executor_lock:
        executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True)


def is_demo(application) -> bool:
    """A PDF of demo data says so on every page: a demo site, or a demo consortium."""
    return bool(settings.FRENCHTECH_DEMO or application.consortium.is_demo)
