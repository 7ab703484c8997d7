"""The decisions the ledger must match: commitments, de-commitments and disbursements.

They are written once (audited) and never changed: a mistake is corrected by a
de-commitment, never by editing the commitment.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedAppendOnlyModel
from frenchtech.funding.money import AmountField


class WrittenOnceModel(AuditedAppendOnlyModel):
    """A decision: written once, audited, never changed."""

    class Meta:
        abstract = True


class Commitment(WrittenOnceModel):
    """Money of an envelope pool promised to an investment file or a promotion action."""

    envelope = models.ForeignKey(
        "funding.Envelope", on_delete=models.PROTECT, related_name="commitments"
    )
    sub_allocation = models.ForeignKey(
        "funding.SubAllocation",
        verbose_name=_("sous-enveloppe"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    amount_cents = AmountField(_("montant engagé (centimes d'euro)"))
    investment_file = models.ForeignKey(
        "funding.InvestmentFile",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    promotion_action = models.ForeignKey(
        "funding.PromotionAction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    memo = models.CharField(_("libellé"), max_length=300)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("engagement")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="funding_commitment_positive"
            )
        ]

    def __str__(self):
        return self.memo


class Decommitment(WrittenOnceModel):
    """Part of a commitment released back to its pool (cancelled or reduced investment)."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="decommitments"
    )
    amount_cents = AmountField(_("montant désengagé (centimes d'euro)"))
    reason = models.CharField(_("motif"), max_length=300)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("désengagement")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="funding_decommitment_positive"
            )
        ]


class Disbursement(WrittenOnceModel):
    """Money actually paid out of a commitment (a tranche, a promotion cost)."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, related_name="disbursements"
    )
    amount_cents = AmountField(_("montant versé (centimes d'euro)"))
    label = models.CharField(_("libellé"), max_length=300)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("versement")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="funding_disbursement_positive"
            )
        ]
