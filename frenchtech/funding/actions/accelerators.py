"""Registering an accelerator: only a private organisation with a valid SIREN."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from frenchtech.accounts.actions import create_organisation
from frenchtech.accounts.enums import OrganisationKind
from frenchtech.accounts.models import Organisation
from frenchtech.core.actor import acting
from frenchtech.funding import perms
from frenchtech.funding.eligibility import check_accelerator_eligibility


@transaction.atomic
def register_accelerator(*, by, name, siren, lookup=None, is_demo=False) -> Organisation:
    """Create the accelerator organisation after the public-body rule; raises AcceleratorRefused."""
    if by is not None and not perms.can_manage_fund(by):
        raise PermissionDenied("only fund managers register accelerators")
    siren = check_accelerator_eligibility(siren, lookup)
    existing = Organisation.objects.filter(kind=OrganisationKind.ACCELERATOR, siren=siren).first()
    if existing is not None:
        return existing
    with acting(by, "funding.register_accelerator"):
        # accounts.create_organisation lets only the Mission create; fund partners register
        # accelerators too, so it is called as the system while the audit names `by`.
        return create_organisation(
            by=None, name=name, kind=OrganisationKind.ACCELERATOR, siren=siren, is_demo=is_demo
        )
