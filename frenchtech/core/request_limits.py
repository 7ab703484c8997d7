"""Requests and uploads: a size cap checked before the body is read, and stale temp files.

A request announcing more than `FRENCHTECH_MAX_REQUEST_BYTES` (12 MiB: the 10 MiB per
file of the calls, plus the form) is answered 413 at once, without reading its body.
Uploads larger than `FILE_UPLOAD_MAX_MEMORY_SIZE` are spooled to `FILE_UPLOAD_TEMP_DIR`;
Django deletes each when the request ends, and files a crash left behind (older than an
hour) are deleted when a server process starts.
"""

import logging
import time
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _

STALE_SECONDS = 3600
logger = logging.getLogger("frenchtech.uploads")


def remove_stale_temporary_files(now: float | None = None) -> int:
    """Delete temp upload files older than an hour (left by a killed process)."""
    directory = Path(settings.FILE_UPLOAD_TEMP_DIR)
    if not directory.is_dir():
        return 0
    now = time.time() if now is None else now
    removed = 0
    for path in directory.iterdir():
        try:
            if path.is_file() and now - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()
                removed += 1
        except OSError:
            continue  # another process removed it first
    if removed:
        logger.warning("removed %d stale temporary upload file(s)", removed)
    return removed


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        Path(settings.FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
        remove_stale_temporary_files()

    def __call__(self, request):
        try:
            announced = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            announced = 0
        cap = settings.FRENCHTECH_MAX_REQUEST_BYTES
        if announced > cap:
            megabytes = cap // (1024 * 1024)
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "error": "too_large",
                        "detail": f"request body over {megabytes} MiB",
                        "parameter": None,
                    },
                    status=413,
                )
            message = _("Envoi refusé : il dépasse %(size)s Mio (10 Mio par fichier).") % {
                "size": megabytes
            }
            response = HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
            # The body is not read: the connection cannot be reused.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
