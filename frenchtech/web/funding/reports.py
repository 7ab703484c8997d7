"""Internal reporting (per envelope, ecosystem, partner), its exports, and the simulator."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from frenchtech.core.permissions import require
from frenchtech.funding import exports, ledger, perms, reporting, simulator
from frenchtech.funding.enums import EnvelopeKind, InvestmentFileState
from frenchtech.funding.models import Envelope, InvestmentFile
from frenchtech.web.funding.forms import SimulatorForm

S = InvestmentFileState
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
@login_required
def dashboard(request):
    require(perms.can_view_internal_reports(request.user), "funding reports")
    return render(
        request,
        "web/funding/dashboard.html",
        {
            "title": _("Tableau de bord des financements"),
            "by_envelope": reporting.by_envelope(),
            "by_consortium": reporting.by_consortium(),
            "by_partner": reporting.by_partner(),
        },
    )


@require_GET
@login_required
def export(request, fmt):
    require(perms.can_view_internal_reports(request.user), "funding exports")
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.as_xlsx(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="financements.{fmt}"'
    return response


# Files the committee has examined: the simulator re-decides them all.
EXAMINED = (S.INVESTMENT_COMMITTEE, S.APPROVED, S.COMMITTED, S.PORTFOLIO, S.EXITED, S.REJECTED)
CHOSEN = (S.APPROVED, S.COMMITTED, S.PORTFOLIO, S.EXITED)


@require_GET
@login_required
def simulator_page(request):
    require(perms.can_manage_fund(request.user), "allocation simulator")
    envelopes = Envelope.objects.filter(kind=EnvelopeKind.ACCELERATION).order_by("name")
    form = SimulatorForm(request.GET or None, envelopes=envelopes)
    chosen = form.cleaned_data.get("envelope") if form.is_valid() else None
    # By default, the envelope open today (else the latest to have opened).
    envelope = (
        chosen
        or envelopes.open_on(timezone.localdate()).first()
        or envelopes.order_by("-valid_from").first()
    )
    files = (
        list(
            InvestmentFile.objects.filter(envelope=envelope, state__in=EXAMINED)
            .select_related("accelerator", "consortium", "decision")
            .order_by("id")
        )
        if envelope
        else []
    )
    candidates = [
        simulator.Candidate(
            key=f.pk,
            label=str(f),
            consortium=f.consortium.name if f.consortium else None,
            amount_cents=f.requested_amount_cents,
            private_cents=f.declared_private_cents,
            score=f.committee_score,
        )
        for f in files
    ]
    # What could be spent on these files: what is left, plus what they already hold.
    held = sum(
        ledger.commitment_outstanding(c)
        for f in files
        if f.state in CHOSEN
        for c in f.commitments.all()
    )
    remaining = (ledger.envelope_balances(envelope).available + held) if envelope else 0
    cap = form.cleaned_data["cap"] if form.is_valid() and form.cleaned_data["cap"] else None
    caps = {c.consortium: cap for c in candidates if c.consortium and cap}
    proposal = simulator.propose(candidates, remaining, caps)
    committee = simulator.evaluate(candidates, [f.pk for f in files if f.state in CHOSEN])
    rows = [
        {
            "file": f,
            "candidate": c,
            "proposed": c.key in proposal.selected,
            "chosen": c.key in committee.selected,
        }
        for f, c in zip(files, candidates, strict=True)
    ]
    return render(
        request,
        "web/funding/simulator.html",
        {
            "title": _("Simulateur d'allocation"),
            "form": form,
            "envelope": envelope,
            "rows": rows,
            "remaining": remaining,
            "cap": cap,
            "proposal": proposal,
            "committee": committee,
        },
    )
