"""Checking and storing uploaded files: the type is read from the content, never the name.

Accepted: PDF, ODT/DOCX, ODS/XLSX, PNG/JPEG. Office formats are zip archives: their
structure is checked (ODF `mimetype` entry, OOXML `[Content_Types].xml` and main part)
and bounded (entry count, total uncompressed size, compression ratio) before anything
trusts them. Files live under MEDIA_ROOT/private, which no URL serves; they are sent
only by the permission-checked download view.
"""

import hashlib
import uuid
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from frenchtech.calls.limits import limit

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ACCEPTED_LABEL = "PDF, ODT, DOCX, ODS, XLSX, PNG, JPEG"
MAGIC_TYPES = {"application/pdf": PDF, "image/png": PNG, "image/jpeg": JPEG}
# filetype names every zip-based office format by scanning its first bytes; we re-check.
ZIP_GUESSES = {"application/zip", ODT, ODS, DOCX, XLSX}
OOXML_MAIN_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX}
ODF_TYPES = {ODT, ODS}


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def private_storage() -> FileSystemStorage:
    # Built on each call so tests can point MEDIA_ROOT elsewhere.
    return FileSystemStorage(location=Path(settings.MEDIA_ROOT) / "private", base_url=None)


def _refuse(name: str, reason: str):
    raise ValidationError(
        _("Le fichier « %(name)s » est refusé : %(reason)s") % {"name": name, "reason": reason}
    )


_READ_CHUNK = 64 * 1024


def _check_real_sizes(archive, entries, upload_size: int, name: str) -> None:
    """Decompress every entry as a stream, counting the bytes really produced.

    The sizes in a zip's directory are declarations: a forged one can say 1 kB for a
    gigabyte. Reading stops as soon as the real total passes the limits (absolute, and
    the ratio to the file's real size); an entry that produces more or less than it
    declared fails its checksum and is refused as unreadable.
    """
    ceiling = min(
        limit("CALLS_MAX_ZIP_UNCOMPRESSED_BYTES"),
        limit("CALLS_MAX_ZIP_RATIO") * max(1, upload_size),
    )
    produced = 0
    try:
        for entry in entries:
            with archive.open(entry) as handle:
                while chunk := handle.read(_READ_CHUNK):
                    produced += len(chunk)
                    if produced > ceiling:
                        _refuse(name, _("le document décompressé serait anormalement volumineux."))
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        # Bad checksum, size that lies, unknown compression, encrypted entry.
        _refuse(name, _("archive bureautique illisible."))


def _zip_office_type(upload, name: str) -> str:
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile:
        _refuse(name, _("archive bureautique illisible."))
    with archive:
        entries = archive.infolist()
        if len(entries) > limit("CALLS_MAX_ZIP_ENTRIES"):
            _refuse(name, _("le document contient trop d'éléments."))
        total = sum(entry.file_size for entry in entries)
        compressed = max(1, sum(entry.compress_size for entry in entries))
        if total > limit("CALLS_MAX_ZIP_UNCOMPRESSED_BYTES") or (
            total / compressed > limit("CALLS_MAX_ZIP_RATIO")
        ):
            _refuse(name, _("le document décompressé serait anormalement volumineux."))
        _check_real_sizes(archive, entries, upload.size, name)
        names = {entry.filename for entry in entries}
        if entries and entries[0].filename == "mimetype":
            with archive.open(entries[0]) as handle:
                declared = handle.read(100).decode("ascii", "replace").strip()
            if declared in ODF_TYPES and "content.xml" in names:
                return declared
        if "[Content_Types].xml" in names:
            for part, content_type in OOXML_MAIN_PARTS.items():
                if part in names:
                    return content_type
    _refuse(name, _("ce n'est pas un document ODT, DOCX, ODS ou XLSX valide."))
    return ""  # unreachable: _refuse raises


def check_upload(upload, already_stored_bytes: int = 0) -> CheckedFile:
    """Return what the file really is, or raise ValidationError with a message for people."""
    name = upload.name
    if upload.size > limit("CALLS_MAX_FILE_BYTES"):
        _refuse(
            name,
            _("il dépasse la taille maximale de %(limit)s par fichier.")
            % {"limit": filesizeformat(limit("CALLS_MAX_FILE_BYTES"))},
        )
    if already_stored_bytes + upload.size > limit("CALLS_MAX_APPLICATION_BYTES"):
        _refuse(
            name,
            _("les pièces jointes du dossier dépasseraient %(limit)s au total.")
            % {"limit": filesizeformat(limit("CALLS_MAX_APPLICATION_BYTES"))},
        )
    upload.seek(0)
    head = upload.read(8192)
    guess = filetype.guess(head)
    detected = guess.mime if guess else None
    if detected in MAGIC_TYPES:
        content_type = MAGIC_TYPES[detected]
    elif detected in ZIP_GUESSES:
        content_type = _zip_office_type(upload, name)
    else:
        _refuse(
            name,
            _("son contenu n'est pas d'un type accepté (%(accepted)s), quel que soit son nom.")
            % {"accepted": ACCEPTED_LABEL},
        )
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(content_type, upload.size, digest.hexdigest())


def store(upload, application_id: int) -> str:
    """Save the upload under a random name; return the name relative to private storage."""
    storage_name = f"calls/{application_id}/{uuid.uuid4().hex}"
    upload.seek(0)
    return private_storage().save(storage_name, upload)


def copy_stored(storage_name: str, application_id: int) -> str:
    """Store a copy of a stored file for another application; return the copy's name."""
    storage = private_storage()
    with storage.open(storage_name, "rb") as source:
        return storage.save(f"calls/{application_id}/{uuid.uuid4().hex}", source)


def open_stored(storage_name: str):
    return private_storage().open(storage_name, "rb")
