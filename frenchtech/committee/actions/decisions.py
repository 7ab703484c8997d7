"""The State's decision, recorded by the Mission: it moves the application to its outcome."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.calls.models import Application
from frenchtech.calls.workflow import APPLICATION_WORKFLOW
from frenchtech.committee import perms
from frenchtech.committee.actions import require
from frenchtech.committee.enums import TRANSITION_FOR_OUTCOME, Outcome
from frenchtech.committee.errors import CommitteeRefused
from frenchtech.committee.models import Decision
from frenchtech.core.actor import acting
from frenchtech.core.workflow import TransitionRefused, apply_transition


@transaction.atomic
def record_decision(*, by, application, outcome, reasons, recommendations="", round_=None):
    """Append the decision and apply the calls transition, atomically; returns the Decision."""
    require(perms.can_decide(by, application), "record decision")
    if not reasons.strip():
        raise CommitteeRefused(_("Une décision est toujours motivée."))
    if outcome == Outcome.RETURNED and not recommendations.strip():
        raise CommitteeRefused(_("Un renvoi en co-construction précise ses recommandations."))
    reason_text = reasons if not recommendations else f"{reasons}\n\n{recommendations}"
    with acting(by, "committee.record_decision"):
        try:
            moved = apply_transition(
                application,
                APPLICATION_WORKFLOW,
                TRANSITION_FOR_OUTCOME[Outcome(outcome)],
                by=by,
                reason=reason_text,
            )
        except TransitionRefused as refusal:
            raise CommitteeRefused(
                _("Décision impossible dans l'état « %(state)s ».")
                % {"state": application.get_state_display()}
            ) from refusal
        # The dashboard's "state since" (the transition log holds the audited history).
        now = timezone.now()
        Application.objects.filter(pk=moved.pk).update(state_changed_at=now)
        decision = Decision.objects.create(
            application=moved,
            round=round_,
            outcome=outcome,
            reasons=reasons,
            recommendations=recommendations,
            decided_by=by,
            decided_at=now,
        )
    return decision
