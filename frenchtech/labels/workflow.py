"""The label's and the yearly report's state machines (see core/workflow.py for the log).

experimentation (one year) → confirmed (three years) after the audit, or withdrawn;
experimentation / confirmed ⇄ suspended; any live label → withdrawn; a live label past
its end date → expired (command `expire_labels`); a label continued by a relabelling
decision → renewed. Reinstatement returns to the status held before the suspension,
hence one transition per return target: the machine stays explicit.
"""

from django.utils.translation import gettext_lazy as _

from frenchtech.core.workflow import StateMachine, Transition
from frenchtech.labels import perms
from frenchtech.labels.enums import LIVE_STATUSES, LabelStatus, ReportState

L = LabelStatus
GRANTS = ("labels.record_state_decision", "labels.record_label_without_decision")


def _mission(user, obj) -> bool:
    return perms.can_manage_labels(user)


def _nobody(user, obj) -> bool:
    """Only the platform: the end date passing is not anybody's decision."""
    return False


LABEL_WORKFLOW = StateMachine(
    Transition(
        "confirm",
        (L.EXPERIMENTATION,),
        L.CONFIRMED,
        _("Confirmer après l'audit"),
        _mission,
        "labels.record_audit",
    ),
    Transition(
        "suspend",
        (L.EXPERIMENTATION, L.CONFIRMED),
        L.SUSPENDED,
        _("Suspendre le label"),
        _mission,
        "labels.suspend_label",
    ),
    Transition(
        "reinstate_experimentation",
        (L.SUSPENDED,),
        L.EXPERIMENTATION,
        _("Rétablir le label (expérimentation)"),
        _mission,
        "labels.reinstate_label",
    ),
    Transition(
        "reinstate_confirmed",
        (L.SUSPENDED,),
        L.CONFIRMED,
        _("Rétablir le label"),
        _mission,
        "labels.reinstate_label",
    ),
    Transition(
        "withdraw",
        LIVE_STATUSES,
        L.WITHDRAWN,
        _("Retirer le label"),
        _mission,
        ("labels.withdraw_label", "labels.record_audit"),
    ),
    Transition(
        "expire",
        LIVE_STATUSES,
        L.EXPIRED,
        _("Constater l'échéance"),
        _nobody,
        "labels.expire_labels",
    ),
    Transition(
        "renew",
        LIVE_STATUSES,
        L.RENEWED,
        _("Renouveler par une nouvelle labellisation"),
        _mission,
        GRANTS,
    ),
    model="labels.Label",
    states=LabelStatus,
    field="status",
)

R = ReportState

REPORT_WORKFLOW = StateMachine(
    Transition(
        "submit",
        (R.DRAFT, R.RETURNED),
        R.SUBMITTED,
        _("Déposer le rapport"),
        perms.can_edit_report,
        "labels.submit_report",
    ),
    Transition(
        "accept",
        (R.SUBMITTED,),
        R.ACCEPTED,
        _("Valider l'examen"),
        perms.can_review_report,
        "labels.review_report",
    ),
    Transition(
        "return",
        (R.SUBMITTED,),
        R.RETURNED,
        _("Renvoyer pour compléments"),
        perms.can_review_report,
        "labels.review_report",
    ),
    model="labels.YearlyReport",
    states=ReportState,
)
