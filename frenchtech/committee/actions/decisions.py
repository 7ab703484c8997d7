"""The committee's record of the State's decision; it moves the application to its outcome.

A step of `labels.decisions.record_state_decision`, which also grants the label: the
application's state machine refuses these moves outside that action.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.calls.workflow import APPLICATION_WORKFLOW
from frenchtech.committee import perms
from frenchtech.committee.enums import TRANSITION_FOR_OUTCOME, Outcome
from frenchtech.committee.models import Decision
from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused


@write_action(allowed=perms.can_decide)
def record_decision(
    *, by, application, outcome, reasons, recommendations="", round_=None, decided_at=None
):
    """Append the decision and apply the calls transition, atomically; returns the Decision.

    `decided_at` is when the State decided (the letter's date), now by default; it may not
    lie in the future.
    """
    if outcome not in Outcome.values:
        raise ActionRefused(_("Choisissez la décision."), field="outcome")
    if not reasons.strip():
        raise ActionRefused(_("Une décision est toujours motivée."), field="reasons")
    if outcome == Outcome.RETURNED and not recommendations.strip():
        raise ActionRefused(
            _("Un renvoi en co-construction précise ses recommandations."),
            field="recommendations",
        )
    reason_text = reasons if not recommendations else f"{reasons}\n\n{recommendations}"
    now = timezone.now()
    decided_at = decided_at or now
    if not isinstance(decided_at, dt.datetime):  # a day: noon, Paris time
        decided_at = timezone.make_aware(dt.datetime.combine(decided_at, dt.time(12)))
    if decided_at > now:
        raise ActionRefused(_("Une décision ne se date pas dans le futur."), field="decided_at")
    # `state_changed_at` is the dashboard's "age"; the transition log holds the history.
    moved = APPLICATION_WORKFLOW.fire(
        application,
        TRANSITION_FOR_OUTCOME[Outcome(outcome)],
        by=by,
        reason=reason_text,
        state_changed_at=now,
    )
    return Decision.objects.create(
        application=moved,
        round=round_,
        outcome=outcome,
        reasons=reasons,
        recommendations=recommendations,
        decided_by=person(by),
        decided_at=decided_at,
    )
