"""Envelopes, reservations, commitments, de-commitments and payments, each posted to the ledger."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frenchtech.core.actions import write_action
from frenchtech.core.actor import person
from frenchtech.core.refusals import ActionRefused
from frenchtech.funding import ledger, perms
from frenchtech.funding.errors import OverCommitment
from frenchtech.funding.models import (
    Commitment,
    Decommitment,
    Disbursement,
    Envelope,
    SubAllocation,
)
from frenchtech.funding.money import MAX_AMOUNT_CENTS, format_euros, too_large_message


def _manages_kind(user, kind) -> bool:
    return kind in perms.manageable_envelope_kinds(user)


def _manages_commitment(user, commitment) -> bool:
    return perms.can_manage_envelope(user, commitment.envelope)


def _positive(amount_cents: int) -> int:
    if not isinstance(amount_cents, int) or amount_cents <= 0:
        raise ActionRefused(_("Le montant doit être un nombre positif de centimes d'euro."))
    if amount_cents > MAX_AMOUNT_CENTS:
        raise ActionRefused(too_large_message(), field="amount_cents")
    return amount_cents


def _pool_name(sub_allocation) -> str:
    return sub_allocation.name if sub_allocation else _("réserve générale")


@write_action(allowed=_manages_kind)
def create_envelope(
    *,
    by,
    name,
    kind,
    amount_cents,
    valid_from,
    valid_until,
    manager=None,
    is_demo=False,
    min_private_share_percent=None,
) -> Envelope:
    _positive(amount_cents)
    envelope = Envelope(
        name=name,
        kind=kind,
        amount_cents=amount_cents,
        valid_from=valid_from,
        valid_until=valid_until,
        manager=manager,
        is_demo=is_demo,
    )
    if min_private_share_percent is not None:
        envelope.min_private_share_percent = min_private_share_percent
    envelope.full_clean()
    envelope.save()
    ledger.post_endowment(envelope, actor=person(by))
    return envelope


@write_action(allowed=perms.can_manage_envelope)
def reserve_sub_allocation(*, by, envelope, name, amount_cents) -> SubAllocation:
    """Set part of the general pool aside; refused beyond what the general pool has left."""
    _positive(amount_cents)
    envelope = ledger.lock_envelope(envelope.pk)
    available = ledger.pool_balances(envelope).available
    if amount_cents > available:
        raise OverCommitment(
            _(
                "Réservation refusée : la réserve générale de l'enveloppe « %(envelope)s » n'a "
                "plus que %(available)s disponibles, la réservation demande %(amount)s."
            )
            % {
                "envelope": envelope.name,
                "available": format_euros(available),
                "amount": format_euros(amount_cents),
            }
        )
    sub_allocation = SubAllocation(
        envelope=envelope, name=name, amount_cents=amount_cents, created_by=person(by)
    )
    sub_allocation.full_clean()
    sub_allocation.save()
    ledger.post_reservation(sub_allocation, actor=person(by))
    return sub_allocation


@write_action(allowed=perms.can_manage_envelope)
def commit_funds(
    *,
    by,
    envelope,
    amount_cents,
    memo,
    sub_allocation=None,
    investment_file=None,
    promotion_action=None,
    on=None,
) -> Commitment:
    """Promise money from a pool. The envelope row is locked first, so two approvals of the
    same envelope are serialised and the second one sees the first one's entries."""
    _positive(amount_cents)
    envelope = ledger.lock_envelope(envelope.pk)
    if sub_allocation is not None and sub_allocation.envelope_id != envelope.pk:
        raise ActionRefused(_("Cette sous-enveloppe appartient à une autre enveloppe."))
    day = on or timezone.localdate()
    if not envelope.is_open_on(day):
        raise ActionRefused(
            _(
                "Engagement refusé : l'enveloppe « %(envelope)s » n'est valable que du "
                "%(start)s au %(end)s."
            )
            % {
                "envelope": envelope.name,
                "start": envelope.valid_from.strftime("%d/%m/%Y"),
                "end": envelope.valid_until.strftime("%d/%m/%Y"),
            }
        )
    available = ledger.pool_balances(envelope, sub_allocation).available
    if amount_cents > available:
        raise OverCommitment(
            _(
                "Engagement refusé : il reste %(available)s disponibles sur l'enveloppe "
                "« %(envelope)s » (%(pool)s) et l'engagement demandé est de %(amount)s. "
                "Une enveloppe ne peut jamais être dépassée."
            )
            % {
                "available": format_euros(available),
                "envelope": envelope.name,
                "pool": _pool_name(sub_allocation),
                "amount": format_euros(amount_cents),
            }
        )
    commitment = Commitment.objects.create(
        envelope=envelope,
        sub_allocation=sub_allocation,
        amount_cents=amount_cents,
        investment_file=investment_file,
        promotion_action=promotion_action,
        memo=memo[:300],
        created_by=person(by),
    )
    ledger.post_commitment(commitment, actor=person(by))
    return commitment


def _outstanding_or_refuse(commitment, amount_cents, verb) -> None:
    outstanding = ledger.commitment_outstanding(commitment)
    if amount_cents > outstanding:
        raise ActionRefused(
            _(
                "%(verb)s refusé : il ne reste que %(outstanding)s engagés et non versés sur "
                "« %(memo)s », la demande est de %(amount)s."
            )
            % {
                "verb": verb,
                "outstanding": format_euros(outstanding),
                "memo": commitment.memo,
                "amount": format_euros(amount_cents),
            }
        )


@write_action(allowed=_manages_commitment)
def decommit_funds(*, by, commitment, amount_cents, reason) -> Decommitment:
    """Release unpaid money of a commitment back to its pool."""
    _positive(amount_cents)
    ledger.lock_envelope(commitment.envelope_id)
    _outstanding_or_refuse(commitment, amount_cents, _("Désengagement"))
    decommitment = Decommitment.objects.create(
        commitment=commitment, amount_cents=amount_cents, reason=reason[:300], created_by=person(by)
    )
    ledger.post_decommitment(decommitment, actor=person(by))
    return decommitment


@write_action(allowed=_manages_commitment)
def pay_out(*, by, commitment, amount_cents, label) -> Disbursement:
    """Pay part of a commitment; never more than is committed and unpaid."""
    _positive(amount_cents)
    ledger.lock_envelope(commitment.envelope_id)
    _outstanding_or_refuse(commitment, amount_cents, _("Versement"))
    disbursement = Disbursement.objects.create(
        commitment=commitment, amount_cents=amount_cents, label=label[:300], created_by=person(by)
    )
    ledger.post_payment(disbursement, actor=person(by))
    return disbursement
