"""Refusals of funding actions: each carries a French message shown as is to the user."""


class FundingRefused(Exception):
    """A write action was refused; `str(error)` is the message for the user."""


class OverCommitment(FundingRefused):
    """Committing this amount would take the pool beyond what is left of its envelope."""
