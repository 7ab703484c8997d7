"""Limits on attachments; each can be overridden by a Django setting of the same name."""

from django.conf import settings

_DEFAULTS = {
    "CALLS_MAX_FILE_BYTES": 10 * 1024 * 1024,
    "CALLS_MAX_APPLICATION_BYTES": 50 * 1024 * 1024,
    # Zip-based formats (DOCX, XLSX, ODT, ODS): defence against decompression bombs.
    "CALLS_MAX_ZIP_UNCOMPRESSED_BYTES": 100 * 1024 * 1024,
    "CALLS_MAX_ZIP_RATIO": 100,
    "CALLS_MAX_ZIP_ENTRIES": 2000,
}


def limit(name: str) -> int:
    return getattr(settings, name, _DEFAULTS[name])
