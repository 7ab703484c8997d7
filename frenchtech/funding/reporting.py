"""Committed, paid, remaining and private money levered: per envelope, ecosystem and partner.

Every figure is derived from the ledger (money) and from co-investors of files whose
funds are committed (private money levered); nothing is stored.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _

from frenchtech.funding import ledger
from frenchtech.funding.enums import InvestmentFileState
from frenchtech.funding.models import CoInvestor, Envelope

# Files whose private co-investment counts as levered: the public money is committed.
LEVERED_STATES = (
    InvestmentFileState.COMMITTED,
    InvestmentFileState.PORTFOLIO,
    InvestmentFileState.EXITED,
)


@dataclass(frozen=True)
class ReportRow:
    label: str
    amount_cents: int | None  # the envelope's amount; None where it has no meaning
    committed_cents: int  # promised, paid or not, net of de-commitments
    paid_cents: int
    remaining_cents: int | None  # still available to commit
    private_levered_cents: int


def _levered_by(field: str) -> dict:
    rows = (
        CoInvestor.objects.filter(investment_file__state__in=LEVERED_STATES)
        .values(field)
        .annotate(total=Sum("amount_cents"))
    )
    return {row[field]: row["total"] for row in rows}


def by_envelope() -> list[ReportRow]:
    envelopes = list(Envelope.objects.order_by("kind", "name"))
    balances = ledger.balances_by_envelope(envelopes)
    levered = _levered_by("investment_file__envelope_id")
    rows = []
    for envelope in envelopes:
        found = balances.get(envelope.pk, ledger.Balances())
        rows.append(
            ReportRow(
                envelope.name,
                envelope.amount_cents,
                found.committed_total,
                found.paid,
                found.available,
                levered.get(envelope.pk, 0),
            )
        )
    return rows


def by_consortium() -> list[ReportRow]:
    field = "transaction__commitment__investment_file__consortium__name"
    balances = ledger.balances_grouped_by(field)
    levered = _levered_by("investment_file__consortium__name")
    rows = []
    # Entries of no ecosystem (endowments, reservations, promotion) are left out.
    for name in sorted((set(balances) | set(levered)) - {None}):
        found = balances.get(name, ledger.Balances())
        rows.append(
            ReportRow(name, None, found.committed_total, found.paid, None, levered.get(name, 0))
        )
    return rows


def by_partner() -> list[ReportRow]:
    balances = ledger.balances_grouped_by("envelope__manager__name")
    levered = _levered_by("investment_file__envelope__manager__name")
    amounts = defaultdict(int)
    for name, amount in Envelope.objects.values_list("manager__name", "amount_cents"):
        amounts[name] += amount
    rows = []
    for name in sorted(balances, key=lambda n: (n is None, n or "")):
        found = balances[name]
        rows.append(
            ReportRow(
                name or _("(sans gestionnaire)"),
                amounts.get(name),
                found.committed_total,
                found.paid,
                found.available,
                levered.get(name, 0),
            )
        )
    return rows


@dataclass(frozen=True)
class PublicFigures:
    """What anyone may see: totals only, no file, accelerator or amount per beneficiary."""

    rows: list[ReportRow]
    investments_committed: int


def public_summary() -> PublicFigures:
    from frenchtech.funding.models import InvestmentFile

    return PublicFigures(
        rows=by_envelope(),
        investments_committed=InvestmentFile.objects.filter(state__in=LEVERED_STATES).count(),
    )
