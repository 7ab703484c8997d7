"""Promotion actions: the list, creation (budget committed on the promotion envelope), and
one action's candidates and selection, costs (paid through the ledger) and outcomes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frenchtech.core.permissions import require
from frenchtech.core.workflow import available_actions
from frenchtech.funding import ledger, perms
from frenchtech.funding.actions import promotion as act
from frenchtech.funding.enums import EnvelopeKind, PromotionState, SelectionCriterion
from frenchtech.funding.models import Envelope, PromotionAction
from frenchtech.web.confirmation import Fact, ask, confirmed
from frenchtech.web.funding.forms import (
    CancelForm,
    CandidateForm,
    CostForm,
    OutcomesForm,
    PromotionActionForm,
)
from frenchtech.web.funding.steps import form_errors, run_step
from frenchtech.web.once import already_created, remember
from frenchtech.web.refusals import refusals_shown


@require_GET
@login_required
def action_list(request):
    require(perms.can_manage_promotion(request.user), "promotion actions")
    actions = PromotionAction.objects.select_related("envelope").annotate(
        spent=Sum("costs__amount_cents")
    )
    return render(
        request,
        "web/funding/promotion_list.html",
        {"title": _("Actions de promotion internationale"), "actions": actions},
    )


def _open_promotion_envelopes():
    today = timezone.localdate()
    return Envelope.objects.open_on(today).filter(kind=EnvelopeKind.PROMOTION).order_by("name")


@require_http_methods(["GET", "POST"])
@login_required
def action_new(request):
    require(perms.can_manage_promotion(request.user), "create promotion action")
    envelopes = _open_promotion_envelopes()
    form = PromotionActionForm(request.POST or None, envelopes=envelopes)
    if request.method == "POST" and (earlier := already_created(request)):
        return earlier
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusals_shown(request, form) as attempt, transaction.atomic():
            action = act.launch_promotion_action(
                by=request.user,
                envelope=data["envelope"],
                name=data["name"],
                event=data["event"],
                city=data["city"],
                country=data["country"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                budget_cents=data["budget"],
                seats=data["seats"],
            )
            remember(request, reverse("funding:promotion_action", args=[action.pk]))
        if not attempt.refused:
            messages.success(request, _("Action créée, budget engagé sur l'enveloppe."))
            return redirect("funding:promotion_action", action.pk)
    return render(
        request,
        "web/funding/promotion_new.html",
        {
            "title": _("Nouvelle action de promotion"),
            "form": form,
            "no_envelope": not envelopes.exists(),
        },
    )


@require_GET
@login_required
def action_detail(request, pk):
    require(perms.can_manage_promotion(request.user), "promotion action")
    action = get_object_or_404(PromotionAction.objects.select_related("envelope"), pk=pk)
    criteria = list(SelectionCriterion)
    candidates = [
        {"candidate": c, "scores": [c.scores.get(criterion.value, 0) for criterion in criteria]}
        for c in action.candidates.select_related("consortium")
    ]
    costs = list(action.costs.all())
    commitment = action.commitments.order_by("id").first()
    is_open = action.state != PromotionState.CANCELLED
    available = {t.name for t in available_actions(action, request.user)}
    return render(
        request,
        "web/funding/promotion_detail.html",
        {
            "title": action.name,
            "action": action,
            "criteria": criteria,
            "candidates": candidates,
            "selected_count": sum(1 for c in candidates if c["candidate"].is_selected),
            "costs": costs,
            "spent": sum(c.amount_cents for c in costs),
            "outstanding": ledger.commitment_outstanding(commitment) if commitment else None,
            "can_commit": "commit_budget" in available,
            "cancel_form": CancelForm(prefix="cancel") if "cancel" in available else None,
            "candidate_form": CandidateForm(prefix="candidate") if is_open else None,
            "cost_form": CostForm(prefix="cost") if commitment and is_open else None,
            "outcomes_form": OutcomesForm(
                prefix="outcomes",
                initial={
                    "outcomes": action.outcomes,
                    "contacts_made": action.contacts_made,
                    "deals_signed": action.deals_signed,
                    "press_mentions": action.press_mentions,
                },
            )
            if is_open
            else None,
        },
    )


def _managed_action(request, pk) -> PromotionAction:
    action = get_object_or_404(PromotionAction, pk=pk)
    require(perms.can_manage_promotion(request.user), "manage promotion action")
    return action


def _run(request, action, step, success_message, *, once=False):
    """Run one action, then back to the promotion action (`once`: see run_step)."""
    return run_step(
        request, step, success_message, ("funding:promotion_action", action.pk), once=once
    )


def _invalid(request, action, form):
    messages.error(request, form_errors(form))
    return redirect("funding:promotion_action", action.pk)


@require_POST
@login_required
def action_commit(request, pk):
    action = _managed_action(request, pk)
    return _run(
        request,
        action,
        lambda: act.commit_promotion_budget(by=request.user, action=action),
        _("Budget engagé sur l'enveloppe."),
    )


@require_POST
@login_required
def action_candidate(request, pk):
    action = _managed_action(request, pk)
    form = CandidateForm(request.POST, prefix="candidate")
    if not form.is_valid():
        return _invalid(request, action, form)
    data = form.cleaned_data
    return _run(
        request,
        action,
        lambda: act.add_candidate(
            by=request.user,
            action=action,
            startup_name=data["startup_name"],
            startup_siren=data["startup_siren"],
            consortium=data["consortium"],
            scores=form.scores(),
        ),
        _("Candidature enregistrée."),
    )


@require_POST
@login_required
def action_select(request, pk):
    action = _managed_action(request, pk)
    return _run(
        request,
        action,
        lambda: act.select_best_candidates(by=request.user, action=action),
        _("Sélection enregistrée : les mieux notées sont retenues."),
    )


@require_POST
@login_required
def action_cost(request, pk):
    action = _managed_action(request, pk)
    form = CostForm(request.POST, prefix="cost")
    if not form.is_valid():
        return _invalid(request, action, form)
    return _run(
        request,
        action,
        lambda: act.pay_cost(
            by=request.user,
            action=action,
            label=form.cleaned_data["label"],
            amount_cents=form.cleaned_data["amount"],
        ),
        _("Dépense payée sur l'engagement de l'action."),
        once=True,
    )


@require_POST
@login_required
def action_outcomes(request, pk):
    action = _managed_action(request, pk)
    form = OutcomesForm(request.POST, prefix="outcomes")
    if not form.is_valid():
        return _invalid(request, action, form)
    data = form.cleaned_data
    return _run(
        request,
        action,
        lambda: act.record_outcomes(
            by=request.user,
            action=action,
            outcomes=data["outcomes"],
            contacts_made=data["contacts_made"],
            deals_signed=data["deals_signed"],
            press_mentions=data["press_mentions"],
        ),
        _("Résultats enregistrés."),
    )


@require_POST
@login_required
def action_cancel(request, pk):
    action = _managed_action(request, pk)
    form = CancelForm(request.POST, prefix="cancel")
    if not form.is_valid():
        return _invalid(request, action, form)
    if not confirmed(request):
        return ask(
            request,
            title=_("Annuler l'action « %(name)s » ?") % {"name": action.name},
            consequences=[
                _("L'annulation est définitive : l'action ne pourra plus être relancée."),
                _(
                    "Le budget engagé et non payé revient à l'enveloppe ; les dépenses déjà "
                    "payées restent."
                ),
            ],
            facts=[Fact(_("Motif"), form.cleaned_data["reason"])],
            cancel_url=reverse("funding:promotion_action", args=[action.pk]),
            confirm_label=_("Annuler l'action"),
        )
    return _run(
        request,
        action,
        lambda: act.cancel_promotion_action(
            by=request.user, action=action, reason=form.cleaned_data["reason"]
        ),
        _("Action annulée ; le budget engagé et non payé revient à l'enveloppe."),
    )
