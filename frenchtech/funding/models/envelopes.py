"""Envelopes of public money and their optional reserved shares (sub-allocations)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedModel, AuditedQuerySet
from frenchtech.funding.enums import EnvelopeKind
from frenchtech.funding.money import AmountField

# A fund co-invests alongside private money: by default private investors bring at least
# half of every round (1 € public for 1 € private). Set per envelope.
DEFAULT_MIN_PRIVATE_SHARE_PERCENT = 50


class EnvelopeQuerySet(AuditedQuerySet):
    def open_on(self, day):
        """Envelopes whose validity period contains `day`."""
        return self.filter(valid_from__lte=day, valid_until__gte=day)


class Envelope(AuditedModel):
    """An amount of public money (integer cents of EUR), valid over a period.

    Its amount is endowed once in the ledger at creation; balances are never stored here,
    they are derived from the ledger (see ledger.balances()).
    """

    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("nature"), max_length=20, choices=EnvelopeKind.choices)
    amount_cents = AmountField(_("montant (centimes d'euro)"))
    currency = models.CharField(_("devise"), max_length=3, default="EUR", editable=False)
    valid_from = models.DateField(_("début de validité"))
    valid_until = models.DateField(_("fin de validité"))
    manager = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("gestionnaire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="managed_envelopes",
    )
    min_private_share_percent = models.PositiveSmallIntegerField(
        _("part privée minimale d'un tour (%)"), default=DEFAULT_MIN_PRIVATE_SHARE_PERCENT
    )
    is_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)

    objects = EnvelopeQuerySet.as_manager()

    class Meta:
        verbose_name = _("enveloppe")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(currency="EUR"), name="funding_envelope_in_euros"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="funding_envelope_period_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(min_private_share_percent__lte=100),
                name="funding_envelope_private_share_percent",
            ),
        ]

    def __str__(self):
        return self.name

    def is_open_on(self, day) -> bool:
        return self.valid_from <= day <= self.valid_until


class SubAllocation(AuditedModel):
    """A share of an envelope reserved for one purpose (e.g. labelled ecosystems).

    Its amount is moved from the envelope's general pool into its own pool by a ledger
    reservation; commitments made on it can only use that pool, and the others cannot.
    """

    envelope = models.ForeignKey(Envelope, on_delete=models.PROTECT, related_name="sub_allocations")
    name = models.CharField(_("nom"), max_length=200)
    amount_cents = AmountField(_("montant réservé (centimes d'euro)"))
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("sous-enveloppe")
        ordering = ["envelope", "name"]
        constraints = [
            models.UniqueConstraint(fields=["envelope", "name"], name="funding_one_sub_name")
        ]

    def __str__(self):
        return f"{self.envelope} — {self.name}"
