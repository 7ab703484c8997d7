"""Settings for the test suite: strict templates, fast hashing, mail kept in memory."""

import os

os.environ.setdefault("FRENCHTECH_ALLOW_DEV_SECRET", "1")

from frenchtech.settings.base import *  # noqa: F403
from frenchtech.settings.base import DATABASES, TEMPLATES, VAR_DIR


class InvalidTemplateVariable(str):
    """Makes any undefined variable in a `{{ }}` of our templates fail the test that renders it."""

    def __mod__(self, other):
        raise NameError(f"Undefined template variable: {other!r}")


PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# PostgreSQL refuses TRUNCATE of the audit tables (core 0005); the test runner's flush
# between transactional tests needs it, so test sessions switch the refusal off.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c frenchtech.allow_truncate=on"
# Each test process its own memory caches; rendered pages are cached only in the tests
# that turn it on (tests/web/test_page_cache.py), so no test sees another's page.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
FRENCHTECH_PAGE_CACHE = False
# Receipts are mailed right after the commit, in the test's thread (and transaction).
FRENCHTECH_RECEIPTS_IN_BACKGROUND = False

# A file, not SQLite's in-memory database, so that concurrency tests see writers queue
# (BEGIN IMMEDIATE) as they do in production; one file per test process.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

# One anchor file per test process, beside its database.
FRENCHTECH_AUDIT_ANCHOR = str(VAR_DIR / "audit" / f"test-anchor-{os.getpid()}.json")
