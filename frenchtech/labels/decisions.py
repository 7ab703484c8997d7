"""The State's decision after the committee: one step that spans three apps.

The committee's `Decision` is recorded, the application moves to its outcome (calls),
and a decision to label creates the label (labels), together or not at all. This is the
only way to those outcomes: the application's state machine lets its decision
transitions be fired only while this action runs. The consortium is told by e-mail
(`labels/notifications.py`) once the decision commits. Funding reads the label it creates
(`funding/labelled.py`): an ecosystem is eligible to promotion once it carries a label.
"""

from django.utils.translation import gettext as _

from frenchtech.calls.models import Application
from frenchtech.committee import perms as committee_perms
from frenchtech.committee.actions.decisions import record_decision
from frenchtech.committee.enums import Outcome
from frenchtech.core.actions import write_action
from frenchtech.labels.actions import create_label
from frenchtech.labels.dates import as_date
from frenchtech.labels.notifications import notify_state_decision


@write_action(allowed=committee_perms.can_decide)
def record_state_decision(
    *, by, application, outcome, reasons, recommendations="", round_=None, decided_at=None
):
    """Record the State's decision on `application`; returns the committee's `Decision`
    (its label, when it labels, is `decision.label`)."""
    # Locks the application: two concurrent decisions cannot both pass.
    application = Application.objects.select_for_update().get(pk=application.pk)
    decision = record_decision(
        by=by,
        application=application,
        outcome=outcome,
        reasons=reasons,
        recommendations=recommendations,
        round_=round_,
        decided_at=decided_at,
    )
    if decision.outcome == Outcome.LABELLED:
        create_label(
            consortium=application.consortium,
            application=application,
            decision=decision,
            granted_at=as_date(decision.decided_at),
            by=by,
            public_reason=_("Décision de labellisation de l'État, après avis du comité."),
        )
    notify_state_decision(decision)
    return decision
