"""Write actions on accounts, declared with `core.actions.write_action`."""

from axes.models import AccessAttempt
from django.utils.translation import gettext as _

from frenchtech.accounts import perms
from frenchtech.accounts.models import Membership, Organisation, User
from frenchtech.core import audit
from frenchtech.core.actions import write_action
from frenchtech.core.refusals import ActionRefused


@write_action(allowed=perms.is_mission_staff)
def create_organisation(*, by, name, kind, partner="", siren="", territory=None, is_demo=False):
    """Create an organisation (the Mission, or the system for the demo). Accelerators are
    registered by the fund after its public-body rule (`funding.register_accelerator`)."""
    organisation = Organisation(
        name=name, kind=kind, partner=partner, siren=siren, territory=territory, is_demo=is_demo
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@write_action(allowed=perms.can_manage_members)
def add_member(*, by, organisation, email, full_name, role, password=None):
    """Give `email` a role in `organisation`, creating the account if it does not exist."""
    user = User.objects.filter(email=email.lower()).first()
    if user is None:
        user = User.objects.create_user(email, password, full_name=full_name)
    membership = Membership(user=user, organisation=organisation, role=role)
    membership.full_clean()
    membership.save()
    return membership


def _manages_membership(user, membership) -> bool:
    return perms.can_manage_members(user, membership.organisation)


@write_action(allowed=_manages_membership)
def deactivate_membership(*, by, membership):
    membership.is_active = False
    membership.save()
    return membership


@write_action(allowed=perms.is_mission_staff)
def unlock_sign_in(*, by, username, ip_address):
    """Lift the sign-in lock of one account from one address (django-axes' failures)."""
    attempts = AccessAttempt.objects.filter(username=username, ip_address=ip_address)
    failures = sum(attempts.values_list("failures_since_start", flat=True))
    if not failures:
        raise ActionRefused(_("Aucun blocage pour ce compte depuis cette adresse."))
    attempts.delete()
    audit.record(
        "accounts.unlock_sign_in",
        object_type="accounts.signinlock",
        object_id=username[:64],
        before={"username": username, "ip_address": ip_address, "failures": failures},
        after=None,
    )
    return failures
