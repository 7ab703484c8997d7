"""The state machines of the funds (see core/workflow.py).

An investment file: expression of interest → due diligence → investment committee →
approved (`record_decision`) → committed (`commit_investment`, posted to the ledger) →
portfolio (the first tranche paid) → exited (`exit_investment`); rejected or withdrawn
while open. A tranche: planned → conditions met (milestone report) → paid. A promotion
action: planned → committed (budget posted) → done (outcomes recorded); cancelled before
it is done (what is committed and unpaid goes back to the envelope).
"""

from django.utils.translation import gettext_lazy as _

from frenchtech.core.workflow import StateMachine, Transition
from frenchtech.funding import perms
from frenchtech.funding.enums import InvestmentFileState as S
from frenchtech.funding.enums import PromotionState, TrancheState

OPEN_STATES = (S.EXPRESSION_OF_INTEREST, S.DUE_DILIGENCE, S.INVESTMENT_COMMITTEE)
MOVE = "funding.move_file"


def _fund(user, obj) -> bool:
    return perms.can_manage_fund(user)


def _promotion(user, obj) -> bool:
    return perms.can_manage_promotion(user)


INVESTMENT_FILE = StateMachine(
    Transition(
        "start_due_diligence",
        (S.EXPRESSION_OF_INTEREST,),
        S.DUE_DILIGENCE,
        _("Ouvrir l'audit préalable"),
        _fund,
        MOVE,
    ),
    Transition(
        "submit_to_committee",
        (S.DUE_DILIGENCE,),
        S.INVESTMENT_COMMITTEE,
        _("Présenter au comité d'investissement"),
        _fund,
        MOVE,
    ),
    Transition(
        "approve",
        (S.INVESTMENT_COMMITTEE,),
        S.APPROVED,
        _("Décider l'investissement"),
        _fund,
        "funding.record_decision",
    ),
    Transition("reject", OPEN_STATES, S.REJECTED, _("Refuser le dossier"), _fund, MOVE),
    Transition("withdraw", OPEN_STATES, S.WITHDRAWN, _("Retirer le dossier"), _fund, MOVE),
    Transition(
        "commit",
        (S.APPROVED,),
        S.COMMITTED,
        _("Engager les fonds"),
        _fund,
        "funding.commit_investment",
    ),
    Transition(
        "enter_portfolio",
        (S.COMMITTED,),
        S.PORTFOLIO,
        _("Entrée en portefeuille"),
        _fund,
        "funding.disburse_tranche",
    ),
    Transition(
        "exit", (S.PORTFOLIO,), S.EXITED, _("Sortie du capital"), _fund, "funding.exit_investment"
    ),
    model="funding.InvestmentFile",
    states=S,
)

TRANCHE = StateMachine(
    Transition(
        "confirm_milestone",
        (TrancheState.PLANNED,),
        TrancheState.CONDITIONS_MET,
        _("Constater le jalon"),
        _fund,
        "funding.confirm_milestone",
    ),
    Transition(
        "pay",
        (TrancheState.CONDITIONS_MET,),
        TrancheState.PAID,
        _("Verser la tranche"),
        _fund,
        "funding.disburse_tranche",
    ),
    model="funding.Tranche",
    states=TrancheState,
)

P = PromotionState

PROMOTION_ACTION = StateMachine(
    Transition(
        "commit_budget",
        (P.PLANNED,),
        P.COMMITTED,
        _("Engager le budget"),
        _promotion,
        "funding.commit_promotion_budget",
    ),
    Transition(
        "complete",
        (P.COMMITTED,),
        P.DONE,
        _("Enregistrer les résultats"),
        _promotion,
        "funding.record_outcomes",
    ),
    Transition(
        "cancel",
        (P.PLANNED, P.COMMITTED),
        P.CANCELLED,
        _("Annuler l'action"),
        _promotion,
        "funding.cancel_promotion_action",
    ),
    model="funding.PromotionAction",
    states=PromotionState,
)


def plain_moves(investment_file, user) -> list[Transition]:
    """The moves `user` may make now with a plain button (`funding.move_file`)."""
    return [
        t for t in INVESTMENT_FILE.available_actions(investment_file, user) if MOVE in t.fired_by
    ]
