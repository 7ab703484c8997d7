"""Personal API tokens: shown once, stored hashed, revocable, second factor for staff."""

import hashlib

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.enums import Role
from frenchtech.api.models import ApiToken
from frenchtech.core.models import AuditEntry
from tests.api.helpers import ROLES, session_client
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db

TOKENS = "/api/v1/tokens"


def _create(client, name="ERP Bpifrance"):
    return client.post(TOKENS, {"name": name}, content_type="application/json")


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_create_a_token_once_signed_in(client_for, role):
    client = client_for(role)  # staff roles come with a confirmed, verified device
    response = _create(client)
    if role is None:
        assert response.status_code == 401
        return
    assert response.status_code == 201, response.content
    raw = response.json()["token"]
    token = ApiToken.objects.get()
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(ApiToken.objects.values().get())  # stored hashed only
    assert raw.startswith(token.prefix)
    listed = client.get(TOKENS).json()["results"]
    assert [row["id"] for row in listed] == [token.pk]
    assert "token" not in listed[0]  # shown once
    me = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/me").json()
    assert me["id"] == client.user.pk


def test_creating_and_revoking_are_audited_without_the_digest(client_for):
    client = client_for(Role.CONSORTIUM_LEAD)
    raw = _create(client).json()["token"]
    token = ApiToken.objects.get()
    assert client.delete(f"{TOKENS}/{token.pk}").status_code == 204
    entries = AuditEntry.objects.filter(object_type="api.apitoken")
    assert entries.count() == 2
    assert token.digest not in str(list(entries.values()))
    assert raw not in str(list(entries.values()))


def test_a_revoked_token_no_longer_opens_anything(client_for):
    client = client_for(Role.PARTNER_STAFF)
    raw = _create(client).json()["token"]
    by_token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert by_token.get("/api/v1/applications").status_code == 200
    token = ApiToken.objects.get()
    assert by_token.delete(f"{TOKENS}/{token.pk}").status_code == 204  # a token revokes itself
    assert by_token.get("/api/v1/applications").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_staff_without_a_confirmed_second_factor_cannot_create_a_token(rf):
    from django.core.exceptions import PermissionDenied

    from frenchtech.api.tokens import can_create_token, create_token

    user = UserWithRoleFactory(Role.MISSION_OFFICER)
    TOTPDevice.objects.create(user=user, name="pending", confirmed=False)
    assert not can_create_token(user)
    with pytest.raises(PermissionDenied):
        create_token(by=user, name="x")
    TOTPDevice.objects.create(user=user, name="ok", confirmed=True)
    assert can_create_token(user)


def test_a_non_staff_account_needs_no_second_factor():
    from frenchtech.api.tokens import can_create_token

    assert can_create_token(UserWithRoleFactory(Role.CONSORTIUM_LEAD))


def test_a_token_cannot_create_tokens(token_client):
    client = token_client(UserWithRoleFactory(Role.PARTNER_STAFF))
    assert _create(client).status_code == 401
    assert ApiToken.objects.count() == 1


def test_creating_a_token_checks_csrf():
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert _create(client).status_code == 403
    assert not ApiToken.objects.exists()


def test_one_cannot_revoke_another_users_token(token_client):
    owner = token_client(UserWithRoleFactory(Role.PARTNER_STAFF))
    other = session_client(UserWithRoleFactory(Role.CONSORTIUM_LEAD))
    token = ApiToken.objects.get()
    response = other.delete(f"{TOKENS}/{token.pk}")
    assert response.status_code == 404
    assert owner.get("/api/v1/me").status_code == 200


def test_an_inactive_user_token_is_refused(token_client):
    user = UserWithRoleFactory(Role.PARTNER_STAFF)
    client = token_client(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me").status_code == 401


def test_a_token_name_is_required(client_for):
    response = _create(client_for(Role.CONSORTIUM_LEAD), name="")
    assert response.status_code == 400
    assert response.json()["parameter"] == "name"
