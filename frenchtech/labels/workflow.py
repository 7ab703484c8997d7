"""The label's and the yearly report's state machines (see core/workflow.py for the log).

experimentation (one year) → confirmed (three years) after the audit, or withdrawn;
experimentation / confirmed ⇄ suspended; any live label → withdrawn; a live label past
its end date → expired (command `expire_labels`); a label continued by a relabelling
decision → renewed. Reinstatement returns to the status held before the suspension,
hence one transition per return target: the machine stays explicit.
"""

from django.utils.translation import gettext_lazy as _

from frenchtech.core.workflow import StateMachine, Transition
from frenchtech.labels.enums import LIVE_STATUSES, LabelStatus, ReportState

L = LabelStatus

LABEL_WORKFLOW = StateMachine(
    Transition("confirm", (L.EXPERIMENTATION,), L.CONFIRMED, _("Confirmer après l'audit")),
    Transition("suspend", (L.EXPERIMENTATION, L.CONFIRMED), L.SUSPENDED, _("Suspendre le label")),
    Transition(
        "reinstate_experimentation",
        (L.SUSPENDED,),
        L.EXPERIMENTATION,
        _("Rétablir le label (expérimentation)"),
    ),
    Transition("reinstate_confirmed", (L.SUSPENDED,), L.CONFIRMED, _("Rétablir le label")),
    Transition("withdraw", LIVE_STATUSES, L.WITHDRAWN, _("Retirer le label")),
    Transition("expire", LIVE_STATUSES, L.EXPIRED, _("Constater l'échéance")),
    Transition("renew", LIVE_STATUSES, L.RENEWED, _("Renouveler par une nouvelle labellisation")),
)

R = ReportState

REPORT_WORKFLOW = StateMachine(
    Transition("submit", (R.DRAFT, R.RETURNED), R.SUBMITTED, _("Déposer le rapport")),
    Transition("accept", (R.SUBMITTED,), R.ACCEPTED, _("Valider l'examen")),
    Transition("return", (R.SUBMITTED,), R.RETURNED, _("Renvoyer pour compléments")),
)
