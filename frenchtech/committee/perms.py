"""Who may see and do what in the committee: one predicate per question.

A conflicted member is refused everything about that application: its committee page,
its reviews, its review sheet, its vote, its exports (and, through the hook registered
in apps.py, its dossier and files in the calls pages).
"""

from frenchtech.accounts.enums import Role
from frenchtech.accounts.perms import is_mission_staff
from frenchtech.calls.enums import ApplicationState
from frenchtech.committee.conflicts import is_conflicted
from frenchtech.committee.enums import SessionState

MEMBER_ROLES = (Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF)


def member_of(user):
    """The user's active committee membership, or None (cached on the user)."""
    if not user.is_authenticated:
        return None
    if "_committee_member_cache" not in user.__dict__:
        member = None
        if user.has_role(*MEMBER_ROLES):
            from frenchtech.committee.models import CommitteeMember

            member = CommitteeMember.objects.filter(user=user, is_active=True).first()
        user.__dict__["_committee_member_cache"] = member
    return user.__dict__["_committee_member_cache"]


def can_manage(user) -> bool:
    """Rounds, members, conflicts, assignment, sessions, evaluation models: the Mission."""
    return is_mission_staff(user)


def can_enter(user) -> bool:
    return can_manage(user) or member_of(user) is not None


def can_view_application(user, round_, application) -> bool:
    if can_manage(user):
        return True
    return member_of(user) is not None and not is_conflicted(user, application)


def _assignment(user, round_, application):
    member = member_of(user)
    if member is None:
        return None
    return round_.assignments.filter(member=member, application=application).first()


def can_review(user, round_, application) -> bool:
    return (
        application.state == ApplicationState.READY_FOR_COMMITTEE
        and not is_conflicted(user, application)
        and _assignment(user, round_, application) is not None
    )


def can_read_others_reviews(user, round_, application, own_review) -> bool:
    """The Mission always; a member once their own review of it is submitted."""
    if can_manage(user):
        return True
    if not can_view_application(user, round_, application):
        return False
    return own_review is not None and own_review.is_submitted


def can_write_consensus(user, round_, application) -> bool:
    if application.state != ApplicationState.READY_FOR_COMMITTEE:
        return False
    if is_conflicted(user, application):
        return False
    assignment = _assignment(user, round_, application)
    return assignment is not None and assignment.is_rapporteur


def can_vote(user, session, application) -> bool:
    member = member_of(user)
    if member is None or session.state != SessionState.OPEN:
        return False
    if application.state != ApplicationState.READY_FOR_COMMITTEE:
        return False
    if is_conflicted(user, application):
        return False
    return session.attendance.filter(member=member, present=True).exists()


def can_decide(user, application=None) -> bool:
    return is_mission_staff(user)


def can_download_decision_letter(user, decision) -> bool:
    from frenchtech.calls.perms import is_applicant

    if can_manage(user):
        return True
    if is_applicant(user, decision.application):
        return True
    return member_of(user) is not None and not is_conflicted(user, decision.application)


def can_configure_evaluation(user) -> bool:
    return is_mission_staff(user)


# --- hooks for the calls pages (registered in apps.py) -----------------------------------
def bars_reading(user, application) -> bool:
    """True when a committee reader is conflicted with the application (dossier, files)."""
    return is_conflicted(user, application)


def barred_application_ids(user, applications) -> set[int]:
    """The ids of `applications` a committee reader may not list (conflicts)."""
    from frenchtech.committee.conflicts import conflicted_application_ids

    return conflicted_application_ids(user, applications)
