"""Sessions: planning, attendance, votes and the committee's recommendation."""

from django.db import transaction
from django.utils.translation import gettext as _

from frenchtech.committee import perms
from frenchtech.committee.actions import require
from frenchtech.committee.enums import SessionState
from frenchtech.committee.errors import CommitteeRefused
from frenchtech.committee.models import Attendance, CommitteeSession, Recommendation, Vote
from frenchtech.core.actor import acting


@transaction.atomic
def plan_session(*, by, round_, held_on, location="", quorum=3) -> CommitteeSession:
    require(by is None or perms.can_manage(by), "plan session")
    with acting(by, "committee.plan_session"):
        return CommitteeSession.objects.create(
            round=round_, held_on=held_on, location=location, quorum=quorum
        )


@transaction.atomic
def record_attendance(*, by, session, present_members) -> int:
    """Who is in the room; returns how many are present."""
    require(by is None or perms.can_manage(by), "record attendance")
    if session.state == SessionState.CLOSED:
        raise CommitteeRefused(_("La séance est close."))
    present_ids = {member.pk for member in present_members}
    with acting(by, "committee.record_attendance"):
        for member in present_members:
            Attendance.objects.update_or_create(
                session=session, member=member, defaults={"present": True}
            )
        for row in session.attendance.exclude(member_id__in=present_ids).filter(present=True):
            row.present = False
            row.save()
    return len(present_ids)


def present_count(session) -> int:
    return session.attendance.filter(present=True).count()


@transaction.atomic
def change_session_state(*, by, session, state) -> CommitteeSession:
    require(by is None or perms.can_manage(by), "change session state")
    if state == SessionState.OPEN and present_count(session) < session.quorum:
        raise CommitteeRefused(
            _("Quorum non atteint : %(present)s présent(s) pour un quorum de %(quorum)s.")
            % {"present": present_count(session), "quorum": session.quorum}
        )
    with acting(by, "committee.change_session_state"):
        session.state = state
        session.save()
    return session


@transaction.atomic
def cast_vote(*, by, session, application, choice, comment="") -> Vote:
    require(perms.can_vote(by, session, application), "vote")
    member = perms.member_of(by)
    if Vote.objects.filter(session=session, application=application, member=member).exists():
        raise CommitteeRefused(_("Vous avez déjà voté : un vote ne se modifie pas."))
    with acting(by, "committee.cast_vote"):
        return Vote.objects.create(
            session=session, application=application, member=member, choice=choice, comment=comment
        )


def tally(session, application) -> dict:
    counts: dict[str, int] = {}
    for choice in session.votes.filter(application=application).values_list("choice", flat=True):
        counts[choice] = counts.get(choice, 0) + 1
    return counts


@transaction.atomic
def record_recommendation(*, by, session, application, outcome, text="") -> Recommendation:
    """The Mission writes down what the committee recommends, once the quorum has voted."""
    require(perms.can_manage(by), "record recommendation")
    counts = tally(session, application)
    cast = sum(counts.values())
    if cast < session.quorum:
        raise CommitteeRefused(
            _("%(cast)s vote(s) exprimé(s) pour un quorum de %(quorum)s : pas de recommandation.")
            % {"cast": cast, "quorum": session.quorum}
        )
    if Recommendation.objects.filter(session=session, application=application).exists():
        raise CommitteeRefused(_("La recommandation du comité est déjà enregistrée."))
    with acting(by, "committee.record_recommendation"):
        return Recommendation.objects.create(
            session=session,
            application=application,
            outcome=outcome,
            votes_for=counts.get(outcome, 0),
            votes_cast=cast,
            text=text,
            recorded_by=by,
        )
