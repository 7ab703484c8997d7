"""Who may see and do what with accounts and organisations."""

from frenchtech.accounts.enums import Role

MISSION_ROLES = (Role.MISSION_HEAD, Role.MISSION_OFFICER)


def is_mission_staff(user) -> bool:
    return user.is_authenticated and user.has_role(*MISSION_ROLES)


def can_view_back_office(user) -> bool:
    return is_mission_staff(user)


def can_view_audit_log(user) -> bool:
    return user.is_authenticated and user.has_role(Role.MISSION_HEAD)


def can_view_organisation(user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    if is_mission_staff(user):
        return True
    return organisation.memberships.filter(user=user, is_active=True).exists()


def can_manage_members(user, organisation) -> bool:
    """The Mission head, or the lead of a consortium for its own consortium."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.MISSION_HEAD):
        return True
    return organisation.memberships.filter(
        user=user, is_active=True, role__in=[Role.CONSORTIUM_LEAD, Role.ACCELERATOR_MANAGER]
    ).exists()
