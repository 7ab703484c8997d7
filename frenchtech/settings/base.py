"""Settings shared by every environment; every value that varies comes from the environment.

The variables are documented in the README ("Configuration").
"""

import datetime
import hashlib
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from frenchtech.settings.directories import PROJECT_DIR, observatory_directory, var_directory

BASE_DIR = PROJECT_DIR
VAR_DIR = var_directory()
DATA_DIR = BASE_DIR / "data"
TERRITORY_REFERENCE_DIR = DATA_DIR / "territories"
# The command line resolves the same directory by the same function.
OBSERVATORY_DIR = observatory_directory()


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected 1/0, true/false, yes/no or on/off")


def database_from_url(url: str) -> dict:
    """Parse DATABASE_URL, refusing anything but SQLite and PostgreSQL with a one-line reason."""
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not a valid database URL ({error})"
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r}: only sqlite:/// and postgres:// URLs are supported"
        )
    if engine.endswith("sqlite3"):
        # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue instead of failing with "database is locked" mid-way.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        config["CONN_MAX_AGE"] = 0
    return config


def caches_from_url(url: str, var_dir) -> dict:
    """Django's caches: `default` (data: evaluations…) and `pages` (rendered public pages).

    Files under the var directory by default (shared by every process of the server);
    `redis://host:port/db` (or `rediss://`) puts both in Redis, with their own prefixes."""
    if not url:
        return {
            name: {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(var_dir / "cache" / name),
                "TIMEOUT": None if name == "default" else 24 * 3600,
                "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
            }
            for name in ("default", "pages")
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"FRENCHTECH_CACHE_URL={url!r}: only redis://, rediss:// and unix:// URLs are supported"
        )
    return {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"frenchtech-{name}",
            "TIMEOUT": None if name == "default" else 24 * 3600,
        }
        for name in ("default", "pages")
    }


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_flag("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'frenchtech.sqlite3'}")
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = caches_from_url(os.environ.get("FRENCHTECH_CACHE_URL", ""), VAR_DIR)
# Rendered public pages served from the `pages` cache to anonymous visitors, per published
# observatory snapshot (frenchtech/web/page_cache.py).
FRENCHTECH_PAGE_CACHE = env_flag("FRENCHTECH_PAGE_CACHE", True)
# Submission receipts (PDF) built and mailed by a background thread after the commit.
FRENCHTECH_RECEIPTS_IN_BACKGROUND = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "dsfr",
    "widget_tweaks",
    "frenchtech.core",
    "frenchtech.accounts",
    "frenchtech.territories",
    "frenchtech.observatory",
    "frenchtech.calls",
    "frenchtech.committee",
    "frenchtech.labels",
    "frenchtech.funding",
    "frenchtech.evaluation",
    "frenchtech.web",
    "frenchtech.api",
    # Only for its shipped Swagger UI files (templates and static), served from this site.
    "ninja",
    "frenchtech.demo",
]

MIDDLEWARE = [
    "frenchtech.core.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "frenchtech.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "frenchtech.web.accounts.middleware.StaffSessionTimeoutMiddleware",
    "frenchtech.web.accounts.middleware.TwoFactorRequiredMiddleware",
    "frenchtech.core.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "frenchtech.web.refusals.RefusalMiddleware",
    "frenchtech.web.public.errors.MethodNotAllowedMiddleware",
    # Last, so that it sees the sign-in view's answer and replaces it when locked out.
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "frenchtech.web.urls"
WSGI_APPLICATION = "frenchtech.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frenchtech.web.context_processors.platform",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
# django-axes first: a locked-out account+address is refused before its password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:my_space"
LOGOUT_REDIRECT_URL = "web:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = "French Tech"

# Sign-in throttling (django-axes, docs/security.md): 10 failures for one account from one
# address lock that pair for 15 minutes (HTTP 429); the Mission may lift a lock earlier.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "frenchtech.web.accounts.lockout.sign_in_username"
AXES_CLIENT_IP_CALLABLE = "frenchtech.web.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "frenchtech.web.accounts.lockout.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
# Staff sessions (Mission, partners, committee) end after 8 hours, or 30 idle minutes.
STAFF_SESSION_MAX_AGE = 8 * 3600
STAFF_SESSION_IDLE = 30 * 60

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "frenchtech" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Serve static files straight from the apps in the embedded set-up: no collectstatic step.
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads (core/request_limits.py): a request over 12 MiB is refused before it is read;
# files over 2.5 MiB are spooled to disk under var/, and stale ones removed at start.
FRENCHTECH_MAX_REQUEST_BYTES = 12 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "upload-tmp")
(VAR_DIR / "upload-tmp").mkdir(parents=True, exist_ok=True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "frenchtech.web.public.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "French Tech <noreply@frenchtech.invalid>"
)

# The site's public address, for the links in e-mails (sent without a request).
FRENCHTECH_SITE_URL = os.environ.get("FRENCHTECH_SITE_URL", "http://127.0.0.1:8000")
# The audit log's HMAC key and its anchor file (docs/security.md). Outside production a key
# is derived from the secret key; production settings refuse to start without a real one.
FRENCHTECH_AUDIT_KEY = os.environ.get("FRENCHTECH_AUDIT_KEY", "")
FRENCHTECH_AUDIT_ANCHOR = os.environ.get(
    "FRENCHTECH_AUDIT_ANCHOR", str(VAR_DIR / "audit" / "anchor.json")
)

# Shown on every page: the database holds demo data (fictitious people, synthetic figures).
FRENCHTECH_DEMO = env_flag("FRENCHTECH_DEMO", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "client_errors_without_traceback": {
            "()": "frenchtech.core.logging.ClientErrorsWithoutTraceback"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["client_errors_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

if not SECRET_KEY:
    if DEBUG or os.environ.get("FRENCHTECH_ALLOW_DEV_SECRET") == "1":
        SECRET_KEY = "dev-only-insecure-secret-key-not-for-production"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set (required when DJANGO_DEBUG is off)"
        )
if not FRENCHTECH_AUDIT_KEY:
    # Development and tests only: frenchtech.settings.prod refuses this default.
    FRENCHTECH_AUDIT_KEY = hashlib.sha256(f"frenchtech-audit-dev:{SECRET_KEY}".encode()).hexdigest()
    AUDIT_KEY_IS_DEV_DEFAULT = True
else:
    AUDIT_KEY_IS_DEV_DEFAULT = False
