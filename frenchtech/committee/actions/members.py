"""Members, declarations of interest and conflicts."""

from django.db import transaction

from frenchtech.committee import perms
from frenchtech.committee.actions import require
from frenchtech.committee.conflicts import conflict_map
from frenchtech.committee.enums import ConflictOrigin
from frenchtech.committee.models import CommitteeMember, ConflictOfInterest, InterestDeclaration
from frenchtech.core.actor import acting


@transaction.atomic
def register_member(*, by, user, kind, expertise=(), home_epci=None) -> CommitteeMember:
    """Seat `user` (who holds a committee or partner role) on the committee."""
    require(by is None or perms.can_manage(by), "register committee member")
    with acting(by, "committee.register_member"):
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


@transaction.atomic
def declare_interests(*, by, member, text) -> InterestDeclaration:
    """The member themselves, or the Mission on their behalf."""
    require(by is None or by == member.user or perms.can_manage(by), "declare interests")
    with acting(by, "committee.declare_interests"):
        return InterestDeclaration.objects.create(member=member, text=text, declared_by=by)


@transaction.atomic
def declare_conflict(*, by, member, application, kind, reason="") -> ConflictOfInterest:
    """A member declares their own conflict, or the Mission declares one for them."""
    is_self = by is not None and by == member.user
    require(by is None or is_self or perms.can_manage(by), "declare conflict")
    origin = ConflictOrigin.MEMBER if is_self else ConflictOrigin.MISSION
    with acting(by, "committee.declare_conflict"):
        conflict, _created = ConflictOfInterest.objects.get_or_create(
            member=member,
            application=application,
            kind=kind,
            defaults={"origin": origin, "reason": reason, "recorded_by": by},
        )
    return conflict


@transaction.atomic
def record_detected_conflicts(*, by, members, applications) -> int:
    """Store what detection finds, so the register lists it; returns how many were new."""
    require(by is None or perms.can_manage(by), "record detected conflicts")
    members = list(members)
    by_user = {member.user_id: member for member in members}
    created = 0
    with acting(by, "committee.record_detected_conflicts"):
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
                        "recorded_by": by,
                    },
                )
                created += new
    return created
