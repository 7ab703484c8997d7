"""Sign-in protection: lockout (django-axes), the Mission's unlock, optional second factor,
session key rotation and the staff session limits."""

import time

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.actions import unlock_sign_in
from frenchtech.accounts.enums import Role
from frenchtech.core.models import AuditEntry
from frenchtech.core.refusals import ActionRefused, NotAllowed
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def french():
    # A request to the English site leaves English active in the thread: start in French.
    with translation.override("fr"):
        yield


def current_code(device):
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def sign_in(client, email, password, **extra):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def test_the_51st_attempt_is_refused_even_with_the_right_password(client):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    for attempt in range(50):
        response = sign_in(client, user.email, "wrong")
        # The first nine failures re-show the form; from the tenth the pair is locked.
        assert response.status_code == (200 if attempt < 9 else 429)
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Connexion temporairement bloquée" in page
    assert "15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_message_is_in_english_on_the_english_site(client):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    for _attempt in range(10):
        sign_in(client, user.email.upper(), "wrong")
    response = client.post(
        "/en" + reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Sign-in temporarily blocked" in response.content.decode()


def test_the_lock_is_per_account_and_address(client):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    for _attempt in range(10):
        sign_in(client, user.email, "wrong")
    assert sign_in(client, user.email, PASSWORD).status_code == 429
    # The same account from another address, another account from this one: not locked.
    assert sign_in(client, user.email, PASSWORD, REMOTE_ADDR="10.0.0.2").status_code == 302
    other = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    assert sign_in(client, other.email, PASSWORD).status_code == 302


def test_the_lock_ends_after_15_minutes(client):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    for _attempt in range(10):
        sign_in(client, user.email, "wrong")
    assert sign_in(client, user.email, PASSWORD).status_code == 429
    from datetime import timedelta

    from django.utils import timezone

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, user.email, PASSWORD).status_code == 302


def test_the_mission_lists_and_lifts_a_lock_audited(client, client_for):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    for _attempt in range(10):
        sign_in(client, user.email, "wrong")
    mission = client_for(Role.MISSION_OFFICER)
    page = mission.get(reverse("web:sign_in_locks"))
    assert page.status_code == 200
    assert user.email in page.content.decode()
    response = mission.post(
        reverse("web:sign_in_locks"), {"username": user.email, "ip_address": "127.0.0.1"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=user.email).exists()
    entry = AuditEntry.objects.filter(action="accounts.unlock_sign_in").get()
    assert entry.actor == mission.user
    assert entry.before["failures"] == 10
    assert "Aucun blocage" in mission.get(reverse("web:sign_in_locks")).content.decode()
    assert sign_in(client, user.email, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "role", [None, Role.CONSORTIUM_LEAD, Role.PARTNER_STAFF, Role.COMMITTEE_MEMBER]
)
def test_only_the_mission_sees_the_locks(client_for, role):
    client = client_for(role)
    expected = 302 if role is None else 403
    assert client.get(reverse("web:sign_in_locks")).status_code == expected


def test_only_the_mission_may_unlock_and_only_a_lock():
    lead = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    with pytest.raises(NotAllowed):
        unlock_sign_in(by=lead, username=lead.email, ip_address="127.0.0.1")
    officer = UserWithRoleFactory(Role.MISSION_OFFICER)
    with pytest.raises(ActionRefused):
        unlock_sign_in(by=officer, username=lead.email, ip_address="127.0.0.1")


def test_a_consortium_account_may_turn_on_a_second_factor(client):
    user = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    sign_in(client, user.email, PASSWORD)
    assert "second-factor-off" in client.get(reverse("web:my_space")).content.decode()
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key_before = client.session.session_key
    client.post(reverse("accounts:otp_setup"), {"token": current_code(device)})
    assert client.session.session_key != key_before
    assert "second-factor-on" in client.get(reverse("web:my_space")).content.decode()

    # From now on its sign-in asks for the code too, and the key changes at that step.
    client.post(reverse("accounts:logout"))
    sign_in(client, user.email, PASSWORD)
    assert client.get(reverse("web:my_space"))["Location"].startswith(
        reverse("accounts:otp_verify")
    )
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    key_before = client.session.session_key
    response = client.post(reverse("accounts:otp_verify"), {"token": current_code(device)})
    assert response["Location"] == reverse("web:my_space")
    assert client.session.session_key != key_before
    assert client.get(reverse("web:my_space")).status_code == 200


def test_a_staff_session_ends_after_30_idle_minutes(client_for):
    client = client_for(Role.MISSION_OFFICER)
    assert client.get(reverse("web:mission_dashboard")).status_code == 200
    session = client.session
    session["staff_session_seen"] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("web:mission_dashboard"))
    assert response["Location"] == reverse("accounts:login") + "?expired=1"
    assert "_auth_user_id" not in client.session
    assert "session-expired" in client.get(response["Location"]).content.decode()


def test_a_staff_session_ends_after_8_hours_even_when_used(client_for):
    client = client_for(Role.MISSION_OFFICER)
    client.get(reverse("web:mission_dashboard"))
    session = client.session
    session["staff_session_started"] = int(time.time()) - 8 * 3600 - 1
    session.save()
    assert client.get(reverse("web:mission_dashboard")).status_code == 302


def test_a_consortium_session_has_no_idle_limit(client_for):
    client = client_for(Role.CONSORTIUM_LEAD)
    session = client.session
    session["staff_session_seen"] = int(time.time()) - 31 * 60
    session.save()
    assert client.get(reverse("web:my_space")).status_code == 200
