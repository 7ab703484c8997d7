"""Open data: the funds' public summary, totals per envelope only."""

from ninja import Router

from frenchtech.api.schemas import FundingSummary
from frenchtech.funding import reporting

router = Router(tags=["funding"])


@router.get(
    "/summary",
    response=FundingSummary,
    summary="Public summary of the funds",
    description="What the public page shows: totals per envelope, no file, accelerator or "
    "amount per beneficiary. Amounts in euro cents.",
)
def summary(request):
    figures = reporting.public_summary()
    return {
        "currency": "EUR",
        "envelopes": [
            {
                "envelope": row.label,
                "amount_cents": row.amount_cents,
                "committed_cents": row.committed_cents,
                "paid_cents": row.paid_cents,
                "remaining_cents": row.remaining_cents,
                "private_levered_cents": row.private_levered_cents,
            }
            for row in figures.rows
        ],
        "committed_cents": sum(row.committed_cents for row in figures.rows),
        "paid_cents": sum(row.paid_cents for row in figures.rows),
        "private_levered_cents": sum(row.private_levered_cents for row in figures.rows),
        "investments_committed": figures.investments_committed,
    }
