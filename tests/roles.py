"""The cast of the role matrices: one person per role, each in an organisation of its kind.

`ALL_ROLES` names every persona the matrices try: each role of `accounts.enums.Role` at
least once (some twice, where the organisation changes the answer: the lead of the
dossier's consortium and the lead of another one, a committee member and a conflicted
one, a fund partner and a promotion partner), an anonymous visitor and the platform
itself (`SYSTEM`); `None` is nobody, refused by every write action. The State has no
account: its decisions are recorded by the Mission. `cast()` builds them; `sign_in()`
opens a session with the second factor already verified, as staff need.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.enums import STAFF_ROLES, OrganisationKind, Partner, Role
from frenchtech.core.actor import SYSTEM
from frenchtech.core.siren import with_luhn_key
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

# persona → (role, the organisation it holds it in); None for the anonymous visitor and
# the platform.
PERSONAS = {
    "mission_head": (Role.MISSION_HEAD, "mission"),
    "mission_officer": (Role.MISSION_OFFICER, "mission"),
    # Bpifrance manages the acceleration fund, Business France the promotion budget.
    "fund_partner": (Role.PARTNER_STAFF, "bpifrance"),
    "promotion_partner": (Role.PARTNER_STAFF, "business_france"),
    # Seated on the committee by the scene (tests/core/scene.py); the conflicted one has a
    # conflict of interest with the scene's application.
    "committee_member": (Role.COMMITTEE_MEMBER, "committee"),
    "conflicted_member": (Role.COMMITTEE_MEMBER, "committee"),
    "consortium_lead": (Role.CONSORTIUM_LEAD, "consortium"),
    "consortium_editor": (Role.CONSORTIUM_EDITOR, "consortium"),
    "other_lead": (Role.CONSORTIUM_LEAD, "other_consortium"),
    "accelerator_manager": (Role.ACCELERATOR_MANAGER, "accelerator"),
    "accelerator_finance": (Role.ACCELERATOR_FINANCE, "accelerator"),
    "anonymous": None,
    "system": None,
}
ALL_ROLES = tuple(PERSONAS)
PEOPLE = tuple(name for name in ALL_ROLES if name != "system")
MISSION = frozenset({"mission_head", "mission_officer"})
FUND = MISSION | {"fund_partner"}
PROMOTION = MISSION | {"promotion_partner"}

# Every role of the enumeration is played by at least one persona.
assert {spec[0] for spec in PERSONAS.values() if spec} == set(Role.values)


def _organisations() -> dict:
    from frenchtech.territories.enums import EpciKind
    from frenchtech.territories.models import Epci

    metropoles = list(Epci.objects.filter(kind=EpciKind.METROPOLE).order_by("code")[:2])
    kinds = {
        "mission": {"kind": OrganisationKind.MISSION},
        "bpifrance": {"kind": OrganisationKind.PARTNER, "partner": Partner.BPIFRANCE},
        "business_france": {"kind": OrganisationKind.PARTNER, "partner": Partner.BUSINESS_FRANCE},
        "committee": {"kind": OrganisationKind.COMMITTEE},
        "consortium": {"kind": OrganisationKind.CONSORTIUM, "territory": metropoles[0]},
        "other_consortium": {"kind": OrganisationKind.CONSORTIUM, "territory": metropoles[1]},
        "accelerator": {"kind": OrganisationKind.ACCELERATOR, "siren": with_luhn_key("48151623")},
    }
    return {
        name: OrganisationFactory(name=f"{name.replace('_', ' ').title()} (cast)", **fields)
        for name, fields in kinds.items()
    }


@dataclass
class Cast:
    """The people (`cast["consortium_lead"]`) and their organisations (`cast.orgs`)."""

    people: dict
    orgs: dict = field(default_factory=dict)

    def __getitem__(self, persona):
        return self.people[persona]

    def persona_of(self, user) -> str:
        return next(name for name, person in self.people.items() if person is user)


def cast(*, two_factor: bool = True) -> Cast:
    """One person per persona of `ALL_ROLES`; staff get a confirmed TOTP device unless
    `two_factor=False` (what `api.create_token` asks of them)."""
    orgs = _organisations()
    people = {"anonymous": AnonymousUser(), "system": SYSTEM}
    for persona, spec in PERSONAS.items():
        if spec is None:
            continue
        role, organisation = spec
        user = UserFactory(email=f"{persona}@cast.test", full_name=persona.replace("_", " "))
        MembershipFactory(user=user, organisation=orgs[organisation], role=role)
        if two_factor and role in STAFF_ROLES:
            confirm_device(user)
        people[persona] = user
    return Cast(people=people, orgs=orgs)


def confirm_device(user) -> TOTPDevice:
    """A confirmed TOTP device (the second factor staff must have)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The device's TOTP code now (what an authenticator app would show)."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    """Sign `client` in as `user`, second factor verified when the account needs one."""
    client.force_login(user)
    if user.needs_two_factors:
        device = confirm_device(user)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client
