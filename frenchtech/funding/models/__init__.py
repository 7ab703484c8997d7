from frenchtech.funding.models.decisions import Commitment, Decommitment, Disbursement
from frenchtech.funding.models.envelopes import Envelope, SubAllocation
from frenchtech.funding.models.investments import (
    CoInvestor,
    DueDiligenceItem,
    EquityDecision,
    InvestmentFile,
    PortfolioReport,
    Tranche,
)
from frenchtech.funding.models.ledger_entries import LedgerEntry, LedgerTransaction
from frenchtech.funding.models.promotion import PromotionAction, PromotionCandidate, PromotionCost
from frenchtech.funding.models.registry import RegistryCompany

__all__ = [
    "CoInvestor",
    "Commitment",
    "Decommitment",
    "Disbursement",
    "DueDiligenceItem",
    "Envelope",
    "EquityDecision",
    "InvestmentFile",
    "LedgerEntry",
    "LedgerTransaction",
    "PortfolioReport",
    "PromotionAction",
    "PromotionCandidate",
    "PromotionCost",
    "RegistryCompany",
    "SubAllocation",
    "Tranche",
]
