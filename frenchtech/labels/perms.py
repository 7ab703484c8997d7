"""Who may see and do what with labels. Public pages need no predicate: they are open."""

from frenchtech.accounts.enums import Role
from frenchtech.accounts.perms import is_mission_staff

REPORTING_ROLES = (Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR)


def can_manage_labels(user) -> bool:
    """Grant, audit, suspend, reinstate, withdraw, review reports: the Mission only."""
    return is_mission_staff(user)


def is_reporter(user, label) -> bool:
    """A lead or editor of the labelled consortium: they write its yearly reports."""
    if not user.is_authenticated:
        return False
    return label.consortium.memberships.filter(
        user=user, is_active=True, role__in=REPORTING_ROLES
    ).exists()


def can_view_reports(user, label) -> bool:
    return is_mission_staff(user) or is_reporter(user, label)


def can_open_report(user, label) -> bool:
    return label.is_live and is_reporter(user, label)


def can_edit_report(user, report) -> bool:
    return report.is_editable and report.label.is_live and is_reporter(user, report.label)


def can_review_report(user, report) -> bool:
    return is_mission_staff(user)
