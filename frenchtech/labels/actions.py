"""Write actions on labels, declared with `core.actions.write_action`.

Every move is a transition of `LABEL_WORKFLOW` (logged with the internal reasons) and a
line of the label's public history (`LabelEvent`, with the public reason and the date
the decision took effect, which may precede the day it is recorded). A label granted
after the State's decision is created by `labels.decisions.record_state_decision`.
"""

from django.utils.translation import gettext as _

from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.dates import not_before
from frenchtech.core.refusals import ActionRefused
from frenchtech.labels import perms
from frenchtech.labels.dates import add_years, as_date
from frenchtech.labels.enums import LIVE_STATUSES, AuditOutcome, EventKind, LabelStatus
from frenchtech.labels.models import Label, LabelAudit, LabelEvent
from frenchtech.labels.workflow import LABEL_WORKFLOW

EXPERIMENTATION_YEARS = 1
CONFIRMATION_YEARS = 3


def _require_reasons(reasons: str, field="reasons"):
    if not (reasons or "").strip():
        raise ActionRefused(_("Indiquez les motifs de cette décision."), field=field)


def check_effective_date(label, on) -> None:
    """A decision on a label takes effect on or after the day the label was granted."""
    not_before(
        on,
        label.granted_at,
        field="on",
        what=_("Cette décision"),
        floor_what=_("l'attribution du label"),
    )


def _event(label, kind, *, on, by, public_reason=""):
    LabelEvent.objects.create(
        label=label, kind=kind, occurred_at=on, public_reason=public_reason, actor=person(by)
    )


def _move(label, transition, *, by, reasons, public_reason, on, event, **fields) -> Label:
    label = LABEL_WORKFLOW.fire(label, transition, by=by, reason=reasons, **fields)
    _event(label, event, on=on, by=by, public_reason=public_reason)
    return label


def create_label(*, consortium, application, decision, granted_at, by, public_reason) -> Label:
    """The label's creation, a step of the actions that grant one (the State's decision,
    or a label decided outside the platform); it renews the ecosystem's live label."""
    if consortium.territory_id is None:
        raise ActionRefused(_("Le consortium n'a pas de territoire : il ne peut être labellisé."))
    previous = (
        Label.objects.filter(consortium=consortium, status__in=LIVE_STATUSES)
        .order_by("-granted_at")
        .first()
    )
    experimentation_ends_at = add_years(granted_at, EXPERIMENTATION_YEARS)
    if previous is not None:
        # The relabelling decision continues the live label: it ends the day the new
        # one starts, so the ecosystem is never without a label nor holds two.
        previous = _move(
            previous,
            "renew",
            by=by,
            reasons=_("Nouvelle labellisation du même écosystème."),
            public_reason=_("Remplacé par la nouvelle labellisation."),
            on=granted_at,
            event=EventKind.RENEWED,
            ended_at=granted_at,
        )
    label = Label(
        consortium=consortium,
        epci_id=consortium.territory_id,
        application=application,
        decision=decision,
        status=LabelStatus.EXPERIMENTATION,
        granted_at=granted_at,
        experimentation_ends_at=experimentation_ends_at,
        ends_at=experimentation_ends_at,
        renews=previous,
    )
    label.full_clean()
    label.save()
    _event(label, EventKind.GRANTED, on=granted_at, by=by, public_reason=public_reason)
    return label


@write_action(allowed=perms.can_manage_labels)
def record_label_without_decision(
    *, consortium, granted_at, by, public_reason, application=None
) -> Label:
    """A label decided outside the platform (before it existed, or for the demo).

    Idempotent per application when one is given.
    """
    _require_reasons(public_reason, field="public_reason")
    if application is not None:
        existing = Label.objects.filter(application=application).first()
        if existing is not None:
            return existing
    return create_label(
        consortium=consortium,
        application=application,
        decision=None,
        granted_at=as_date(granted_at),
        by=by,
        public_reason=public_reason,
    )


@write_action(allowed=perms.can_manage_labels)
def record_audit(*, label, by, outcome, reasons, public_reason="", report=None, on=None):
    """The audit after the experimentation year: confirm for three years, or withdraw."""
    _require_reasons(reasons)
    label = Label.objects.select_for_update().get(pk=label.pk)
    LABEL_WORKFLOW.check(label, "confirm", by=by)
    if LabelAudit.objects.filter(label=label).exists():
        raise ActionRefused(_("Ce label a déjà été audité."))
    on = as_date(on)
    check_effective_date(label, on)
    if outcome == AuditOutcome.CONFIRM:
        # Three years counted from the end of the experimentation year, whatever the day
        # the audit is recorded: an ecosystem is not penalised by a late audit.
        label = _move(
            label,
            "confirm",
            by=by,
            reasons=reasons,
            public_reason=public_reason,
            on=on,
            event=EventKind.CONFIRMED,
            confirmed_at=on,
            ends_at=add_years(label.experimentation_ends_at, CONFIRMATION_YEARS),
        )
    elif outcome == AuditOutcome.WITHDRAW:
        label = _move(
            label,
            "withdraw",
            by=by,
            reasons=reasons,
            public_reason=public_reason,
            on=on,
            event=EventKind.WITHDRAWN,
            ended_at=on,
        )
    else:
        raise ActionRefused(
            _("Issue d'audit inconnue : « %(outcome)s ».") % {"outcome": outcome}, field="outcome"
        )
    LabelAudit.objects.create(
        label=label,
        report=report,
        outcome=outcome,
        reasons=reasons,
        public_reason=public_reason,
        decided_by=person(by),
        decided_at=on,
    )
    return label


@write_action(allowed=perms.can_manage_labels)
def suspend_label(*, label, by, reasons, public_reason="", on=None) -> Label:
    _require_reasons(reasons)
    previous_status = label.status
    on = as_date(on)
    check_effective_date(label, on)
    return _move(
        label,
        "suspend",
        by=by,
        reasons=reasons,
        public_reason=public_reason,
        on=on,
        event=EventKind.SUSPENDED,
        status_before_suspension=previous_status,
    )


@write_action(allowed=perms.can_manage_labels)
def reinstate_label(*, label, by, reasons, public_reason="", on=None) -> Label:
    _require_reasons(reasons)
    label = Label.objects.get(pk=label.pk)
    # A label suspended in its experimentation year goes back to it, a confirmed one to
    # confirmed; an unknown former status is refused by the machine as a wrong state.
    target = label.status_before_suspension or LabelStatus.EXPERIMENTATION
    on = as_date(on)
    check_effective_date(label, on)
    return _move(
        label,
        f"reinstate_{target}",
        by=by,
        reasons=reasons,
        public_reason=public_reason,
        on=on,
        event=EventKind.REINSTATED,
        status_before_suspension="",
    )


@write_action(allowed=perms.can_manage_labels)
def withdraw_label(*, label, by, reasons, public_reason="", on=None) -> Label:
    _require_reasons(reasons)
    on = as_date(on)
    check_effective_date(label, on)
    return _move(
        label,
        "withdraw",
        by=by,
        reasons=reasons,
        public_reason=public_reason,
        on=on,
        event=EventKind.WITHDRAWN,
        ended_at=on,
    )


def _only_the_platform(user) -> bool:
    return False


@write_action(allowed=_only_the_platform)
def expire_labels(*, by, now=None) -> list[Label]:
    """Move every live label whose end date has passed to expired (idempotent).

    Only the platform fires "expire" (the state machine refuses people). `now` is passed
    in so that the command and its tests decide what "today" is.
    """
    today = as_date(now)
    expired = []
    due = Label.objects.filter(status__in=LIVE_STATUSES, ends_at__lt=today).order_by("id")
    for label in due:
        expired.append(
            _move(
                label,
                "expire",
                by=by,
                reasons=f"end date {label.ends_at.isoformat()} passed on {today.isoformat()}",
                public_reason=_("Échéance du label atteinte."),
                on=label.ends_at,
                event=EventKind.EXPIRED,
                ended_at=label.ends_at,
            )
        )
    return expired


@write_action(allowed=perms.can_manage_labels)
def link_renewal_application(*, label, application, by) -> Label:
    """Renewal hook: the relabelling application a live label's consortium filed.

    Granting that application later renews this label (see `create_label`).
    """
    if application.consortium_id != label.consortium_id:
        raise ActionRefused(_("Cette candidature n'est pas celle de l'écosystème labellisé."))
    if not label.is_live:
        raise ActionRefused(
            _("Un label « %(status)s » ne se renouvelle pas.")
            % {"status": label.get_status_display()}
        )
    label.renewal_application = application
    label.save()
    return label
