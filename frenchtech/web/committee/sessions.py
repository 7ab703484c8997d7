"""Committee sessions: agenda, attendance and quorum, votes and the recommendation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from frenchtech.committee import perms
from frenchtech.committee.actions import sessions as act
from frenchtech.committee.actions.rounds import active_members
from frenchtech.committee.conflicts import conflicted_application_ids
from frenchtech.committee.enums import Outcome
from frenchtech.committee.models import CommitteeSession
from frenchtech.core.permissions import require
from frenchtech.web.committee.common import application_in, round_for
from frenchtech.web.committee.forms import (
    AttendanceForm,
    RecommendationForm,
    SessionForm,
    VoteForm,
)
from frenchtech.web.confirmation import Fact, ask, confirmed
from frenchtech.web.refusals import refusals_shown, show


def session_for(request, pk) -> CommitteeSession:
    require(perms.can_enter(request.user), "committee")
    return get_object_or_404(CommitteeSession.objects.select_related("round__call"), pk=pk)


@require_POST
@login_required
def session_create(request, pk):
    round_ = round_for(request, pk)
    require(perms.can_manage(request.user), "plan session")
    form = SessionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Séance non créée : vérifiez la date et le quorum."))
        return redirect(round_)
    session = act.plan_session(by=request.user, round_=round_, **form.cleaned_data)
    messages.success(request, _("Séance planifiée."))
    return redirect(session)


@require_GET
@login_required
def session_detail(request, pk):
    return render_session(request, session_for(request, pk))


def render_session(request, session, *, bound=None, status=200):
    """The session's page; `bound` is (form name, application pk, form) for a refused
    vote or recommendation, shown again with its errors beside its application."""
    user = request.user
    is_mission = perms.can_manage(user)
    applications = list(
        session.round.applications.select_related("consortium").order_by("consortium__name")
    )
    if not is_mission:
        barred = conflicted_application_ids(user, applications)
        applications = [a for a in applications if a.pk not in barred]
    votes = list(session.votes.all())
    recommendations = {r.application_id: r for r in session.recommendations.all()}
    member = perms.member_of(user)
    present = {row.member_id for row in session.attendance.filter(present=True)}
    agenda = []
    for application in applications:
        mine = [v for v in votes if v.application_id == application.pk]
        counts = {}
        for vote in mine:
            counts[vote.choice] = counts.get(vote.choice, 0) + 1
        voted = member is not None and any(v.member_id == member.pk for v in mine)
        most = act.majority(counts)
        forms = {
            "vote_form": VoteForm(auto_id=f"id_vote_{application.pk}_%s"),
            "recommendation_form": RecommendationForm(auto_id=f"id_rec_{application.pk}_%s"),
        }
        if bound is not None and bound[1] == application.pk:
            forms[bound[0]] = bound[2]
        agenda.append(
            {
                "application": application,
                # Hidden from a member until they have voted (or the session is closed).
                "tally_shown": act.can_see_tally(user, session, has_voted=voted),
                "counts": sorted(
                    (Outcome(choice).label, count) for choice, count in counts.items()
                ),
                "majority": Outcome(most).label if most else None,
                "majority_count": counts.get(most, 0),
                "cast": len(mine),
                "voted": voted,
                # The cheap conditions first: the full rule asks the database.
                "can_vote": member is not None
                and member.pk in present
                and not voted
                and perms.can_vote(user, session, application),
                "recommendation": recommendations.get(application.pk),
                **forms,
            }
        )
    members = active_members()
    context = {
        "title": _("Séance du %(date)s") % {"date": f"{session.held_on:%d/%m/%Y}"},
        "session": session,
        "round": session.round,
        "is_mission": is_mission,
        "agenda": agenda,
        "present_count": len(present),
        "present_members": [m for m in members if m.pk in present],
        "attendance_form": AttendanceForm(members=members, initial={"present": list(present)})
        if is_mission
        else None,
    }
    return render(request, "web/committee/session_detail.html", context, status=status)


@require_POST
@login_required
def attendance(request, pk):
    session = session_for(request, pk)
    require(perms.can_manage(request.user), "attendance")
    form = AttendanceForm(request.POST, members=active_members())
    if form.is_valid():
        with refusals_shown(request) as attempt:
            count = act.record_attendance(
                by=request.user, session=session, present_members=form.cleaned_data["present"]
            )
        if not attempt.refused:
            messages.success(request, _("%(count)s membre(s) présent(s).") % {"count": count})
    return redirect(session)


@require_POST
@login_required
def change_state(request, pk, transition):
    session = session_for(request, pk)
    require(perms.can_manage(request.user), "session state")
    if transition == "close" and not confirmed(request):
        return ask(
            request,
            title=_("Clore la séance du %(date)s ?") % {"date": f"{session.held_on:%d/%m/%Y}"},
            consequences=[
                _(
                    "Une séance close ne se rouvre pas : plus aucun vote ni recommandation n'y "
                    "sera enregistré."
                ),
                _("Le détail des votes devient visible de tous les membres."),
            ],
            cancel_url=session.get_absolute_url(),
            confirm_label=_("Clore la séance"),
        )
    with refusals_shown(request) as attempt:
        moved = act.move_session(by=request.user, session=session, transition=transition)
    if not attempt.refused:
        messages.success(request, _("Séance : %(state)s.") % {
            "state": moved.get_state_display()
        })  # fmt: skip
    return redirect(session)


@require_POST
@login_required
def vote(request, pk, application_pk):
    session = session_for(request, pk)
    application = application_in(request, session.round, application_pk)
    require(perms.can_vote(request.user, session, application), "vote")
    form = VoteForm(request.POST, auto_id=f"id_vote_{application.pk}_%s")
    if not form.is_valid():
        return render_session(
            request, session, bound=("vote_form", application.pk, form), status=400
        )
    if not confirmed(request):
        return ask(
            request,
            title=_("Confirmer votre vote sur %(name)s ?") % {"name": application.consortium.name},
            consequences=[_("Un vote est définitif : il ne pourra plus être modifié.")],
            facts=[Fact(_("Votre vote"), Outcome(form.cleaned_data["choice"]).label)],
            cancel_url=session.get_absolute_url(),
            confirm_label=_("Voter"),
        )
    with refusals_shown(request, form) as attempt:
        act.cast_vote(
            by=request.user, session=session, application=application, **form.cleaned_data
        )
    if attempt.refused:
        return render_session(
            request, session, bound=("vote_form", application.pk, form), status=400
        )
    messages.success(request, _("Vote enregistré."))
    return redirect(session)


@require_POST
@login_required
def recommend(request, pk, application_pk):
    session = session_for(request, pk)
    application = application_in(request, session.round, application_pk)
    require(perms.can_manage(request.user), "recommend")
    form = RecommendationForm(request.POST, auto_id=f"id_rec_{application.pk}_%s")
    bound = ("recommendation_form", application.pk, form)
    if not form.is_valid():
        return render_session(request, session, bound=bound, status=400)
    counts = act.tally(session, application)
    most = act.majority(counts)
    outcome = form.cleaned_data["outcome"]
    dissent = act.unacknowledged_dissent(
        counts, outcome, form.cleaned_data["against_majority_acknowledged"]
    )
    if dissent is not None:
        show(request, dissent, form)
        return render_session(request, session, bound=bound, status=400)
    if not confirmed(request):
        consequences = [_("La recommandation du comité ne se modifie plus une fois enregistrée.")]
        if most is not None and most != outcome:
            consequences.append(
                _("Elle s'écarte de la majorité des votes : %(majority)s (%(count)s sur %(cast)s).")
                % {
                    "majority": Outcome(most).label,
                    "count": counts[most],
                    "cast": sum(counts.values()),
                }
            )
        return ask(
            request,
            title=_("Enregistrer la recommandation sur %(name)s ?")
            % {"name": application.consortium.name},
            consequences=consequences,
            facts=[Fact(_("Recommandation"), Outcome(outcome).label)],
            cancel_url=session.get_absolute_url(),
            confirm_label=_("Enregistrer la recommandation"),
        )
    with refusals_shown(request, form) as attempt:
        act.record_recommendation(
            by=request.user, session=session, application=application, **form.cleaned_data
        )
    if attempt.refused:
        return render_session(request, session, bound=bound, status=400)
    messages.success(request, _("Recommandation du comité enregistrée."))
    return redirect(session)
