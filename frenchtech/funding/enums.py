"""Funding enumerations: English slugs stored, French labels shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnvelopeKind(models.TextChoices):
    ACCELERATION = "acceleration", _("Fonds d'accélération (200 M€)")
    PROMOTION = "promotion", _("Promotion internationale (15 M€)")


class LedgerAccount(models.TextChoices):
    """The four accounts of every envelope pool (see ledger.py for the postings)."""

    ENDOWMENT = "endowment", _("Dotation")
    AVAILABLE = "available", _("Disponible")
    COMMITTED = "committed", _("Engagé non versé")
    PAID = "paid", _("Versé")


class Side(models.TextChoices):
    DEBIT = "debit", _("Débit")
    CREDIT = "credit", _("Crédit")


class MovementKind(models.TextChoices):
    ENDOWMENT = "endowment", _("Dotation de l'enveloppe")
    RESERVATION = "reservation", _("Réservation d'une sous-enveloppe")
    COMMITMENT = "commitment", _("Engagement")
    DECOMMITMENT = "decommitment", _("Désengagement")
    PAYMENT = "payment", _("Versement")


class InvestmentFileState(models.TextChoices):
    EXPRESSION_OF_INTEREST = "expression_of_interest", _("Manifestation d'intérêt")
    DUE_DILIGENCE = "due_diligence", _("Audit préalable")
    INVESTMENT_COMMITTEE = "investment_committee", _("Comité d'investissement")
    APPROVED = "approved", _("Investissement décidé")
    COMMITTED = "committed", _("Fonds engagés")
    PORTFOLIO = "portfolio", _("En portefeuille")
    EXITED = "exited", _("Sortie du capital")
    REJECTED = "rejected", _("Refusé")
    WITHDRAWN = "withdrawn", _("Retiré")


class TrancheState(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    CONDITIONS_MET = "conditions_met", _("Conditions remplies")
    PAID = "paid", _("Versée")


class PromotionState(models.TextChoices):
    PLANNED = "planned", _("En préparation")
    COMMITTED = "committed", _("Budget engagé")
    DONE = "done", _("Réalisée")
    CANCELLED = "cancelled", _("Annulée")


class SelectionCriterion(models.TextChoices):
    """Scored 0 to 5 for each start-up candidate to a promotion action."""

    INNOVATION = "innovation", _("Caractère innovant")
    INTERNATIONAL_READINESS = "international_readiness", _("Préparation à l'international")
    TRACTION = "traction", _("Traction (clients, chiffre d'affaires)")
    TEAM = "team", _("Équipe")
