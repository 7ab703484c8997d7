"""The application's state machine (see core/workflow.py for the transition log).

draft → submitted → screening → co_construction ⇄ correction_requested → resubmitted
→ ready_for_committee → labelled / returned_with_recommendations / refused; withdrawn
from any state that is not final. The committee issue will own the last three moves.
"""

from django.utils.translation import gettext_lazy as _

from frenchtech.calls.enums import FINAL_STATES
from frenchtech.calls.enums import ApplicationState as S
from frenchtech.core.workflow import StateMachine, Transition

NOT_FINAL = tuple(state for state in S.values if state not in FINAL_STATES)

APPLICATION_WORKFLOW = StateMachine(
    Transition("submit", (S.DRAFT,), S.SUBMITTED, _("Déposer")),
    Transition("start_screening", (S.SUBMITTED,), S.SCREENING, _("Commencer l'instruction")),
    Transition(
        "open_co_construction",
        (S.SCREENING, S.RESUBMITTED, S.RETURNED_WITH_RECOMMENDATIONS),
        S.CO_CONSTRUCTION,
        _("Ouvrir la co-construction"),
    ),
    Transition(
        "request_correction",
        (S.SCREENING, S.CO_CONSTRUCTION, S.RESUBMITTED),
        S.CORRECTION_REQUESTED,
        _("Demander une correction"),
    ),
    Transition("resubmit", (S.CORRECTION_REQUESTED,), S.RESUBMITTED, _("Redéposer")),
    Transition(
        "mark_ready_for_committee",
        (S.CO_CONSTRUCTION, S.RESUBMITTED),
        S.READY_FOR_COMMITTEE,
        _("Transmettre au comité"),
    ),
    Transition("label", (S.READY_FOR_COMMITTEE,), S.LABELLED, _("Labelliser")),
    Transition(
        "return_with_recommendations",
        (S.READY_FOR_COMMITTEE,),
        S.RETURNED_WITH_RECOMMENDATIONS,
        _("Renvoyer avec recommandations"),
    ),
    Transition("refuse", (S.SCREENING, S.READY_FOR_COMMITTEE), S.REFUSED, _("Refuser")),
    Transition("withdraw", NOT_FINAL, S.WITHDRAWN, _("Retirer la candidature")),
)

# Moves made by the Mission from the screening page (the others have their own action).
MISSION_TRANSITIONS = (
    "start_screening",
    "open_co_construction",
    "mark_ready_for_committee",
    "refuse",
)
