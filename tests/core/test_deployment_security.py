"""Production HTTPS settings, request size cap, temporary uploads and 4xx logging."""

import json
import logging
import os
import secrets
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.core.request_limits import remove_stale_temporary_files

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "frenchtech.settings.prod",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "FRENCHTECH_AUDIT_KEY": secrets.token_hex(32),
}
HTTPS_SETTINGS = (
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


@pytest.fixture(scope="module")
def production_values():
    """The production settings' HTTPS values, read in a process started with them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(HTTPS_SETTINGS)!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=production_environment(),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production_https(production_values):
    with override_settings(**production_values):
        yield


def test_check_deploy_is_clean_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_environment(),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_hsts_is_sent_behind_a_proxy(client, production_https):
    response = client.get(reverse("web:home"), headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    # Plain HTTP (no header from the proxy) is sent to HTTPS; the health check is not.
    plain = client.get(reverse("web:home"))
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_a_request_over_12_mib_is_refused_before_its_body_is_read(client_for):
    client = client_for(Role.CONSORTIUM_LEAD)
    big = str(13 * 1024 * 1024)
    response = client.generic("POST", "/appels/", b"x", CONTENT_LENGTH=big)
    assert response.status_code == 413
    assert "12 Mio" in response.content.decode()
    api = client.generic("POST", "/api/v1/tokens", b"x", CONTENT_LENGTH=big)
    assert api.status_code == 413
    assert api.json()["error"] == "too_large"


def test_stale_temporary_uploads_are_removed(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    stale = tmp_path / "tmpabc.upload"
    fresh = tmp_path / "tmpdef.upload"
    stale.write_bytes(b"x")
    fresh.write_bytes(b"x")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    assert remove_stale_temporary_files() == 1
    assert not stale.exists()
    assert fresh.exists()


@pytest.mark.django_db
def test_a_403_is_logged_without_a_traceback(client_for, caplog):
    client = client_for(Role.CONSORTIUM_LEAD)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(reverse("web:mission_dashboard")).status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert [r.status_code for r in records] == [403]
    # Django attaches the PermissionDenied; the console handler's filter drops it.
    assert records[0].exc_info is None
    assert "client_errors_without_traceback" in settings.LOGGING["handlers"]["console"]["filters"]


def test_the_filter_keeps_server_error_tracebacks():
    from frenchtech.core.logging import ClientErrorsWithoutTraceback

    try:
        raise RuntimeError("boom")
    except RuntimeError:
        info = sys.exc_info()
    for status, kept in ((404, False), (500, True)):
        record = logging.LogRecord("django.request", 40, "x", 1, "m", (), info)
        record.status_code = status
        ClientErrorsWithoutTraceback().filter(record)
        assert (record.exc_info is not None) is kept


def production_environment() -> dict:
    # The browser tests' conftest allows async-unsafe calls in this process (it is imported
    # at collection even when they are deselected); a deployment never sets it.
    environment = {**os.environ, **PRODUCTION_ENVIRONMENT}
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return environment
