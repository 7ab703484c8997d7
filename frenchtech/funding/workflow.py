"""The investment file's state machine (see core/workflow.py)."""

from django.utils.translation import gettext_lazy as _

from frenchtech.core.workflow import StateMachine, Transition
from frenchtech.funding.enums import InvestmentFileState as S

OPEN_STATES = (S.EXPRESSION_OF_INTEREST, S.DUE_DILIGENCE, S.INVESTMENT_COMMITTEE)

INVESTMENT_FILE = StateMachine(
    Transition(
        "start_due_diligence",
        (S.EXPRESSION_OF_INTEREST,),
        S.DUE_DILIGENCE,
        _("Ouvrir l'audit préalable"),
    ),
    Transition(
        "submit_to_committee",
        (S.DUE_DILIGENCE,),
        S.INVESTMENT_COMMITTEE,
        _("Présenter au comité d'investissement"),
    ),
    # Reached through actions.record_decision (which writes the decision in the same step).
    Transition("approve", (S.INVESTMENT_COMMITTEE,), S.APPROVED, _("Décider l'investissement")),
    Transition("reject", OPEN_STATES, S.REJECTED, _("Refuser le dossier")),
    Transition("withdraw", OPEN_STATES, S.WITHDRAWN, _("Retirer le dossier")),
    # Reached through actions.commit_investment (which posts to the ledger).
    Transition("commit", (S.APPROVED,), S.COMMITTED, _("Engager les fonds")),
    # Reached through actions.disburse_tranche on the first payment.
    Transition("enter_portfolio", (S.COMMITTED,), S.PORTFOLIO, _("Entrée en portefeuille")),
    # Reached through actions.exit_investment (which releases what is left unpaid).
    Transition("exit", (S.PORTFOLIO,), S.EXITED, _("Sortie du capital")),
)

# Transitions a person triggers with a bare button (the others need a form or a payment).
MANUAL_TRANSITIONS = ("start_due_diligence", "submit_to_committee", "reject", "withdraw")
