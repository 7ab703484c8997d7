"""Envelopes and their sub-allocations, and the registration of accelerators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from frenchtech.accounts.enums import OrganisationKind
from frenchtech.accounts.models import Organisation
from frenchtech.core.permissions import require
from frenchtech.core.siren import normalise_siren
from frenchtech.funding import ledger, perms
from frenchtech.funding.actions.accelerators import register_accelerator
from frenchtech.funding.actions.money import create_envelope, reserve_sub_allocation
from frenchtech.funding.models import Envelope
from frenchtech.web.funding.forms import AcceleratorForm, EnvelopeForm, SubAllocationForm
from frenchtech.web.refusals import refusals_shown


@require_http_methods(["GET", "POST"])
@login_required
def envelope_list(request):
    require(perms.can_list_envelopes(request.user), "envelopes")
    kinds = perms.manageable_envelope_kinds(request.user)
    form = EnvelopeForm(request.POST or None, kinds=kinds) if kinds else None
    if request.method == "POST":
        require(bool(kinds), "create envelope")
        if form.is_valid():
            data = form.cleaned_data
            with refusals_shown(request, form) as attempt:
                envelope = create_envelope(
                    by=request.user,
                    name=data["name"],
                    kind=data["kind"],
                    amount_cents=data["amount"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                    manager=data["manager"],
                    min_private_share_percent=data["min_private_share_percent"],
                )
            if not attempt.refused:
                messages.success(request, _("Enveloppe créée et dotée dans le grand livre."))
                return redirect("funding:envelope", envelope.pk)
    envelopes = list(Envelope.objects.select_related("manager").order_by("kind", "name"))
    balances = ledger.balances_by_envelope(envelopes)
    rows = [{"envelope": e, "balances": balances.get(e.pk, ledger.Balances())} for e in envelopes]
    return render(
        request,
        "web/funding/envelope_list.html",
        {"title": _("Enveloppes"), "rows": rows, "form": form},
    )


@require_http_methods(["GET", "POST"])
@login_required
def envelope_detail(request, pk):
    require(perms.can_list_envelopes(request.user), "envelope")
    envelope = get_object_or_404(Envelope.objects.select_related("manager"), pk=pk)
    can_manage = perms.can_manage_envelope(request.user, envelope)
    form = SubAllocationForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(can_manage, "reserve sub-allocation")
        if form.is_valid():
            with refusals_shown(request, form) as attempt:
                reserve_sub_allocation(
                    by=request.user,
                    envelope=envelope,
                    name=form.cleaned_data["name"],
                    amount_cents=form.cleaned_data["amount"],
                )
            if not attempt.refused:
                messages.success(request, _("Sous-enveloppe réservée."))
                return redirect("funding:envelope", envelope.pk)
    pools = ledger.balances_by_pool(envelope)
    sub_allocations = [
        {"sub": s, "balances": pools.get(s.pk, ledger.Balances())}
        for s in envelope.sub_allocations.order_by("name")
    ]
    return render(
        request,
        "web/funding/envelope_detail.html",
        {
            "title": envelope.name,
            "envelope": envelope,
            "total": sum(pools.values(), ledger.Balances()),
            "general": pools.get(ledger.GENERAL_POOL, ledger.Balances()),
            "sub_allocations": sub_allocations,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def accelerator_list(request):
    require(perms.can_register_accelerator(request.user), "accelerators")
    form = AcceleratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        siren = form.cleaned_data["siren"]
        already = Organisation.objects.filter(
            kind=OrganisationKind.ACCELERATOR, siren=normalise_siren(siren)
        ).exists()
        with refusals_shown(request, form) as attempt:
            accelerator = register_accelerator(
                by=request.user, name=form.cleaned_data["name"], siren=siren
            )
        if not attempt.refused:
            if already:
                messages.info(
                    request,
                    _("Cet accélérateur était déjà enregistré : %(name)s.")
                    % {"name": accelerator.name},
                )
            else:
                messages.success(request, _("Accélérateur enregistré."))
            return redirect("funding:accelerators")
    return render(
        request,
        "web/funding/accelerator_list.html",
        {
            "title": _("Accélérateurs"),
            "accelerators": Organisation.objects.filter(kind=OrganisationKind.ACCELERATOR).order_by(
                "name"
            ),
            "form": form,
        },
    )
