"""The State's decision after the committee: one step that spans three apps.

The committee's `Decision` is recorded, the application moves to its outcome (calls),
and a decision to label creates the label (labels), together or not at all. This is the
only way to those outcomes: the application's state machine lets its decision
transitions be fired only while this action runs. The consortium is told by e-mail
(`labels/notifications.py`) once the decision commits. Funding reads the label it creates
(`funding/labelled.py`): an ecosystem is eligible to promotion once it carries a label.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from frenchtech.calls.models import Application
from frenchtech.committee import perms as committee_perms
from frenchtech.committee.actions.decisions import record_decision
from frenchtech.committee.enums import Outcome
from frenchtech.core.actions import write_action
from frenchtech.core.refusals import ActionRefused
from frenchtech.labels.actions import create_label
from frenchtech.labels.dates import as_date
from frenchtech.labels.enums import LIVE_STATUSES
from frenchtech.labels.models import Label
from frenchtech.labels.notifications import notify_state_decision


def live_label(consortium) -> Label | None:
    """The ecosystem's live label, the one a new decision to label would replace."""
    return (
        Label.objects.filter(consortium=consortium, status__in=LIVE_STATUSES)
        .order_by("-granted_at")
        .first()
    )


def replacement_warning(label: Label) -> str:
    """What a new decision to label does to the live `label`, in words."""
    return _(
        "Cette décision remplace le label en cours de %(name)s (%(status)s, attribué le "
        "%(granted)s, échéance le %(ends)s) : il prend fin le jour de la décision et "
        "l'écosystème recommence par une année d'expérimentation."
    ) % {
        "name": label.consortium.name,
        "status": label.get_status_display(),
        "granted": date_format(label.granted_at, "j F Y"),
        "ends": date_format(label.ends_at, "j F Y"),
    }


@write_action(allowed=committee_perms.can_decide)
def record_state_decision(
    *,
    by,
    application,
    outcome,
    reasons,
    recommendations="",
    round_=None,
    decided_at=None,
    replaces_live_label=False,
):
    """Record the State's decision on `application`; returns the committee's `Decision`
    (its label, when it labels, is `decision.label`).

    A decision to label an ecosystem that holds a live label replaces it: it is recorded
    only with `replaces_live_label`, once the Mission has seen what it replaces.
    """
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
        current = live_label(application.consortium)
        if current is not None and not replaces_live_label:
            # Refused after the application's own checks; the transaction undoes them.
            raise ActionRefused(
                f"{replacement_warning(current)} {_('Cochez la case pour confirmer.')}",
                field="replaces_live_label",
            )
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
