"""The committee session's state machine (see core/workflow.py): planned → open (once the
quorum is present) → closed. A closed session is final: its votes and recommendations
are the record."""

from django.utils.translation import gettext_lazy as _

from frenchtech.committee import perms
from frenchtech.committee.enums import SessionState
from frenchtech.core.workflow import StateMachine, Transition

MOVE = "committee.move_session"


def _mission(user, session) -> bool:
    return perms.can_manage(user)


SESSION_WORKFLOW = StateMachine(
    Transition(
        "open", (SessionState.PLANNED,), SessionState.OPEN, _("Ouvrir la séance"), _mission, MOVE
    ),
    Transition(
        "close", (SessionState.OPEN,), SessionState.CLOSED, _("Clore la séance"), _mission, MOVE
    ),
    model="committee.CommitteeSession",
    states=SessionState,
)
