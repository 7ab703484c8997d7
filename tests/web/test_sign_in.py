import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.enums import Role
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def current_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def test_a_consortium_lead_signs_in_with_email_and_password(client):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("web:my_space")).status_code == 200


def test_a_wrong_password_is_refused_with_a_message(client):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "nope"})
    assert response.status_code == 200
    assert "fr-alert--error" in response.content.decode()


def test_staff_set_up_then_use_their_second_factor(client):
    user = UserWithRoleFactory(Role.MISSION_OFFICER)
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert client.get(reverse("web:mission_dashboard"))["Location"].startswith(
        reverse("accounts:otp_verify")
    )
    # No device yet: the verify page sends to the set-up page, which shows a QR code.
    assert client.get(reverse("accounts:otp_verify"))["Location"] == reverse("accounts:otp_setup")
    setup = client.get(reverse("accounts:otp_setup"))
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    refused = client.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert "Code incorrect" in refused.content.decode()
    too_soon = client.post(reverse("accounts:otp_setup"), {"token": current_code(device)})
    assert "patientez quelques secondes" in too_soon.content.decode()
    # Let the throttling delay pass.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)
    client.post(reverse("accounts:otp_setup"), {"token": current_code(device)})
    assert client.get(reverse("web:mission_dashboard")).status_code == 200

    # Next sign-in: the code is asked again.
    client.post(reverse("accounts:logout"))
    client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})
    assert client.get(reverse("web:mission_dashboard")).status_code == 302
    # django-otp refuses a code twice in one 30-second step; pretend the step has passed.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    response = client.post(
        reverse("accounts:otp_verify") + "?next=/mission/",
        {"token": current_code(device), "next": "/mission/"},
    )
    assert response["Location"] == "/mission/"


def test_an_external_next_url_is_ignored(client):
    user = UserWithRoleFactory(Role.MISSION_OFFICER)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    client.force_login(user)
    response = client.post(
        reverse("accounts:otp_verify"),
        {"token": current_code(device), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("web:my_space")


def run_manage(*args, database_url):
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": database_url,
        "FRENCHTECH_ALLOW_DEV_SECRET": "1",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("database_url", "message"),
    [
        ("mysql://root@localhost/x", "only sqlite:/// and postgres:// URLs are supported"),
        ("nonsense", "is not a valid database URL"),
        ("postgres://nobody@127.0.0.1:1/none", "Database error"),
    ],
)
def test_a_broken_database_url_gives_one_clear_line(database_url, message):
    result = run_manage("migrate", "--check", database_url=database_url)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
