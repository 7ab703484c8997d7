"""Who may see and do what with calls and applications: one predicate per question.

Committee members and partner staff read an application only once it has reached the
committee (`COMMITTEE_VISIBLE_STATES`), except those a conflict of interest bars (the
committee registers `READ_BARRIERS`). They never see drafts, screening or co-construction.
"""

from frenchtech.accounts.enums import Role
from frenchtech.accounts.perms import is_mission_staff
from frenchtech.calls.enums import COMMITTEE_VISIBLE_STATES, FINAL_STATES, CallState

CONSORTIUM_ROLES = (Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR)
COMMITTEE_READERS = (Role.COMMITTEE_MEMBER, Role.PARTNER_STAFF)

# Filled by apps to the right of calls (the committee's conflicts of interest) in their
# AppConfig.ready(), since calls may not import them.
READ_BARRIERS: list = []  # (user, application) -> True refuses a committee reader
LIST_BARRIERS: list = []  # (user, applications) -> ids to hide from a committee reader


def _memberships(user):
    # Cached per user instance: a page asks several questions per request.
    if not hasattr(user, "_calls_memberships_cache"):
        user._calls_memberships_cache = set(
            user.memberships.filter(is_active=True).values_list("organisation_id", "role")
        )
    return user._calls_memberships_cache


def has_role_in(user, organisation_id, *roles) -> bool:
    if not user.is_authenticated:
        return False
    return any((organisation_id, role) in _memberships(user) for role in roles)


def led_consortium_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {org for org, role in _memberships(user) if role == Role.CONSORTIUM_LEAD}


def consortium_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {org for org, role in _memberships(user) if role in CONSORTIUM_ROLES}


# --- calls ---------------------------------------------------------------------------
def can_manage_calls(user) -> bool:
    return is_mission_staff(user)


def can_view_call(user, call) -> bool:
    return call.state != CallState.DRAFT or can_manage_calls(user)


def can_apply(user, call, consortium) -> bool:
    return (
        has_role_in(user, consortium.pk, Role.CONSORTIUM_LEAD) and call.accepts_new_applications()
    )


# --- applications --------------------------------------------------------------------
def is_applicant(user, application) -> bool:
    return has_role_in(user, application.consortium_id, *CONSORTIUM_ROLES)


def is_lead(user, application) -> bool:
    return has_role_in(user, application.consortium_id, Role.CONSORTIUM_LEAD)


def can_view_application(user, application) -> bool:
    if not user.is_authenticated:
        return False
    if is_mission_staff(user) or is_applicant(user, application):
        return True
    return (
        application.state in COMMITTEE_VISIBLE_STATES
        and user.has_role(*COMMITTEE_READERS)
        and not any(barrier(user, application) for barrier in READ_BARRIERS)
    )


def can_edit_application(user, application) -> bool:
    return is_applicant(user, application) and application.is_editable


def can_submit(user, application) -> bool:
    return is_lead(user, application) and application.is_editable


def can_withdraw(user, application) -> bool:
    return is_lead(user, application) and application.state not in FINAL_STATES


def can_invite_editors(user, application) -> bool:
    return is_lead(user, application) and application.state not in FINAL_STATES


def can_screen(user, application=None) -> bool:
    return is_mission_staff(user)


def can_post_message(user, application) -> bool:
    if application.state in FINAL_STATES or not application.rounds.exists():
        return False
    return is_mission_staff(user) or is_applicant(user, application)


def can_export(user) -> bool:
    return is_mission_staff(user)


def visible_applications(user, queryset):
    """The applications of `queryset` this user may read (used by lists and exports)."""
    if not user.is_authenticated:
        return queryset.none()
    if is_mission_staff(user):
        return queryset
    from django.db.models import Q

    condition = Q(consortium_id__in=consortium_ids(user))
    if not user.has_role(*COMMITTEE_READERS):
        return queryset.filter(condition)
    result = queryset.filter(condition | Q(state__in=COMMITTEE_VISIBLE_STATES))
    if LIST_BARRIERS:
        candidates = list(result.select_related("consortium"))
        barred = set().union(*(barrier(user, candidates) for barrier in LIST_BARRIERS))
        # The applicant's own consortium is never hidden from them.
        own = {a.pk for a in candidates if a.consortium_id in consortium_ids(user)}
        result = result.exclude(pk__in=barred - own)
    return result
