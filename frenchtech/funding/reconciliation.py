"""Prove that the ledger matches the decisions: `manage.py reconcile_ledger` runs this.

Checks, per envelope: every transaction balanced; the endowment equals the envelope's
amount; no pool negative; available + committed + paid = amount; each sub-allocation's
reservation equals its amount; the sums of commitments, de-commitments and disbursements
(the decisions) equal the ledger's movements of each kind; every decision has exactly one
ledger transaction; no commitment is de-committed or paid beyond its amount.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce

from frenchtech.funding import ledger
from frenchtech.funding.enums import LedgerAccount, MovementKind, Side
from frenchtech.funding.models import (
    Commitment,
    Decommitment,
    Disbursement,
    Envelope,
    LedgerEntry,
    LedgerTransaction,
    SubAllocation,
)


@dataclass(frozen=True)
class Mismatch:
    envelope: str
    problem: str

    def __str__(self):
        return f"{self.envelope}: {self.problem}"


def _unbalanced_transactions():
    return (
        LedgerEntry.objects.values("transaction_id", "envelope__name")
        .annotate(
            debits=Coalesce(Sum("amount_cents", filter=Q(side=Side.DEBIT)), 0),
            credits=Coalesce(Sum("amount_cents", filter=Q(side=Side.CREDIT)), 0),
        )
        .exclude(debits=F("credits"))
    )


def _ledger_movement_totals() -> dict[tuple[int, str], int]:
    """{(envelope id, kind): amount moved}, counting each transaction's debits once."""
    rows = (
        LedgerEntry.objects.filter(side=Side.DEBIT)
        .values("envelope_id", "transaction__kind")
        .annotate(total=Sum("amount_cents"))
    )
    return {(row["envelope_id"], row["transaction__kind"]): row["total"] for row in rows}


def _decision_totals(model, envelope_path) -> dict[int, int]:
    rows = model.objects.values(envelope_path).annotate(total=Sum("amount_cents"))
    return {row[envelope_path]: row["total"] for row in rows}


def _decisions_without_one_transaction(model, link: str, kind=None) -> list:
    """Decision rows with zero or several ledger transactions of their own."""
    transactions = LedgerTransaction.objects.exclude(**{f"{link}__isnull": True})
    if kind is not None:
        # Later movements (de-commitments, payments) link their commitment too.
        transactions = transactions.filter(kind=kind)
    linked = defaultdict(int)
    for value in transactions.values_list(link, flat=True):
        linked[value] += 1
    return [pk for pk in model.objects.values_list("pk", flat=True) if linked.get(pk, 0) != 1]


def reconcile() -> list[Mismatch]:
    problems: list[Mismatch] = []
    for row in _unbalanced_transactions():
        problems.append(
            Mismatch(
                row["envelope__name"],
                f"transaction #{row['transaction_id']} unbalanced: "
                f"debits {row['debits']} ≠ credits {row['credits']}",
            )
        )
    movements = _ledger_movement_totals()
    decided = {
        MovementKind.COMMITMENT: _decision_totals(Commitment, "envelope_id"),
        MovementKind.DECOMMITMENT: _decision_totals(Decommitment, "commitment__envelope_id"),
        MovementKind.PAYMENT: _decision_totals(Disbursement, "commitment__envelope_id"),
        MovementKind.RESERVATION: _decision_totals(SubAllocation, "envelope_id"),
    }
    for envelope in Envelope.objects.order_by("id"):
        name = f"{envelope.name} (#{envelope.pk})"
        pools = ledger.balances_by_pool(envelope)
        total = sum(pools.values(), ledger.Balances())
        if total.endowment != envelope.amount_cents:
            problems.append(
                Mismatch(name, f"endowment {total.endowment} ≠ amount {envelope.amount_cents}")
            )
        if total.available + total.committed + total.paid != envelope.amount_cents:
            problems.append(
                Mismatch(
                    name,
                    f"available {total.available} + committed {total.committed} + paid "
                    f"{total.paid} ≠ amount {envelope.amount_cents}",
                )
            )
        for pool, balances in pools.items():
            for account in (LedgerAccount.AVAILABLE, LedgerAccount.COMMITTED, LedgerAccount.PAID):
                if getattr(balances, account) < 0:
                    problems.append(
                        Mismatch(name, f"pool {pool or 'general'}: {account} balance negative")
                    )
        for kind, totals in decided.items():
            in_ledger = movements.get((envelope.pk, kind), 0)
            in_decisions = totals.get(envelope.pk, 0)
            if in_ledger != in_decisions:
                problems.append(
                    Mismatch(
                        name,
                        f"{kind}: ledger moved {in_ledger} but decisions total {in_decisions}",
                    )
                )
    orphans = [
        (
            Commitment,
            _decisions_without_one_transaction(
                Commitment, "commitment_id", MovementKind.COMMITMENT
            ),
        ),
        (Decommitment, _decisions_without_one_transaction(Decommitment, "decommitment_id")),
        (Disbursement, _decisions_without_one_transaction(Disbursement, "disbursement_id")),
    ]
    for model, pks in orphans:
        for pk in pks:
            problems.append(
                Mismatch("-", f"{model._meta.model_name} #{pk}: not exactly one ledger transaction")
            )
    used = defaultdict(int)
    for model in (Decommitment, Disbursement):
        for row in model.objects.values("commitment_id").annotate(total=Sum("amount_cents")):
            used[row["commitment_id"]] += row["total"]
    for commitment in Commitment.objects.filter(pk__in=used).select_related("envelope"):
        if used[commitment.pk] > commitment.amount_cents:
            problems.append(
                Mismatch(
                    commitment.envelope.name,
                    f"commitment #{commitment.pk}: {used[commitment.pk]} released or paid "
                    f"> {commitment.amount_cents} committed",
                )
            )
    return problems
