from django.conf import settings

from frenchtech.accounts import perms
from frenchtech.accounts.enums import Role
from frenchtech.committee import perms as committee_perms


def platform(request):
    user = request.user
    return {
        "demo_mode": settings.FRENCHTECH_DEMO,
        "show_back_office": perms.can_view_back_office(user),
        "show_audit_log": perms.can_view_audit_log(user),
        # Only people who may hold a seat cost the extra query of `can_enter`.
        "show_committee": user.is_authenticated
        and user.has_role(*perms.MISSION_ROLES, Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF)
        and committee_perms.can_enter(user),
    }
