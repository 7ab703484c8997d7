"""The committee's members, their declarations of interest and the conflict register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from frenchtech.accounts.models import User
from frenchtech.calls.enums import COMMITTEE_VISIBLE_STATES
from frenchtech.calls.models import Application
from frenchtech.committee import perms
from frenchtech.committee.actions.members import (
    declare_conflict,
    declare_interests,
    register_member,
)
from frenchtech.committee.models import CommitteeMember
from frenchtech.core.permissions import require
from frenchtech.web.committee.forms import ConflictForm, DeclarationForm, MemberForm


def _candidates():
    return User.objects.filter(
        memberships__is_active=True, memberships__role__in=perms.MEMBER_ROLES
    ).distinct()


def _open_applications():
    return Application.objects.filter(state__in=COMMITTEE_VISIBLE_STATES).select_related(
        "consortium"
    )


@require_GET
@login_required
def member_list(request):
    require(perms.can_manage(request.user), "members")
    return render(
        request,
        "web/committee/member_list.html",
        {
            "title": _("Membres du comité"),
            "members": list(
                CommitteeMember.objects.select_related("user", "home_epci").prefetch_related(
                    "conflicts__application__consortium"
                )
            ),
            "form": MemberForm(users=_candidates()),
        },
    )


@require_POST
@login_required
def member_create(request):
    require(perms.can_manage(request.user), "members")
    form = MemberForm(request.POST, users=_candidates())
    if form.is_valid():
        register_member(
            by=request.user,
            user=form.cleaned_data["user"],
            kind=form.cleaned_data["kind"],
            expertise=form.tags(),
            home_epci=form.cleaned_data["home_epci"],
        )
        messages.success(request, _("Membre enregistré."))
    else:
        messages.error(request, _("Membre non enregistré : vérifiez le formulaire."))
    return redirect("committee:members")


def _member_for(request, pk) -> CommitteeMember:
    member = get_object_or_404(CommitteeMember.objects.select_related("user", "home_epci"), pk=pk)
    require(perms.can_manage(request.user) or member.user_id == request.user.pk, "member")
    return member


@require_GET
@login_required
def member_detail(request, pk):
    member = _member_for(request, pk)
    return render(
        request,
        "web/committee/member_detail.html",
        {
            "title": str(member),
            "member": member,
            "declarations": list(member.declarations.all()),
            "conflicts": list(member.conflicts.select_related("application__consortium")),
            "declaration_form": DeclarationForm(),
            "conflict_form": ConflictForm(applications=_open_applications()),
        },
    )


@require_POST
@login_required
def declaration(request, pk):
    member = _member_for(request, pk)
    form = DeclarationForm(request.POST)
    if form.is_valid():
        declare_interests(by=request.user, member=member, text=form.cleaned_data["text"])
        messages.success(request, _("Déclaration d'intérêts enregistrée."))
    return redirect("committee:member", member.pk)


@require_POST
@login_required
def conflict(request, pk):
    member = _member_for(request, pk)
    form = ConflictForm(request.POST, applications=_open_applications())
    if form.is_valid():
        declare_conflict(by=request.user, member=member, **form.cleaned_data)
        messages.success(request, _("Conflit d'intérêts enregistré."))
    return redirect("committee:member", member.pk)
