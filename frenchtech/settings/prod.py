"""Production: everything from the environment, HTTPS assumed in front."""

from django.core.exceptions import ImproperlyConfigured

from frenchtech.settings.base import *  # noqa: F403
from frenchtech.settings.base import AUDIT_KEY_IS_DEV_DEFAULT

if AUDIT_KEY_IS_DEV_DEFAULT:
    raise ImproperlyConfigured(
        "FRENCHTECH_AUDIT_KEY is not set (required in production: the audit log's HMAC key)"
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
