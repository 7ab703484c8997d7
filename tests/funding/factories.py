"""Funding test helpers: envelopes through the real action (so the ledger is endowed)."""

import datetime

from frenchtech.accounts.enums import OrganisationKind, Partner
from frenchtech.core.actor import SYSTEM
from frenchtech.core.siren import with_luhn_key
from frenchtech.funding.actions.money import create_envelope
from frenchtech.funding.enums import EnvelopeKind
from frenchtech.labels.models import Label
from tests.factories import OrganisationFactory

TODAY = datetime.date.today()


def make_envelope(amount_cents=200_000_000_00, kind=EnvelopeKind.ACCELERATION, **fields):
    fields.setdefault("name", "Fonds d'accélération (test)")
    fields.setdefault("valid_from", TODAY - datetime.timedelta(days=365))
    fields.setdefault("valid_until", TODAY + datetime.timedelta(days=5 * 365))
    return create_envelope(by=SYSTEM, kind=kind, amount_cents=amount_cents, **fields)


_counter = iter(range(10_000_000, 99_999_999))


def private_siren() -> str:
    return with_luhn_key(f"{next(_counter):08d}")


def make_accelerator(name="Accélérateur privé (test)"):
    return OrganisationFactory(kind=OrganisationKind.ACCELERATOR, name=name, siren=private_siren())


def make_partner(partner=Partner.BPIFRANCE):
    return OrganisationFactory(kind=OrganisationKind.PARTNER, partner=partner)


def labelled_consortium(name="Écosystème labellisé (test)", status="experimentation"):
    """A consortium carrying a label (promotion abroad selects start-ups from these)."""
    consortium = OrganisationFactory(kind=OrganisationKind.CONSORTIUM, name=name)
    today = datetime.date.today()
    Label.objects.create(
        consortium=consortium,
        epci=consortium.territory,
        status=status,
        granted_at=today,
        experimentation_ends_at=today + datetime.timedelta(days=365),
        ends_at=today + datetime.timedelta(days=365),
    )
    return consortium
