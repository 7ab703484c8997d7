"""The state machines of calls and applications (see core/workflow.py).

A call: draft → published → closed.

An application: draft → submitted → screening → co_construction ⇄ correction_requested →
resubmitted → ready_for_committee → labelled / returned_with_recommendations / refused
(the State's decision, `labels.record_state_decision`, the only way to those three);
refused at screening by the Mission; withdrawn by its lead from any state that is not
final.
"""

from django.utils.translation import gettext_lazy as _

from frenchtech.calls import perms
from frenchtech.calls.enums import FINAL_STATES, ApplicationState, CallState
from frenchtech.core.workflow import StateMachine, Transition

S = ApplicationState
NOT_FINAL = tuple(state for state in S.values if state not in FINAL_STATES)

MOVE = "calls.move_application"
# The State's decision after the committee; it also grants the label (labels app).
STATE_DECISION = "labels.record_state_decision"


def _mission(user, application) -> bool:
    return perms.can_screen(user, application)


def _lead(user, application) -> bool:
    return perms.is_lead(user, application)


APPLICATION_WORKFLOW = StateMachine(
    Transition("submit", (S.DRAFT,), S.SUBMITTED, _("Déposer"), _lead, "calls.submit_application"),
    Transition(
        "start_screening", (S.SUBMITTED,), S.SCREENING, _("Commencer l'instruction"), _mission, MOVE
    ),
    Transition(
        "open_co_construction",
        (S.SCREENING, S.RESUBMITTED, S.RETURNED_WITH_RECOMMENDATIONS),
        S.CO_CONSTRUCTION,
        _("Ouvrir la co-construction"),
        _mission,
        MOVE,
    ),
    Transition(
        "request_correction",
        (S.SCREENING, S.CO_CONSTRUCTION, S.RESUBMITTED),
        S.CORRECTION_REQUESTED,
        _("Demander une correction"),
        _mission,
        "calls.request_correction",
    ),
    Transition(
        "resubmit",
        (S.CORRECTION_REQUESTED,),
        S.RESUBMITTED,
        _("Redéposer"),
        _lead,
        "calls.submit_application",
    ),
    Transition(
        "mark_ready_for_committee",
        (S.CO_CONSTRUCTION, S.RESUBMITTED),
        S.READY_FOR_COMMITTEE,
        _("Transmettre au comité"),
        _mission,
        MOVE,
    ),
    Transition("refuse", (S.SCREENING,), S.REFUSED, _("Refuser à l'instruction"), _mission, MOVE),
    Transition(
        "label",
        (S.READY_FOR_COMMITTEE,),
        S.LABELLED,
        _("Labelliser (décision de l'État)"),
        _mission,
        STATE_DECISION,
    ),
    Transition(
        "return_with_recommendations",
        (S.READY_FOR_COMMITTEE,),
        S.RETURNED_WITH_RECOMMENDATIONS,
        _("Renvoyer avec recommandations (décision de l'État)"),
        _mission,
        STATE_DECISION,
    ),
    Transition(
        "refuse_after_committee",
        (S.READY_FOR_COMMITTEE,),
        S.REFUSED,
        _("Refuser (décision de l'État)"),
        _mission,
        STATE_DECISION,
    ),
    Transition(
        "withdraw",
        NOT_FINAL,
        S.WITHDRAWN,
        _("Retirer la candidature"),
        _lead,
        "calls.withdraw_application",
    ),
    model="calls.Application",
    states=ApplicationState,
)


def _manages_calls(user, call) -> bool:
    return perms.can_manage_calls(user)


CALL_WORKFLOW = StateMachine(
    Transition(
        "publish",
        (CallState.DRAFT,),
        CallState.PUBLISHED,
        _("Publier l'appel"),
        _manages_calls,
        "calls.publish_call",
    ),
    Transition(
        "close",
        (CallState.PUBLISHED,),
        CallState.CLOSED,
        _("Clore l'appel"),
        _manages_calls,
        "calls.close_call",
    ),
    model="calls.Call",
    states=CallState,
)


def plain_moves(application, user) -> list[Transition]:
    """The moves `user` may make now with a plain button (`calls.move_application`)."""
    return [
        t for t in APPLICATION_WORKFLOW.available_actions(application, user) if MOVE in t.fired_by
    ]
