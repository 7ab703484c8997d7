"""An investment file's life: interest, due diligence, committee decision, commitment, tranches."""

from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frenchtech.calls.attachments import check_upload
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused
from frenchtech.funding import ledger, perms
from frenchtech.funding.actions.money import commit_funds, decommit_funds, pay_out
from frenchtech.funding.eligibility import check_accelerator_eligibility
from frenchtech.funding.enums import EnvelopeKind, InvestmentFileState, TrancheState
from frenchtech.funding.labelled import carries_label
from frenchtech.funding.models import (
    CoInvestor,
    DueDiligenceItem,
    EquityDecision,
    InvestmentFile,
    PortfolioReport,
    Tranche,
)
from frenchtech.funding.money import format_euros
from frenchtech.funding.notifications import notify_file_decision
from frenchtech.funding.workflow import INVESTMENT_FILE, TRANCHE

S = InvestmentFileState

# What the fund checks before its committee (the real fund's usual list, kept short).
DEFAULT_CHECKLIST = [
    gettext_lazy("Statuts, extrait Kbis et table de capitalisation"),
    gettext_lazy("Comptes des trois derniers exercices"),
    gettext_lazy("Plan d'affaires à cinq ans du programme d'accélération"),
    gettext_lazy("Références des start-up déjà accélérées"),
    gettext_lazy("Lettres d'engagement des co-investisseurs privés"),
]


def _locked(investment_file) -> InvestmentFile:
    """The file as stored now, row-locked: callers may hold an instance older than its state."""
    return InvestmentFile.objects.select_for_update().get(pk=investment_file.pk)


def check_request_bounds(envelope, requested_amount_cents: int, consortium=None) -> None:
    """A request fits what the envelope can still commit, and names only an ecosystem whose
    label is live and not suspended (a withdrawn or suspended label funds nothing)."""
    available = ledger.envelope_balances(envelope).available
    if requested_amount_cents > available:
        raise ActionRefused(
            _(
                "Le montant demandé (%(requested)s) dépasse ce que l'enveloppe « %(envelope)s » "
                "peut encore engager (%(available)s)."
            )
            % {
                "requested": format_euros(requested_amount_cents),
                "envelope": envelope.name,
                "available": format_euros(available),
            },
            field="requested_amount",
        )
    if consortium is not None and not carries_label(consortium):
        raise ActionRefused(
            _(
                "L'écosystème %(name)s n'a pas de label en vigueur (label suspendu, retiré, "
                "échu ou jamais attribué) : il ne peut être associé à une demande."
            )
            % {"name": consortium.name},
            field="consortium",
        )


@write_action(allowed=perms.can_express_interest)
def express_interest(
    *,
    by,
    accelerator,
    envelope,
    programme_name,
    requested_amount_cents,
    declared_private_cents=0,
    description="",
    consortium=None,
    lookup=None,
) -> InvestmentFile:
    """Open a file; the accelerator must pass the public-body rule (AcceleratorRefused)."""
    if envelope.kind != EnvelopeKind.ACCELERATION:
        raise ActionRefused(_("Les dossiers d'investissement relèvent du fonds d'accélération."))
    check_accelerator_eligibility(accelerator.siren, lookup)
    if requested_amount_cents <= 0:
        raise ActionRefused(_("Le montant demandé doit être positif."), field="requested_amount")
    check_request_bounds(envelope, requested_amount_cents, consortium)
    investment_file = InvestmentFile(
        accelerator=accelerator,
        envelope=envelope,
        programme_name=programme_name,
        description=description,
        consortium=consortium,
        requested_amount_cents=requested_amount_cents,
        declared_private_cents=declared_private_cents,
        created_by=person(by),
    )
    investment_file.full_clean()
    investment_file.save()
    return investment_file


@write_action(allowed=perms.can_manage_fund)
def move_file(*, by, investment_file, transition, reason="") -> InvestmentFile:
    """The moves made with a plain button; the state machine refuses the steps that have
    their own action (decision, commitment, payment, exit)."""
    investment_file = _locked(investment_file)
    if transition == "submit_to_committee":
        missing = investment_file.checklist.filter(is_done=False).count()
        if missing:
            raise ActionRefused(
                _("Audit préalable incomplet : %(count)s point(s) restent à vérifier.")
                % {"count": missing}
            )
    moved = INVESTMENT_FILE.fire(investment_file, transition, by=by, reason=reason)
    if transition == "reject":
        notify_file_decision(moved, _("dossier refusé"), reason)
    if transition == "start_due_diligence" and not moved.checklist.exists():
        for position, label in enumerate(DEFAULT_CHECKLIST):
            DueDiligenceItem.objects.create(
                investment_file=moved, position=position, label=str(label)
            )
    return moved


@write_action(allowed=perms.can_manage_fund)
def check_item(*, by, item, is_done=True, note="", document=None) -> DueDiligenceItem:
    if _locked(item.investment_file).state != S.DUE_DILIGENCE:
        raise ActionRefused(_("La liste d'audit ne se modifie que pendant l'audit préalable."))
    item.is_done = is_done
    item.note = note
    if document is not None:
        # Read from the content, never the name: a text file renamed .pdf is refused.
        check_upload(document)
        item.document = document
    item.save()
    return item


@write_action(allowed=perms.can_manage_fund)
def add_co_investor(*, by, investment_file, name, amount_cents, siren="") -> CoInvestor:
    investment_file = _locked(investment_file)
    if investment_file.state not in (S.DUE_DILIGENCE, S.INVESTMENT_COMMITTEE):
        raise ActionRefused(_("Les co-investisseurs se déclarent avant la décision."))
    if amount_cents <= 0:
        raise ActionRefused(_("Le montant doit être positif."))
    return CoInvestor.objects.create(
        investment_file=investment_file, name=name, siren=siren, amount_cents=amount_cents
    )


def private_share_percent(public_cents: int, private_cents: int) -> Decimal:
    total = public_cents + private_cents
    return Decimal(0) if total == 0 else Decimal(100 * private_cents) / Decimal(total)


@write_action(allowed=perms.can_manage_fund)
def record_decision(
    *,
    by,
    investment_file,
    amount_cents,
    stake_percent,
    board_seat,
    notes="",
    committee_score=None,
) -> EquityDecision:
    """The committee invests: a minority stake, with at least the envelope's private share."""
    investment_file = _locked(investment_file)
    stake_percent = Decimal(stake_percent)
    if not Decimal(0) < stake_percent < Decimal(50):
        raise ActionRefused(
            _("La prise de participation est minoritaire : strictement moins de 50 % du capital.")
        )
    if amount_cents <= 0:
        raise ActionRefused(_("Le montant investi doit être positif."))
    private = investment_file.co_investors.aggregate(total=Sum("amount_cents"))["total"] or 0
    minimum = investment_file.envelope.min_private_share_percent
    share = private_share_percent(amount_cents, private)
    if share < minimum:
        raise ActionRefused(
            _(
                "Part privée insuffisante : les co-investisseurs privés apportent %(private)s, "
                "soit %(share)s %% du tour ; il en faut au moins %(minimum)s %%."
            )
            % {"private": format_euros(private), "share": f"{share:.1f}", "minimum": minimum}
        )
    decision = EquityDecision.objects.create(
        investment_file=investment_file,
        amount_cents=amount_cents,
        stake_percent=stake_percent,
        board_seat=board_seat,
        notes=notes,
        decided_by=person(by),
    )
    if committee_score is not None:
        investment_file.committee_score = committee_score
        investment_file.save(update_fields=["committee_score"])
    INVESTMENT_FILE.fire(investment_file, "approve", by=by, reason=notes)
    notify_file_decision(
        investment_file,
        _("investissement décidé, %(amount)s pour %(stake)s %% du capital")
        % {"amount": format_euros(amount_cents), "stake": number_format(stake_percent)},
        notes,
    )
    return decision


@write_action(allowed=perms.can_manage_fund)
def commit_investment(*, by, investment_file, sub_allocation=None):
    """Post the decided amount to the ledger (refused beyond the envelope) and move on."""
    investment_file = _locked(investment_file)
    if investment_file.state != S.APPROVED:
        raise ActionRefused(_("Seul un investissement décidé peut être engagé."))
    decision = investment_file.decision
    commitment = commit_funds(
        by=by,
        envelope=investment_file.envelope,
        amount_cents=decision.amount_cents,
        sub_allocation=sub_allocation or investment_file.sub_allocation,
        investment_file=investment_file,
        memo=f"Prise de participation — {investment_file}",
    )
    INVESTMENT_FILE.fire(investment_file, "commit", by=by)
    return commitment


@write_action(allowed=perms.can_manage_fund)
def plan_tranche(*, by, investment_file, amount_cents, milestone) -> Tranche:
    investment_file = _locked(investment_file)
    if investment_file.state not in (S.APPROVED, S.COMMITTED, S.PORTFOLIO):
        raise ActionRefused(_("Les tranches se planifient une fois l'investissement décidé."))
    planned = investment_file.tranches.aggregate(total=Sum("amount_cents"))["total"] or 0
    decided = investment_file.decision.amount_cents
    if amount_cents <= 0 or planned + amount_cents > decided:
        raise ActionRefused(
            _(
                "Tranche refusée : %(planned)s déjà planifiés sur %(decided)s décidés, "
                "il reste %(left)s."
            )
            % {
                "planned": format_euros(planned),
                "decided": format_euros(decided),
                "left": format_euros(decided - planned),
            }
        )
    return Tranche.objects.create(
        investment_file=investment_file,
        position=investment_file.tranches.count() + 1,
        amount_cents=amount_cents,
        milestone=milestone,
    )


@write_action(allowed=perms.can_manage_fund)
def confirm_milestone(*, by, tranche, report_note) -> Tranche:
    """The milestone is met and its report received: the tranche may be paid."""
    if not report_note.strip():
        raise ActionRefused(
            _("Un compte rendu est exigé pour constater le jalon."), field="report_note"
        )
    return TRANCHE.fire(
        tranche,
        "confirm_milestone",
        by=by,
        report_note=report_note,
        conditions_met_at=timezone.now(),
    )


@write_action(allowed=perms.can_manage_fund)
def disburse_tranche(*, by, tranche) -> Tranche:
    """Pay a tranche whose conditions are met; the first payment puts the file in portfolio."""
    tranche = Tranche.objects.select_for_update().get(pk=tranche.pk)
    investment_file = tranche.investment_file
    if tranche.state != TrancheState.CONDITIONS_MET:
        raise ActionRefused(
            _("Versement refusé : le jalon « %(milestone)s » n'est pas constaté.")
            % {"milestone": tranche.milestone}
        )
    if investment_file.state not in (S.COMMITTED, S.PORTFOLIO):
        raise ActionRefused(_("Versement refusé : les fonds ne sont pas engagés."))
    commitment = investment_file.commitments.order_by("id").first()
    disbursement = pay_out(
        by=by,
        commitment=commitment,
        amount_cents=tranche.amount_cents,
        label=f"Tranche {tranche.position} — {investment_file}",
    )
    tranche = TRANCHE.fire(tranche, "pay", by=by, disbursement=disbursement)
    if investment_file.state == S.COMMITTED:
        INVESTMENT_FILE.fire(investment_file, "enter_portfolio", by=by)
    return tranche


@write_action(allowed=perms.can_manage_fund)
def record_portfolio_report(
    *, by, investment_file, year, cohorts, startups_accelerated, exits, stake_value_cents, note=""
) -> PortfolioReport:
    investment_file = _locked(investment_file)
    if investment_file.state not in (S.PORTFOLIO, S.EXITED):
        raise ActionRefused(_("Le suivi commence à l'entrée en portefeuille."))
    report, _created = PortfolioReport.objects.update_or_create(
        investment_file=investment_file,
        year=year,
        defaults={
            "cohorts": cohorts,
            "startups_accelerated": startups_accelerated,
            "exits": exits,
            "stake_value_cents": stake_value_cents,
            "note": note,
        },
    )
    return report


@write_action(allowed=perms.can_manage_fund)
def exit_investment(*, by, investment_file, proceeds_cents, reason) -> InvestmentFile:
    """The fund sells its stake: the proceeds are recorded, what was committed and never paid
    goes back to the envelope (a de-commitment, so the ledger still matches the decisions)."""
    investment_file = _locked(investment_file)
    if investment_file.state != S.PORTFOLIO:
        raise ActionRefused(_("Seul un investissement en portefeuille peut être cédé."))
    if not reason.strip():
        raise ActionRefused(_("Indiquez les modalités de la sortie (cession, introduction…)."))
    if proceeds_cents < 0:
        raise ActionRefused(_("Le produit de cession ne peut pas être négatif."))
    for commitment in investment_file.commitments.order_by("id"):
        outstanding = ledger.commitment_outstanding(commitment)
        if outstanding:
            decommit_funds(
                by=by,
                commitment=commitment,
                amount_cents=outstanding,
                reason=f"Sortie du capital — {investment_file}",
            )
    investment_file.exit_proceeds_cents = proceeds_cents
    investment_file.save(update_fields=["exit_proceeds_cents"])
    return INVESTMENT_FILE.fire(investment_file, "exit", by=by, reason=reason)
