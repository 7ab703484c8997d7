"""Production: everything from the environment, HTTPS assumed in front."""

from django.core.exceptions import ImproperlyConfigured

from frenchtech.settings.base import *  # noqa: F403
from frenchtech.settings.base import AUDIT_KEY_IS_DEV_DEFAULT, env_flag

if AUDIT_KEY_IS_DEV_DEFAULT:
    raise ImproperlyConfigured(
        "FRENCHTECH_AUDIT_KEY is not set (required in production: the audit log's HMAC key)"
    )

# HTTPS is terminated by the reverse proxy, which must set X-Forwarded-Proto (and strip
# any the client sent); the WSGI server must pass it on (gunicorn: forwarded_allow_ips).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", True)
# The load balancer's health check may come in plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
