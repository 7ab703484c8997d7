"""The double-entry ledger: append-only transactions, each made of balanced entries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frenchtech.core.append_only import AppendOnlyModel
from frenchtech.funding.enums import LedgerAccount, MovementKind, Side
from frenchtech.funding.money import AmountField


class LedgerTransaction(AppendOnlyModel):
    """One movement of money, traced to the decision that caused it."""

    kind = models.CharField(_("mouvement"), max_length=20, choices=MovementKind.choices)
    envelope = models.ForeignKey(
        "funding.Envelope", on_delete=models.PROTECT, related_name="ledger_transactions"
    )
    sub_allocation = models.ForeignKey(
        "funding.SubAllocation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    commitment = models.ForeignKey(
        "funding.Commitment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_transactions",
    )
    decommitment = models.OneToOneField(
        "funding.Decommitment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    disbursement = models.OneToOneField(
        "funding.Disbursement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    memo = models.CharField(_("libellé"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("date"))

    class Meta:
        verbose_name = _("écriture comptable")
        ordering = ["id"]

    def __str__(self):
        return f"#{self.pk} {self.get_kind_display()} — {self.memo}"


class LedgerEntry(AppendOnlyModel):
    """One line of a transaction: an amount debited or credited to an account of a pool.

    A pool is the envelope's general pool (`sub_allocation` empty) or one sub-allocation.
    """

    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    envelope = models.ForeignKey(
        "funding.Envelope", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    sub_allocation = models.ForeignKey(
        "funding.SubAllocation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    account = models.CharField(_("compte"), max_length=20, choices=LedgerAccount.choices)
    side = models.CharField(_("sens"), max_length=6, choices=Side.choices)
    amount_cents = AmountField(_("montant (centimes d'euro)"))

    class Meta:
        verbose_name = _("ligne d'écriture")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="funding_entry_amount_positive"
            )
        ]
        indexes = [models.Index(fields=["envelope", "sub_allocation", "account"])]
