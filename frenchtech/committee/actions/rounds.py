"""Rounds and the assignment of reviewers."""

from django.utils.translation import gettext as _

from frenchtech.calls.enums import ApplicationState
from frenchtech.committee import perms
from frenchtech.committee.actions.members import record_detected_conflicts
from frenchtech.committee.conflicts import is_conflicted
from frenchtech.committee.enums import AssignmentOrigin
from frenchtech.committee.models import Assignment, CommitteeMember, CommitteeRound
from frenchtech.committee.reviewer_assignment import plan
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused


def active_members():
    return (
        CommitteeMember.objects.filter(
            is_active=True,
            user__is_active=True,
            user__memberships__is_active=True,
            user__memberships__role__in=perms.MEMBER_ROLES,
        )
        .select_related("user")
        .distinct()
    )


@write_action(allowed=perms.can_manage)
def open_round(*, by, call, title, **settings) -> CommitteeRound:
    """A round takes the call's applications that are ready for the committee; two rounds
    of one call never share a title."""
    if CommitteeRound.objects.filter(call=call, title__iexact=(title or "").strip()).exists():
        raise ActionRefused(
            _("Cet appel a déjà un tour intitulé « %(title)s » : choisissez un autre titre.")
            % {"title": title.strip()},
            field="title",
        )
    round_ = CommitteeRound(call=call, title=title, created_by=person(by), **settings)
    round_.full_clean(exclude=["created_by"])
    round_.save()
    round_.applications.set(call.applications.filter(state=ApplicationState.READY_FOR_COMMITTEE))
    return round_


@write_action(allowed=perms.can_manage)
def refresh_agenda(*, by, round_) -> CommitteeRound:
    """Add applications that became ready for the committee since the round opened."""
    ready = round_.call.applications.filter(state=ApplicationState.READY_FOR_COMMITTEE)
    round_.applications.add(*ready)
    return round_


@write_action(allowed=perms.can_manage)
def compute_assignment(*, by, round_) -> int:
    """Solve the assignment for the round's open applications; returns assignments stored."""
    applications = list(
        round_.applications.filter(state=ApplicationState.READY_FOR_COMMITTEE)
        .select_related("consortium")
        .prefetch_related("sections")
        .order_by("pk")
    )
    members = list(active_members().order_by("pk"))
    if not applications:
        raise ActionRefused(_("Aucune candidature prête pour le comité dans ce tour."))
    record_detected_conflicts(by=by, members=members, applications=applications)
    chosen = plan(round_, applications, members)
    existing = {
        (a.application_id, a.member_id): a
        for a in round_.assignments.filter(application__in=applications)
    }
    wanted = {(application_id, m) for application_id, ms in chosen.items() for m in ms}
    for pair, assignment in existing.items():
        if pair not in wanted:
            assignment.delete()
    for application_id, member_id in sorted(wanted - set(existing)):
        Assignment.objects.create(
            round=round_,
            application_id=application_id,
            member_id=member_id,
            origin=AssignmentOrigin.SOLVER,
        )
    for application_id, member_ids in chosen.items():
        _ensure_rapporteur(round_, application_id, member_ids)
    return len(wanted)


def _ensure_rapporteur(round_, application_id, member_ids):
    assignments = round_.assignments.filter(application_id=application_id)
    if assignments.filter(is_rapporteur=True).exists():
        return
    first = assignments.filter(member_id__in=member_ids).order_by("member_id").first()
    if first is not None:
        first.is_rapporteur = True
        first.save()


@write_action(allowed=perms.can_manage)
def add_reviewer(*, by, round_, application, member) -> Assignment:
    if not round_.applications.filter(pk=application.pk).exists():
        raise ActionRefused(_("Cette candidature n'est pas à l'ordre du jour de ce tour."))
    if is_conflicted(member.user, application):
        raise ActionRefused(
            _("%(member)s a un conflit d'intérêts avec %(name)s : attribution refusée.")
            % {"member": member, "name": application.consortium.name}
        )
    assignment, _created = Assignment.objects.get_or_create(
        round=round_,
        application=application,
        member=member,
        defaults={"origin": AssignmentOrigin.MANUAL},
    )
    return assignment


@write_action(allowed=perms.can_manage)
def remove_reviewer(*, by, assignment) -> None:
    if assignment.round.reviews.filter(
        application=assignment.application, member=assignment.member, submitted_at__isnull=False
    ).exists():
        raise ActionRefused(_("Ce membre a déjà remis son avis : il reste rapporteur."))
    assignment.delete()


@write_action(allowed=perms.can_manage)
def designate_rapporteur(*, by, assignment) -> Assignment:
    for other in assignment.round.assignments.filter(
        application=assignment.application, is_rapporteur=True
    ).exclude(pk=assignment.pk):
        other.is_rapporteur = False
        other.save()
    assignment.is_rapporteur = True
    assignment.save()
    return assignment
