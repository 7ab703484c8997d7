"""Write actions on labels: one function each, atomic, permission-checked, audited.

Every move is a transition of `LABEL_WORKFLOW` (logged with the internal reasons) and a
line of the label's public history (`LabelEvent`, with the public reason and the date
the decision took effect, which may precede the day it is recorded).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from frenchtech.calls.models import Application
from frenchtech.core.actor import acting
from frenchtech.core.workflow import TransitionRefused, apply_transition
from frenchtech.labels import perms
from frenchtech.labels.dates import add_years, as_date
from frenchtech.labels.enums import LIVE_STATUSES, AuditOutcome, EventKind, LabelStatus
from frenchtech.labels.models import Label, LabelAudit, LabelEvent
from frenchtech.labels.workflow import LABEL_WORKFLOW

EXPERIMENTATION_YEARS = 1
CONFIRMATION_YEARS = 3


def _require_mission(by, what: str):
    # `by=None` is the system (demo loader, commands); people must be Mission staff.
    if by is not None and not perms.can_manage_labels(by):
        raise PermissionDenied(what)


def _require_reasons(reasons: str):
    if not (reasons or "").strip():
        raise ValidationError(_("Indiquez les motifs de cette décision."))


def _event(label, kind, *, on, by, public_reason=""):
    LabelEvent.objects.create(
        label=label, kind=kind, occurred_at=on, public_reason=public_reason, actor=by
    )


def _move(label, transition, *, by, reasons, public_reason, on, event, **fields) -> Label:
    label = apply_transition(
        label, LABEL_WORKFLOW, transition, by=by, reason=reasons, field="status"
    )
    with acting(by, f"labels.{transition}"):
        if fields:
            for name, value in fields.items():
                setattr(label, name, value)
            label.save()
        _event(label, event, on=on, by=by, public_reason=public_reason)
    return label


def _create(*, consortium, application, decision_id, granted_at, by, public_reason) -> Label:
    if consortium.territory_id is None:
        raise ValidationError(_("Le consortium n'a pas de territoire : il ne peut être labellisé."))
    previous = (
        Label.objects.filter(consortium=consortium, status__in=LIVE_STATUSES)
        .order_by("-granted_at")
        .first()
    )
    experimentation_ends_at = add_years(granted_at, EXPERIMENTATION_YEARS)
    with acting(by, "labels.grant_label"):
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
            decision_id=decision_id,
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


@transaction.atomic
def grant_label(*, application, decision_id: int, decided_at, by) -> Label:
    """The label that follows the State's "labelled" decision `decision_id` on `application`.

    Called by the committee once the decision is recorded. Idempotent per application:
    calling it again returns the existing label unchanged.
    """
    _require_mission(by, "only the Mission grants labels")
    # Locks the application so that two concurrent calls create one label.
    application = Application.objects.select_for_update().get(pk=application.pk)
    existing = Label.objects.filter(application=application).first()
    if existing is not None:
        return existing
    return _create(
        consortium=application.consortium,
        application=application,
        decision_id=decision_id,
        granted_at=as_date(decided_at),
        by=by,
        public_reason=_("Décision de labellisation de l'État, après avis du comité."),
    )


@transaction.atomic
def record_label_without_decision(
    *, consortium, granted_at, by, public_reason, application=None
) -> Label:
    """A label decided outside the platform (before it existed, or for the demo).

    Idempotent per application when one is given.
    """
    _require_mission(by, "only the Mission records labels")
    _require_reasons(public_reason)
    if application is not None:
        existing = Label.objects.filter(application=application).first()
        if existing is not None:
            return existing
    return _create(
        consortium=consortium,
        application=application,
        decision_id=None,
        granted_at=as_date(granted_at),
        by=by,
        public_reason=public_reason,
    )


@transaction.atomic
def record_audit(*, label, by, outcome, reasons, public_reason="", report=None, on=None):
    """The audit after the experimentation year: confirm for three years, or withdraw."""
    _require_mission(by, "only the Mission audits labels")
    _require_reasons(reasons)
    label = Label.objects.select_for_update().get(pk=label.pk)
    if label.status != LabelStatus.EXPERIMENTATION:
        raise TransitionRefused(
            f"cannot audit from state {label.status!r} (allowed from: experimentation)"
        )
    if LabelAudit.objects.filter(label=label).exists():
        raise TransitionRefused("this label has already been audited")
    on = as_date(on)
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
        raise ValidationError(f"unknown audit outcome {outcome!r}")
    with acting(by, "labels.record_audit"):
        LabelAudit.objects.create(
            label=label,
            report=report,
            outcome=outcome,
            reasons=reasons,
            public_reason=public_reason,
            decided_by=by,
            decided_at=on,
        )
    return label


@transaction.atomic
def suspend_label(*, label, by, reasons, public_reason="", on=None) -> Label:
    _require_mission(by, "only the Mission suspends labels")
    _require_reasons(reasons)
    previous_status = label.status
    return _move(
        label,
        "suspend",
        by=by,
        reasons=reasons,
        public_reason=public_reason,
        on=as_date(on),
        event=EventKind.SUSPENDED,
        status_before_suspension=previous_status,
    )


@transaction.atomic
def reinstate_label(*, label, by, reasons, public_reason="", on=None) -> Label:
    _require_mission(by, "only the Mission reinstates labels")
    _require_reasons(reasons)
    label = Label.objects.get(pk=label.pk)
    # A label suspended in its experimentation year goes back to it, a confirmed one to
    # confirmed; an unknown former status is refused by the machine as a wrong state.
    target = label.status_before_suspension or LabelStatus.EXPERIMENTATION
    return _move(
        label,
        f"reinstate_{target}",
        by=by,
        reasons=reasons,
        public_reason=public_reason,
        on=as_date(on),
        event=EventKind.REINSTATED,
        status_before_suspension="",
    )


@transaction.atomic
def withdraw_label(*, label, by, reasons, public_reason="", on=None) -> Label:
    _require_mission(by, "only the Mission withdraws labels")
    _require_reasons(reasons)
    on = as_date(on)
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


def expire_labels(*, now=None) -> list[Label]:
    """Move every live label whose end date has passed to expired (idempotent).

    `now` is passed in so that the command and its tests decide what "today" is.
    """
    today = as_date(now)
    expired = []
    due = Label.objects.filter(status__in=LIVE_STATUSES, ends_at__lt=today).order_by("id")
    for label in due:
        with transaction.atomic():
            expired.append(
                _move(
                    label,
                    "expire",
                    by=None,
                    reasons=f"end date {label.ends_at.isoformat()} passed on {today.isoformat()}",
                    public_reason=_("Échéance du label atteinte."),
                    on=label.ends_at,
                    event=EventKind.EXPIRED,
                    ended_at=label.ends_at,
                )
            )
    return expired


@transaction.atomic
def link_renewal_application(*, label, application, by) -> Label:
    """Renewal hook: the relabelling application a live label's consortium filed.

    Granting that application later renews this label (see `_create`).
    """
    _require_mission(by, "only the Mission links a relabelling application")
    if application.consortium_id != label.consortium_id:
        raise ValidationError(_("Cette candidature n'est pas celle de l'écosystème labellisé."))
    if not label.is_live:
        raise TransitionRefused(f"cannot link a renewal to a label in state {label.status!r}")
    with acting(by, "labels.link_renewal_application"):
        label.renewal_application = application
        label.save()
    return label
