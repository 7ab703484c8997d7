"""Members, declarations of interest and conflicts."""

from frenchtech.committee import perms
from frenchtech.committee.conflicts import conflict_map
from frenchtech.committee.enums import ConflictOrigin
from frenchtech.committee.models import CommitteeMember, ConflictOfInterest, InterestDeclaration
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person


def _self_or_mission(user, member) -> bool:
    """The member themselves, or the Mission on their behalf."""
    return user == member.user or perms.can_manage(user)


@write_action(allowed=perms.can_manage)
def register_member(*, by, user, kind, expertise=(), home_epci=None) -> CommitteeMember:
    """Seat `user` (who holds a committee or partner role) on the committee."""
    member, _created = CommitteeMember.objects.update_or_create(
        user=user,
        defaults={
            "kind": kind,
            "expertise": sorted({tag.strip().lower() for tag in expertise if tag.strip()}),
            "home_epci": home_epci,
            "is_active": True,
        },
    )
    return member


@write_action(allowed=_self_or_mission)
def declare_interests(*, by, member, text) -> InterestDeclaration:
    """The member themselves, or the Mission on their behalf."""
    return InterestDeclaration.objects.create(member=member, text=text, declared_by=person(by))


@write_action(allowed=_self_or_mission)
def declare_conflict(*, by, member, application, kind, reason="") -> ConflictOfInterest:
    """A member declares their own conflict, or the Mission declares one for them."""
    is_self = by == member.user
    origin = ConflictOrigin.MEMBER if is_self else ConflictOrigin.MISSION
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        member=member,
        application=application,
        kind=kind,
        defaults={"origin": origin, "reason": reason, "recorded_by": person(by)},
    )
    return conflict


@write_action(allowed=perms.can_manage)
def record_detected_conflicts(*, by, members, applications) -> int:
    """Store what detection finds, so the register lists it; returns how many were new."""
    members = list(members)
    by_user = {member.user_id: member for member in members}
    created = 0
    found = conflict_map([member.user for member in members], applications)
    for (user_id, application_id), ties in found.items():
        for tie in ties:
            _conflict, new = ConflictOfInterest.objects.get_or_create(
                member=by_user[user_id],
                application_id=application_id,
                kind=tie.kind,
                defaults={
                    "origin": ConflictOrigin.DETECTED,
                    "reason": tie.reason,
                    "recorded_by": person(by),
                },
            )
            created += new
    return created
