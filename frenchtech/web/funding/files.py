"""Investment files: list, expression of interest, detail and each step's form."""

from pathlib import Path

import filetype
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frenchtech.accounts.models import Organisation
from frenchtech.core.permissions import require
from frenchtech.core.workflow import available_actions, history
from frenchtech.funding import ledger, perms
from frenchtech.funding.actions import investments as act
from frenchtech.funding.enums import EnvelopeKind, InvestmentFileState
from frenchtech.funding.models import DueDiligenceItem, Envelope, InvestmentFile, Tranche
from frenchtech.funding.money import format_euros
from frenchtech.funding.workflow import plain_moves
from frenchtech.web.confirmation import Fact, ask, confirmed
from frenchtech.web.funding.forms import (
    CoInvestorForm,
    DecisionForm,
    ExitForm,
    ExpressionOfInterestForm,
    MilestoneForm,
    PortfolioReportForm,
    TrancheForm,
)
from frenchtech.web.funding.steps import form_errors, run_step
from frenchtech.web.once import already_created, remember
from frenchtech.web.refusals import refusals_shown

S = InvestmentFileState


def _visible_files(user):
    files = InvestmentFile.objects.select_related("accelerator", "consortium", "envelope")
    accelerators = perms.visible_accelerator_ids(user)
    return files if accelerators is None else files.filter(accelerator_id__in=accelerators)


@require_GET
@login_required
def file_list(request):
    require(perms.can_list_investment_files(request.user), "investment files")
    return render(
        request,
        "web/funding/file_list.html",
        {
            "title": _("Dossiers d'investissement"),
            "files": _visible_files(request.user),
            "can_express_interest": perms.can_express_interest(request.user),
        },
    )


def _accelerators_for(user):
    accelerators = Organisation.objects.filter(kind="accelerator").order_by("name")
    if perms.can_manage_fund(user):
        return accelerators
    own = perms.visible_accelerator_ids(user) or set()
    return accelerators.filter(
        pk__in=own, memberships__user=user, memberships__role="accelerator_manager"
    )


@require_http_methods(["GET", "POST"])
@login_required
def file_new(request):
    require(perms.can_express_interest(request.user), "express interest")
    envelopes = (
        Envelope.objects.open_on(timezone.localdate())
        .filter(kind=EnvelopeKind.ACCELERATION)
        .order_by("name")
    )
    form = ExpressionOfInterestForm(
        request.POST or None, accelerators=_accelerators_for(request.user), envelopes=envelopes
    )
    if request.method == "POST" and (earlier := already_created(request)):
        return earlier
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with refusals_shown(request, form) as attempt, transaction.atomic():
            investment_file = act.express_interest(
                by=request.user,
                accelerator=data["accelerator"],
                envelope=data["envelope"],
                programme_name=data["programme_name"],
                description=data["description"],
                consortium=data["consortium"],
                requested_amount_cents=data["requested_amount"],
                declared_private_cents=data["declared_private"],
            )
            remember(request, reverse("funding:file", args=[investment_file.pk]))
        if not attempt.refused:
            messages.success(request, _("Manifestation d'intérêt enregistrée."))
            return redirect("funding:file", investment_file.pk)
    return render(
        request,
        "web/funding/file_new.html",
        {
            "title": _("Nouvelle manifestation d'intérêt"),
            "form": form,
            "no_envelope": not envelopes.exists(),
        },
    )


@require_GET
@login_required
def file_detail(request, pk):
    investment_file = get_object_or_404(
        InvestmentFile.objects.select_related(
            "accelerator", "consortium", "envelope", "sub_allocation"
        ),
        pk=pk,
    )
    require(perms.can_view_investment_file(request.user, investment_file), "investment file")
    can_manage = perms.can_manage_fund(request.user)
    try:
        decision = investment_file.decision
    except InvestmentFile.decision.RelatedObjectDoesNotExist:
        decision = None
    commitment = investment_file.commitments.order_by("id").first()
    co_investors = list(investment_file.co_investors.all())
    state = investment_file.state
    available = {t.name for t in available_actions(investment_file, request.user)}
    context = {
        "title": str(investment_file),
        "file": investment_file,
        "can_manage": can_manage,
        "checklist": list(investment_file.checklist.all()),
        "co_investors": co_investors,
        "private_total": sum(c.amount_cents for c in co_investors),
        "decision": decision,
        "commitment": commitment,
        "outstanding": ledger.commitment_outstanding(commitment) if commitment else None,
        "tranches": list(investment_file.tranches.all()),
        "reports": list(investment_file.portfolio_reports.all()),
        "log": history(investment_file),
        "transitions": plain_moves(investment_file, request.user),
        "co_investor_form": CoInvestorForm(prefix="co_investor")
        if can_manage and state in (S.DUE_DILIGENCE, S.INVESTMENT_COMMITTEE)
        else None,
        "decision_form": DecisionForm(prefix="decision") if "approve" in available else None,
        "can_commit": "commit" in available,
        "tranche_form": TrancheForm(prefix="tranche")
        if can_manage and state in (S.APPROVED, S.COMMITTED, S.PORTFOLIO)
        else None,
        "milestone_form": MilestoneForm() if can_manage else None,
        "can_check": can_manage and state == S.DUE_DILIGENCE,
        "can_pay": can_manage and state in (S.COMMITTED, S.PORTFOLIO),
        "report_form": PortfolioReportForm(prefix="report")
        if can_manage and state in (S.PORTFOLIO, S.EXITED)
        else None,
        "exit_form": ExitForm(prefix="exit") if can_manage and state == S.PORTFOLIO else None,
        "planned_total": investment_file.tranches.aggregate(total=Sum("amount_cents"))["total"]
        or 0,
    }
    return render(request, "web/funding/file_detail.html", context)


def _managed_file(request, pk) -> InvestmentFile:
    investment_file = get_object_or_404(InvestmentFile, pk=pk)
    require(perms.can_manage_fund(request.user), "manage investment file")
    return investment_file


def _run(request, investment_file, step, success_message, *, once=False):
    """Run one action, then back to the file (`once`: a create sent once, see run_step)."""
    return run_step(request, step, success_message, ("funding:file", investment_file.pk), once=once)


def _ask(request, investment_file, title, consequences, confirm_label, facts=()):
    return ask(
        request,
        title=title,
        consequences=consequences,
        facts=facts,
        cancel_url=reverse("funding:file", args=[investment_file.pk]),
        confirm_label=confirm_label,
    )


# The plain moves that end a file: asked first.
ENDING_MOVES = {
    "reject": gettext_lazy("Rejeter le dossier"),
    "withdraw": gettext_lazy("Retirer le dossier"),
}


@require_POST
@login_required
def file_transition(request, pk, transition):
    investment_file = _managed_file(request, pk)
    if transition in ENDING_MOVES and not confirmed(request):
        return _ask(
            request,
            investment_file,
            _("%(move)s « %(name)s » ?")
            % {"move": ENDING_MOVES[transition], "name": investment_file.programme_name},
            [_("Le dossier est clos définitivement : il ne pourra plus être instruit ni financé.")],
            ENDING_MOVES[transition],
        )
    return _run(
        request,
        investment_file,
        lambda: act.move_file(
            by=request.user,
            investment_file=investment_file,
            transition=transition,
            reason=request.POST.get("reason", ""),
        ),
        _("Le dossier a changé d'étape."),
    )


@require_GET
@login_required
def file_item_document(request, pk, item_pk):
    """A due-diligence document, to whoever may see the file (never served by a public URL)."""
    investment_file = get_object_or_404(InvestmentFile, pk=pk)
    require(perms.can_view_investment_file(request.user, investment_file), "investment file")
    item = get_object_or_404(DueDiligenceItem, pk=item_pk, investment_file=investment_file)
    if not item.document:
        raise Http404
    try:
        handle = item.document.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    head = handle.read(8192)
    handle.seek(0)
    guess = filetype.guess(head)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=Path(item.document.name).name,
        content_type=guess.mime if guess else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def file_check_item(request, pk, item_pk):
    investment_file = _managed_file(request, pk)
    item = get_object_or_404(DueDiligenceItem, pk=item_pk, investment_file=investment_file)
    return _run(
        request,
        investment_file,
        lambda: act.check_item(
            by=request.user,
            item=item,
            is_done=True,
            note=request.POST.get("note", ""),
            document=request.FILES.get("document"),
        ),
        _("Point d'audit vérifié."),
    )


@require_POST
@login_required
def file_co_investor(request, pk):
    investment_file = _managed_file(request, pk)
    form = CoInvestorForm(request.POST, prefix="co_investor")
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("funding:file", investment_file.pk)
    return _run(
        request,
        investment_file,
        lambda: act.add_co_investor(
            by=request.user,
            investment_file=investment_file,
            name=form.cleaned_data["name"],
            amount_cents=form.cleaned_data["amount"],
        ),
        _("Co-investisseur ajouté."),
        once=True,
    )


@require_POST
@login_required
def file_decision(request, pk):
    investment_file = _managed_file(request, pk)
    form = DecisionForm(request.POST, prefix="decision")
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("funding:file", investment_file.pk)
    data = form.cleaned_data
    return _run(
        request,
        investment_file,
        lambda: act.record_decision(
            by=request.user,
            investment_file=investment_file,
            amount_cents=data["amount"],
            stake_percent=data["stake_percent"],
            board_seat=data["board_seat"],
            notes=data["notes"],
            committee_score=data["committee_score"],
        ),
        _("Décision d'investissement enregistrée."),
    )


@require_POST
@login_required
def file_commit(request, pk):
    investment_file = _managed_file(request, pk)
    if not confirmed(request):
        return _ask(
            request,
            investment_file,
            _("Engager les fonds pour « %(name)s » ?") % {"name": investment_file.programme_name},
            [
                _(
                    "Le montant décidé est engagé sur l'enveloppe : il n'est plus disponible pour "
                    "d'autres dossiers."
                ),
                _(
                    "Un engagement ne s'annule pas ; seul ce qui n'est pas versé revient à "
                    "l'enveloppe, à la sortie du capital."
                ),
            ],
            _("Engager les fonds"),
        )
    return _run(
        request,
        investment_file,
        lambda: act.commit_investment(by=request.user, investment_file=investment_file),
        _("Fonds engagés sur l'enveloppe."),
    )


@require_POST
@login_required
def file_tranche(request, pk):
    investment_file = _managed_file(request, pk)
    form = TrancheForm(request.POST, prefix="tranche")
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("funding:file", investment_file.pk)
    return _run(
        request,
        investment_file,
        lambda: act.plan_tranche(
            by=request.user,
            investment_file=investment_file,
            amount_cents=form.cleaned_data["amount"],
            milestone=form.cleaned_data["milestone"],
        ),
        _("Tranche planifiée."),
        once=True,
    )


@require_POST
@login_required
def tranche_milestone(request, pk, tranche_pk):
    investment_file = _managed_file(request, pk)
    tranche = get_object_or_404(Tranche, pk=tranche_pk, investment_file=investment_file)
    return _run(
        request,
        investment_file,
        lambda: act.confirm_milestone(
            by=request.user, tranche=tranche, report_note=request.POST.get("report_note", "")
        ),
        _("Jalon constaté."),
    )


@require_POST
@login_required
def tranche_disburse(request, pk, tranche_pk):
    investment_file = _managed_file(request, pk)
    tranche = get_object_or_404(Tranche, pk=tranche_pk, investment_file=investment_file)
    if not confirmed(request):
        return _ask(
            request,
            investment_file,
            _("Verser la tranche de %(amount)s ?") % {"amount": format_euros(tranche.amount_cents)},
            [_("Un versement est définitif : il est inscrit au grand livre et ne s'annule pas.")],
            _("Verser la tranche"),
            facts=[Fact(_("Jalon"), tranche.milestone)],
        )
    return _run(
        request,
        investment_file,
        lambda: act.disburse_tranche(by=request.user, tranche=tranche),
        _("Tranche versée."),
    )


@require_POST
@login_required
def file_report(request, pk):
    investment_file = _managed_file(request, pk)
    form = PortfolioReportForm(request.POST, prefix="report")
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("funding:file", investment_file.pk)
    data = form.cleaned_data
    return _run(
        request,
        investment_file,
        lambda: act.record_portfolio_report(
            by=request.user,
            investment_file=investment_file,
            year=data["year"],
            cohorts=data["cohorts"],
            startups_accelerated=data["startups_accelerated"],
            exits=data["exits"],
            stake_value_cents=data["stake_value"],
            note=data["note"],
        ),
        _("Suivi de portefeuille enregistré."),
    )


@require_POST
@login_required
def file_exit(request, pk):
    investment_file = _managed_file(request, pk)
    form = ExitForm(request.POST, prefix="exit")
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect("funding:file", investment_file.pk)
    if not confirmed(request):
        return _ask(
            request,
            investment_file,
            _("Enregistrer la sortie du capital de « %(name)s » ?")
            % {"name": investment_file.programme_name},
            [
                _("La sortie est définitive : le dossier est clos."),
                _("Ce qui est engagé et non versé revient à l'enveloppe."),
            ],
            _("Enregistrer la sortie"),
            facts=[Fact(_("Produit de la cession"), format_euros(form.cleaned_data["proceeds"]))],
        )
    return _run(
        request,
        investment_file,
        lambda: act.exit_investment(
            by=request.user,
            investment_file=investment_file,
            proceeds_cents=form.cleaned_data["proceeds"],
            reason=form.cleaned_data["reason"],
        ),
        _("Sortie du capital enregistrée ; le reliquat non versé retourne à l'enveloppe."),
    )
