"""Sessions: planning, attendance, votes and the committee's recommendation."""

from django.utils.translation import gettext as _

from frenchtech.committee import perms
from frenchtech.committee.enums import Outcome, SessionState
from frenchtech.committee.models import Attendance, CommitteeSession, Recommendation, Vote
from frenchtech.committee.workflow import SESSION_WORKFLOW
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused


@write_action(allowed=perms.can_manage)
def plan_session(*, by, round_, held_on, location="", quorum=3) -> CommitteeSession:
    return CommitteeSession.objects.create(
        round=round_, held_on=held_on, location=location, quorum=quorum
    )


@write_action(allowed=perms.can_manage)
def record_attendance(*, by, session, present_members) -> int:
    """Who is in the room; returns how many are present."""
    if session.state == SessionState.CLOSED:
        raise ActionRefused(_("La séance est close."))
    present_ids = {member.pk for member in present_members}
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


@write_action(allowed=perms.can_manage)
def move_session(*, by, session, transition) -> CommitteeSession:
    """Open the session (once the quorum is present) or close it."""
    if transition == "open" and present_count(session) < session.quorum:
        raise ActionRefused(
            _("Quorum non atteint : %(present)s présent(s) pour un quorum de %(quorum)s.")
            % {"present": present_count(session), "quorum": session.quorum}
        )
    return SESSION_WORKFLOW.fire(session, transition, by=by)


@write_action(allowed=perms.can_vote, system=False)
def cast_vote(*, by, session, application, choice, comment="") -> Vote:
    if choice not in Outcome.values:
        raise ActionRefused(_("Choisissez votre vote."), field="choice")
    member = perms.member_of(by)
    if Vote.objects.filter(session=session, application=application, member=member).exists():
        raise ActionRefused(_("Vous avez déjà voté : un vote ne se modifie pas."))
    return Vote.objects.create(
        session=session, application=application, member=member, choice=choice, comment=comment
    )


def tally(session, application) -> dict:
    counts: dict[str, int] = {}
    for choice in session.votes.filter(application=application).values_list("choice", flat=True):
        counts[choice] = counts.get(choice, 0) + 1
    return counts


def majority(counts: dict) -> str | None:
    """The choice with the most votes, or None when two choices tie at the top."""
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=counts.get)


def can_see_tally(user, session, *, has_voted: bool) -> bool:
    """A member sees how the others voted once they have voted (`has_voted`, on this
    application), or once the session is closed; the Mission, which records the
    recommendation, sees it throughout."""
    return has_voted or session.state == SessionState.CLOSED or perms.can_manage(user)


def unacknowledged_dissent(counts: dict, outcome, acknowledged: bool) -> ActionRefused | None:
    """The refusal of a recommendation against the votes' majority not acknowledged."""
    most = majority(counts)
    if most is None or outcome == most or acknowledged:
        return None
    return ActionRefused(
        _(
            "Cette recommandation s'écarte de la majorité des votes (%(majority)s, "
            "%(count)s sur %(cast)s) : cochez la case pour confirmer que vous l'avez vu."
        )
        % {"majority": Outcome(most).label, "count": counts[most], "cast": sum(counts.values())},
        field="against_majority_acknowledged",
    )


@write_action(allowed=perms.can_manage)
def record_recommendation(
    *, by, session, application, outcome, text="", against_majority_acknowledged=False
) -> Recommendation:
    """The Mission writes down what the committee recommends, once the quorum has voted.

    A recommendation other than the votes' majority is recorded only when the Mission
    says it has seen that majority (`against_majority_acknowledged`).
    """
    if outcome not in Outcome.values:
        raise ActionRefused(_("Choisissez la recommandation."), field="outcome")
    counts = tally(session, application)
    cast = sum(counts.values())
    if cast < session.quorum:
        raise ActionRefused(
            _("%(cast)s vote(s) exprimé(s) pour un quorum de %(quorum)s : pas de recommandation.")
            % {"cast": cast, "quorum": session.quorum}
        )
    if Recommendation.objects.filter(session=session, application=application).exists():
        raise ActionRefused(_("La recommandation du comité est déjà enregistrée."))
    dissent = unacknowledged_dissent(counts, outcome, against_majority_acknowledged)
    if dissent is not None:
        raise dissent
    return Recommendation.objects.create(
        session=session,
        application=application,
        outcome=outcome,
        votes_for=counts.get(outcome, 0),
        votes_cast=cast,
        text=text,
        recorded_by=person(by),
    )
