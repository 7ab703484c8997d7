"""The API tests: the API mounted on the project's urls, and a token per user on demand."""

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def no_observatory(settings, tmp_path):
    """No published snapshot unless a test asks for the `observatory` fixture."""
    settings.OBSERVATORY_DIR = tmp_path / "no-observatory"


@pytest.fixture
def token_client(db):
    """`token_client(user)` → a Client sending a fresh personal token of `user`, no session."""
    from frenchtech.api.tokens import create_token

    def make(user):
        if user.needs_two_factors:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
        _token, raw = create_token(by=user, name="partner system")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
        client.user = user
        client.raw_token = raw
        return client

    return make
