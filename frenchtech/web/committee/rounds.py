"""The committee's home, its rounds and the assignment of reviewers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from frenchtech.calls.enums import CallState
from frenchtech.calls.models import Call
from frenchtech.committee import perms
from frenchtech.committee.actions import rounds as act
from frenchtech.committee.conflicts import conflict_map, conflicted_application_ids
from frenchtech.committee.models import CommitteeRound, Review
from frenchtech.core.exports import csv_bytes
from frenchtech.core.permissions import require
from frenchtech.web.committee.common import round_for
from frenchtech.web.committee.forms import AddReviewerForm, RoundForm, SessionForm
from frenchtech.web.confirmation import ask, confirmed
from frenchtech.web.refusals import refusals_shown


@require_GET
@login_required
def home(request):
    return _home(request)


def _home(request, round_form=None, status=200):
    """The committee's home; `round_form` is a refused « open a round » form."""
    require(perms.can_enter(request.user), "committee")
    is_mission = perms.can_manage(request.user)
    member = perms.member_of(request.user)
    context = {
        "title": _("Comité de labellisation"),
        "rounds": list(CommitteeRound.objects.select_related("call")),
        "is_mission": is_mission,
        "member": member,
        "round_form": (round_form or RoundForm(calls=Call.objects.exclude(state=CallState.DRAFT)))
        if is_mission
        else None,
    }
    return render(request, "web/committee/home.html", context, status=status)


@require_POST
@login_required
def round_create(request):
    require(perms.can_manage(request.user), "open round")
    form = RoundForm(request.POST, calls=Call.objects.exclude(state=CallState.DRAFT))
    if not form.is_valid():
        return _home(request, form, status=400)
    with refusals_shown(request, form) as attempt:
        round_ = act.open_round(by=request.user, **form.cleaned_data)
    if attempt.refused:
        return _home(request, form, status=400)
    messages.success(request, _("Tour de comité ouvert."))
    return redirect(round_)


def _agenda(request, round_):
    """The round's applications this user may see, with their reviewers and reviews."""
    applications = list(
        round_.applications.select_related("consortium", "consortium__territory").order_by(
            "consortium__name"
        )
    )
    if not perms.can_manage(request.user):
        barred = conflicted_application_ids(request.user, applications)
        applications = [a for a in applications if a.pk not in barred]
    assignments = {}
    for assignment in round_.assignments.select_related("member__user"):
        assignments.setdefault(assignment.application_id, []).append(assignment)
    reviews = {
        (review.application_id, review.member_id): review
        for review in Review.objects.filter(round=round_).only(
            "application_id", "member_id", "submitted_at"
        )
    }
    rows = []
    for application in applications:
        reviewers = [
            {
                "assignment": assignment,
                "submitted": getattr(
                    reviews.get((application.pk, assignment.member_id)), "is_submitted", False
                ),
            }
            for assignment in assignments.get(application.pk, [])
        ]
        rows.append({"application": application, "reviewers": reviewers})
    return rows


@require_GET
@login_required
def round_detail(request, pk):
    round_ = round_for(request, pk)
    is_mission = perms.can_manage(request.user)
    rows = _agenda(request, round_)
    context = {
        "title": round_.title,
        "round": round_,
        "rows": rows,
        "is_mission": is_mission,
        "member": perms.member_of(request.user),
        "sessions": list(round_.sessions.all()),
    }
    if is_mission:
        applications = round_.applications.select_related("consortium")
        members = act.active_members()
        context["add_form"] = AddReviewerForm(applications=applications, members=members)
        context["session_form"] = SessionForm()
        context["conflicts"] = _conflict_rows(applications, members)
    return render(request, "web/committee/round_detail.html", context)


def _conflict_rows(applications, members):
    applications, members = list(applications), list(members)
    found = conflict_map([m.user for m in members], applications)
    names = {a.pk: a.consortium.name for a in applications}
    people = {m.user_id: m for m in members}
    return [
        {"member": people[user_id], "application": names[app_id], "ties": ties}
        for (user_id, app_id), ties in sorted(found.items())
    ]


@require_POST
@login_required
def refresh(request, pk):
    round_ = round_for(request, pk)
    require(perms.can_manage(request.user), "refresh agenda")
    act.refresh_agenda(by=request.user, round_=round_)
    messages.success(request, _("Ordre du jour mis à jour."))
    return redirect(round_)


@require_POST
@login_required
def assign(request, pk):
    round_ = round_for(request, pk)
    require(perms.can_manage(request.user), "assign")
    with refusals_shown(request) as attempt:
        count = act.compute_assignment(by=request.user, round_=round_)
    if not attempt.refused:
        messages.success(request, _("%(count)s attributions calculées.") % {"count": count})
    return redirect(round_)


@require_POST
@login_required
def assignment_add(request, pk):
    round_ = round_for(request, pk)
    require(perms.can_manage(request.user), "assign")
    form = AddReviewerForm(
        request.POST, applications=round_.applications.all(), members=act.active_members()
    )
    if form.is_valid():
        with refusals_shown(request) as attempt:
            act.add_reviewer(by=request.user, round_=round_, **form.cleaned_data)
        if not attempt.refused:
            messages.success(request, _("Rapporteur ajouté."))
    return redirect(round_)


@require_POST
@login_required
def assignment_change(request, pk, assignment_pk, change):
    round_ = round_for(request, pk)
    require(perms.can_manage(request.user), "assign")
    assignment = get_object_or_404(
        round_.assignments.select_related("member__user", "application__consortium"),
        pk=assignment_pk,
    )
    if change == "remove" and not confirmed(request):
        return ask(
            request,
            title=_("Retirer %(name)s des rapporteurs de %(application)s ?")
            % {
                "name": assignment.member.user.full_name,
                "application": assignment.application.consortium.name,
            },
            consequences=[
                _(
                    "Le membre n'examinera plus cette candidature dans ce tour ; son avis, s'il en "
                    "a commencé un, n'est plus attendu pour le consensus."
                ),
            ],
            cancel_url=round_.get_absolute_url(),
            confirm_label=_("Retirer le rapporteur"),
        )
    with refusals_shown(request):
        if change == "remove":
            act.remove_reviewer(by=request.user, assignment=assignment)
            messages.success(request, _("Rapporteur retiré."))
        else:
            act.designate_rapporteur(by=request.user, assignment=assignment)
            messages.success(request, _("Rapporteur du consensus désigné."))
    return redirect(round_)


@require_GET
@login_required
def export(request, pk):
    """Submitted reviews as CSV: the Mission all; a member only what they may read."""
    round_ = round_for(request, pk)
    reviews = list(
        round_.reviews.filter(submitted_at__isnull=False)
        .select_related("application__consortium", "member__user")
        .order_by("application_id", "member_id")
    )
    if not perms.can_manage(request.user):
        member = perms.member_of(request.user)
        applications = {review.application for review in reviews}
        barred = conflicted_application_ids(request.user, applications)
        own = {r.application_id for r in reviews if r.member_id == member.pk}
        reviews = [r for r in reviews if r.application_id in own - barred]
    numbers = [criterion["number"] for criterion in round_.criteria]
    header = (
        [_("Candidature"), _("Membre")]
        + [_("Critère %(n)s") % {"n": n} for n in numbers]
        + [_("Total")]
    )
    table = (
        [review.application.consortium.name, review.member.user.full_name]
        + [review.score_of(n) for n in numbers]
        + [review.total]
        for review in reviews
    )
    response = HttpResponse(csv_bytes(header, table, delimiter=";"), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="avis-tour-{round_.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
