"""The cast of the role matrices (tests/roles.py) is what it says."""

from django.test import Client

from frenchtech.accounts.enums import Role
from frenchtech.core.actor import SYSTEM
from tests.roles import ALL_ROLES, PERSONAS, confirm_device, current_code, sign_in


def test_every_role_is_played_once_per_persona(cast):
    for persona, spec in PERSONAS.items():
        person = cast[persona]
        if spec is None:
            assert person is SYSTEM or person.is_anonymous
            continue
        role, organisation = spec
        assert person.has_role(role)
        assert person.memberships.get().organisation == cast.orgs[organisation]
    assert set(Role.values) <= {spec[0] for spec in PERSONAS.values() if spec}
    assert {"anonymous", "system"} <= set(ALL_ROLES)


def test_staff_sign_in_with_their_second_factor(cast):
    officer = cast["mission_officer"]
    device = confirm_device(officer)
    assert device.verify_token(current_code(device))
    client = sign_in(Client(), officer)
    assert client.session["otp_device_id"] == device.persistent_id
