"""Write actions on accounts: atomic, permission-checked, audited (see core/audited.py)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from frenchtech.accounts import perms
from frenchtech.accounts.models import Membership, Organisation, User
from frenchtech.core.actor import acting


@transaction.atomic
def create_organisation(*, by, name, kind, partner="", siren="", territory=None, is_demo=False):
    """Create an organisation; only the Mission (or the system, `by=None`) may."""
    if by is not None and not perms.is_mission_staff(by):
        raise PermissionDenied("only the Mission creates organisations")
    with acting(by, "accounts.create_organisation"):
        organisation = Organisation(
            name=name, kind=kind, partner=partner, siren=siren, territory=territory, is_demo=is_demo
        )
        organisation.full_clean()
        organisation.save()
    return organisation


@transaction.atomic
def add_member(*, by, organisation, email, full_name, role, password=None):
    """Give `email` a role in `organisation`, creating the account if it does not exist."""
    if by is not None and not perms.can_manage_members(by, organisation):
        raise PermissionDenied("not allowed to manage this organisation's members")
    with acting(by, "accounts.add_member"):
        user = User.objects.filter(email=email.lower()).first()
        if user is None:
            user = User.objects.create_user(email, password, full_name=full_name)
        membership = Membership(user=user, organisation=organisation, role=role)
        membership.full_clean()
        membership.save()
    return membership


@transaction.atomic
def deactivate_membership(*, by, membership):
    if not perms.can_manage_members(by, membership.organisation):
        raise PermissionDenied("not allowed to manage this organisation's members")
    with acting(by, "accounts.deactivate_membership"):
        membership.is_active = False
        membership.save()
    return membership
