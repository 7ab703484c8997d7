"""The demo's organisations and people: fictitious, labelled as such, one account per role."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.actions import add_member, create_organisation
from frenchtech.accounts.enums import OrganisationKind, Partner, Role
from frenchtech.accounts.models import Organisation, User
from frenchtech.core.actor import SYSTEM
from frenchtech.core.siren import with_luhn_key
from frenchtech.territories.enums import EpciKind
from frenchtech.territories.models import Epci

DEMO_PASSWORD = "demo-french-tech-2014"  # noqa: S105 (printed on purpose: demo only)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    organisation: str


def demo_totp_key(email: str) -> str:
    """A stable TOTP key per demo account (hex), so the printed secret survives reloads."""
    return hashlib.sha256(f"frenchtech-demo-totp:{email}".encode()).hexdigest()[:40]


def _metropole(name_part: str) -> Epci:
    return Epci.objects.filter(kind=EpciKind.METROPOLE, search_name__contains=name_part).first()


def organisations_plan():
    """(name, kind, extra fields, [(email, full name, role)]) for every demo organisation."""
    lyon, bordeaux, nantes = _metropole("lyon"), _metropole("bordeaux"), _metropole("nantes")
    return [
        ("Mission French Tech", OrganisationKind.MISSION, {}, [
            ("mission.head@demo.frenchtech.invalid", "Claire Mission (démo)", Role.MISSION_HEAD),
            ("mission.officer@demo.frenchtech.invalid", "Hugo Chargé (démo)", Role.MISSION_OFFICER),
        ]),
        ("Caisse des Dépôts", OrganisationKind.PARTNER, {"partner": Partner.CAISSE_DES_DEPOTS}, [
            ("cdc@demo.frenchtech.invalid", "Inès Caisse (démo)", Role.PARTNER_STAFF),
        ]),
        ("Bpifrance", OrganisationKind.PARTNER, {"partner": Partner.BPIFRANCE}, [
            ("bpifrance@demo.frenchtech.invalid", "Paul Bpi (démo)", Role.PARTNER_STAFF),
        ]),
        ("Business France", OrganisationKind.PARTNER, {"partner": Partner.BUSINESS_FRANCE}, [
            ("businessfrance@demo.frenchtech.invalid", "Léa Export (démo)", Role.PARTNER_STAFF),
        ]),
        ("AFII", OrganisationKind.PARTNER, {"partner": Partner.AFII}, [
            ("afii@demo.frenchtech.invalid", "Marc Invest (démo)", Role.PARTNER_STAFF),
        ]),
        ("Comité de labellisation", OrganisationKind.COMMITTEE, {}, [
            ("committee@demo.frenchtech.invalid", "Ada Jury (démo)", Role.COMMITTEE_MEMBER),
        ]),
        ("French Tech Lyon (démo)", OrganisationKind.CONSORTIUM, {"territory": lyon}, [
            ("lyon.lead@demo.frenchtech.invalid", "Louise Porteuse (démo)", Role.CONSORTIUM_LEAD),
            ("lyon.editor@demo.frenchtech.invalid", "Yanis Rédacteur (démo)", Role.CONSORTIUM_EDITOR),
        ]),
        ("French Tech Bordeaux (démo)", OrganisationKind.CONSORTIUM, {"territory": bordeaux}, [
            ("bordeaux.lead@demo.frenchtech.invalid", "Jeanne Aquitaine (démo)", Role.CONSORTIUM_LEAD),
        ]),
        ("French Tech Nantes (démo)", OrganisationKind.CONSORTIUM, {"territory": nantes}, [
            ("nantes.lead@demo.frenchtech.invalid", "Erwan Loire (démo)", Role.CONSORTIUM_LEAD),
        ]),
        ("Accélérateur Rhône Numérique SAS (démo)", OrganisationKind.ACCELERATOR,
         {"siren": with_luhn_key("90000001")}, [
            ("accelerator.ceo@demo.frenchtech.invalid", "Nadia Accélère (démo)", Role.ACCELERATOR_MANAGER),
            ("accelerator.cfo@demo.frenchtech.invalid", "Omar Finance (démo)", Role.ACCELERATOR_FINANCE),
        ]),
    ]  # fmt: skip


@transaction.atomic
def load_demo_accounts() -> list[DemoAccount]:
    """Create (once) the demo organisations and accounts; return every demo account."""
    accounts = []
    for name, kind, extra, people in organisations_plan():
        organisation = Organisation.objects.filter(name=name, is_demo=True).first()
        if organisation is None:
            organisation = create_organisation(
                by=SYSTEM, name=name, kind=kind, is_demo=True, **extra
            )
        for email, full_name, role in people:
            if not organisation.memberships.filter(user__email=email, role=role).exists():
                add_member(
                    by=SYSTEM,
                    organisation=organisation,
                    email=email,
                    full_name=full_name,
                    role=role,
                    password=DEMO_PASSWORD,
                )
            user = User.objects.get(email=email)
            if user.needs_two_factors and not TOTPDevice.objects.filter(user=user).exists():
                TOTPDevice.objects.create(
                    user=user, name="demo", confirmed=True, key=demo_totp_key(email)
                )
            accounts.append(DemoAccount(email, full_name, role, name))
    return accounts
