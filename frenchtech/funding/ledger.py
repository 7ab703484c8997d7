"""Posting to the double-entry ledger and reading balances back from it.

Every pool (an envelope's general pool, or one of its sub-allocations) has four accounts,
debit-normal except the endowment:

    endowment   credited once with the envelope's amount (its source)
    available   what can still be committed
    committed   promised and not yet paid
    paid        paid out

Postings (debit / credit):
    endowment      available[general]   / endowment[general]
    reservation    available[sub]       / available[general]
    commitment     committed[pool]      / available[pool]
    de-commitment  available[pool]      / committed[pool]
    payment        paid[pool]           / committed[pool]

So available + committed + paid = the envelope's amount, always. Balances are only ever
derived from entries; nothing stores them. Callers hold the envelope row lock (see
`lock_envelope`) before reading a balance they are about to spend.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Case, F, Sum, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from frenchtech.funding.enums import LedgerAccount, MovementKind, Side
from frenchtech.funding.models import Envelope, LedgerEntry, LedgerTransaction

GENERAL_POOL = None


@dataclass(frozen=True)
class Balances:
    endowment: int = 0
    available: int = 0
    committed: int = 0
    paid: int = 0

    @property
    def committed_total(self) -> int:
        """Promised so far, paid or not (net of de-commitments)."""
        return self.committed + self.paid

    def __add__(self, other: "Balances") -> "Balances":
        return Balances(
            self.endowment + other.endowment,
            self.available + other.available,
            self.committed + other.committed,
            self.paid + other.paid,
        )


def _signed_amount():
    return Case(When(side=Side.DEBIT, then=F("amount_cents")), default=-F("amount_cents"))


def _balances_from_rows(rows) -> Balances:
    values = {account: 0 for account in LedgerAccount.values}
    for row in rows:
        values[row["account"]] += row["balance"]
    # The endowment is credit-normal: show it as a positive amount.
    return Balances(
        endowment=-values[LedgerAccount.ENDOWMENT],
        available=values[LedgerAccount.AVAILABLE],
        committed=values[LedgerAccount.COMMITTED],
        paid=values[LedgerAccount.PAID],
    )


def _grouped(entries, *fields):
    return entries.values(*fields).annotate(balance=Coalesce(Sum(_signed_amount()), 0))


def envelope_balances(envelope) -> Balances:
    """All pools of the envelope together."""
    return _balances_from_rows(_grouped(LedgerEntry.objects.filter(envelope=envelope), "account"))


def pool_balances(envelope, sub_allocation=GENERAL_POOL) -> Balances:
    entries = LedgerEntry.objects.filter(envelope=envelope, sub_allocation=sub_allocation)
    return _balances_from_rows(_grouped(entries, "account"))


def balances_grouped_by(field: str, entries=None) -> dict:
    """{value of `field` (a lookup path from LedgerEntry): Balances}, in one query."""
    rows = defaultdict(list)
    entries = LedgerEntry.objects.all() if entries is None else entries
    for row in _grouped(entries, field, "account"):
        rows[row[field]].append(row)
    return {key: _balances_from_rows(found) for key, found in rows.items()}


def balances_by_envelope(envelopes=None) -> dict[int, Balances]:
    entries = LedgerEntry.objects.all()
    if envelopes is not None:
        entries = entries.filter(envelope__in=envelopes)
    return balances_grouped_by("envelope_id", entries)


def balances_by_pool(envelope) -> dict[int | None, Balances]:
    return balances_grouped_by("sub_allocation_id", LedgerEntry.objects.filter(envelope=envelope))


def commitment_outstanding(commitment) -> int:
    """What is still promised and unpaid on one commitment, from its own entries."""
    entries = LedgerEntry.objects.filter(
        transaction__commitment=commitment, account=LedgerAccount.COMMITTED
    )
    return entries.aggregate(total=Coalesce(Sum(_signed_amount()), 0))["total"]


def lock_envelope(envelope_id) -> Envelope:
    """Take the envelope's row lock for the rest of the transaction.

    PostgreSQL: SELECT … FOR UPDATE queues concurrent spenders of the same envelope.
    SQLite ignores FOR UPDATE, but the project opens every transaction with BEGIN
    IMMEDIATE, which already lets a single writer in at a time.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_envelope() must run inside transaction.atomic()")
    return Envelope.objects.select_for_update().get(pk=envelope_id)


@dataclass(frozen=True)
class Line:
    account: str
    side: str
    amount_cents: int
    sub_allocation: object = GENERAL_POOL


def post(kind, envelope, lines: list[Line], *, memo: str, actor=None, **links) -> LedgerTransaction:
    """Write one balanced transaction; refuses unbalanced or non-positive lines."""
    if any(line.amount_cents <= 0 for line in lines):
        raise ValueError("ledger lines carry positive amounts")
    debit_cents = sum(line.amount_cents for line in lines if line.side == Side.DEBIT)
    credit_cents = sum(line.amount_cents for line in lines if line.side == Side.CREDIT)
    if debit_cents != credit_cents:
        raise ValueError(f"unbalanced transaction: debits {debit_cents} ≠ credits {credit_cents}")
    with transaction.atomic():
        entry = LedgerTransaction.objects.create(
            kind=kind,
            envelope=envelope,
            memo=memo[:300],
            actor=actor,
            created_at=timezone.now(),
            **links,
        )
        LedgerEntry.objects.bulk_create(
            LedgerEntry(
                transaction=entry,
                envelope=envelope,
                sub_allocation=line.sub_allocation,
                account=line.account,
                side=line.side,
                amount_cents=line.amount_cents,
            )
            for line in lines
        )
    return entry


def _move(debit_account, credit_account, amount, pool, debit_pool=..., credit_pool=...):
    return [
        Line(debit_account, Side.DEBIT, amount, pool if debit_pool is ... else debit_pool),
        Line(credit_account, Side.CREDIT, amount, pool if credit_pool is ... else credit_pool),
    ]


def post_endowment(envelope, *, actor=None) -> LedgerTransaction:
    lines = _move(LedgerAccount.AVAILABLE, LedgerAccount.ENDOWMENT, envelope.amount_cents, None)
    return post(
        MovementKind.ENDOWMENT, envelope, lines, memo=f"Dotation : {envelope.name}", actor=actor
    )


def post_reservation(sub_allocation, *, actor=None) -> LedgerTransaction:
    lines = _move(
        LedgerAccount.AVAILABLE,
        LedgerAccount.AVAILABLE,
        sub_allocation.amount_cents,
        None,
        debit_pool=sub_allocation,
        credit_pool=GENERAL_POOL,
    )
    return post(
        MovementKind.RESERVATION,
        sub_allocation.envelope,
        lines,
        memo=f"Réservation : {sub_allocation.name}",
        actor=actor,
        sub_allocation=sub_allocation,
    )


def post_commitment(commitment, *, actor=None) -> LedgerTransaction:
    lines = _move(
        LedgerAccount.COMMITTED,
        LedgerAccount.AVAILABLE,
        commitment.amount_cents,
        commitment.sub_allocation,
    )
    return post(
        MovementKind.COMMITMENT,
        commitment.envelope,
        lines,
        memo=commitment.memo,
        actor=actor,
        commitment=commitment,
        sub_allocation=commitment.sub_allocation,
    )


def post_decommitment(decommitment, *, actor=None) -> LedgerTransaction:
    commitment = decommitment.commitment
    lines = _move(
        LedgerAccount.AVAILABLE,
        LedgerAccount.COMMITTED,
        decommitment.amount_cents,
        commitment.sub_allocation,
    )
    return post(
        MovementKind.DECOMMITMENT,
        commitment.envelope,
        lines,
        memo=f"Désengagement : {decommitment.reason}",
        actor=actor,
        commitment=commitment,
        decommitment=decommitment,
        sub_allocation=commitment.sub_allocation,
    )


def post_payment(disbursement, *, actor=None) -> LedgerTransaction:
    commitment = disbursement.commitment
    lines = _move(
        LedgerAccount.PAID,
        LedgerAccount.COMMITTED,
        disbursement.amount_cents,
        commitment.sub_allocation,
    )
    return post(
        MovementKind.PAYMENT,
        commitment.envelope,
        lines,
        memo=f"Versement : {disbursement.label}",
        actor=actor,
        commitment=commitment,
        disbursement=disbursement,
        sub_allocation=commitment.sub_allocation,
    )
