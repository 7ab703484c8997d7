"""Registering an accelerator: only a private organisation with a valid SIREN."""

from frenchtech.accounts.enums import OrganisationKind
from frenchtech.accounts.models import Organisation
from frenchtech.core.actions import write_action
from frenchtech.funding import perms
from frenchtech.funding.eligibility import check_accelerator_eligibility


@write_action(allowed=perms.can_register_accelerator)
def register_accelerator(*, by, name, siren, lookup=None, is_demo=False) -> Organisation:
    """Create the accelerator organisation after the public-body rule (AcceleratorRefused).

    The fund's own rule decides, so the organisation is created here rather than through
    `accounts.create_organisation`, which only the Mission may call.
    """
    siren = check_accelerator_eligibility(siren, lookup)
    existing = Organisation.objects.filter(kind=OrganisationKind.ACCELERATOR, siren=siren).first()
    if existing is not None:
        return existing
    organisation = Organisation(
        name=name, kind=OrganisationKind.ACCELERATOR, siren=siren, is_demo=is_demo
    )
    organisation.full_clean()
    organisation.save()
    return organisation
