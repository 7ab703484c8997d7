"""Investment files: an accelerator's request, due diligence, equity decision and follow-up."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedModel
from frenchtech.funding.enums import InvestmentFileState, TrancheState
from frenchtech.funding.money import AmountField


class InvestmentFile(AuditedModel):
    """An accelerator's request to the acceleration fund, followed from interest to exit."""

    accelerator = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("accélérateur"),
        on_delete=models.PROTECT,
        related_name="investment_files",
        limit_choices_to={"kind": "accelerator"},
    )
    programme_name = models.CharField(_("programme d'accélération"), max_length=200)
    description = models.TextField(_("présentation du programme"), blank=True)
    # The ecosystem is the consortium organisation, as a label's `consortium` is.
    consortium = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("écosystème"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_investment_files",
        limit_choices_to={"kind": "consortium"},
    )
    envelope = models.ForeignKey(
        "funding.Envelope",
        verbose_name=_("enveloppe"),
        on_delete=models.PROTECT,
        related_name="investment_files",
    )
    sub_allocation = models.ForeignKey(
        "funding.SubAllocation",
        verbose_name=_("sous-enveloppe"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_files",
    )
    requested_amount_cents = AmountField(_("montant demandé (centimes)"))
    declared_private_cents = AmountField(_("apport privé annoncé (centimes)"), default=0)
    # The investment committee's overall mark, used by the allocation simulator.
    committee_score = models.PositiveSmallIntegerField(
        _("note du comité (sur 100)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    # Set by the exit step: what the sale of the stake brought back (integer cents).
    exit_proceeds_cents = AmountField(_("produit de cession (centimes)"), null=True, blank=True)
    state = models.CharField(
        _("état"),
        max_length=30,
        choices=InvestmentFileState.choices,
        default=InvestmentFileState.EXPRESSION_OF_INTEREST,
    )
    created_at = models.DateTimeField(_("déposé le"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("dossier d'investissement")
        verbose_name_plural = _("dossiers d'investissement")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.accelerator} — {self.programme_name}"


class DueDiligenceItem(AuditedModel):
    # A FieldFile is not JSON: the audit row keeps the checklist state, the file stays in storage.
    AUDIT_EXCLUDE = ("document",)

    investment_file = models.ForeignKey(
        InvestmentFile, on_delete=models.CASCADE, related_name="checklist"
    )
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("point de contrôle"), max_length=200)
    is_done = models.BooleanField(_("vérifié"), default=False)
    document = models.FileField(
        _("pièce justificative"), upload_to="funding/due_diligence/", blank=True
    )
    note = models.CharField(_("observation"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("point d'audit préalable")
        ordering = ["position", "id"]


class EquityDecision(AuditedModel):
    """The investment committee's decision: a minority equity stake alongside private money."""

    investment_file = models.OneToOneField(
        InvestmentFile, on_delete=models.PROTECT, related_name="decision"
    )
    amount_cents = AmountField(_("montant investi (centimes)"))
    stake_percent = models.DecimalField(
        _("part du capital (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("49.99"))],
    )
    board_seat = models.BooleanField(_("siège au conseil d'administration"), default=False)
    notes = models.TextField(_("motivation"), blank=True)
    decided_at = models.DateTimeField(_("décidé le"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("décision d'investissement")
        constraints = [
            # Minority stake: strictly under half of the capital.
            models.CheckConstraint(
                condition=models.Q(stake_percent__gt=0, stake_percent__lt=50),
                name="funding_minority_stake",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="funding_decision_positive"
            ),
        ]


class CoInvestor(AuditedModel):
    """A private investor in the same round."""

    investment_file = models.ForeignKey(
        InvestmentFile, on_delete=models.CASCADE, related_name="co_investors"
    )
    name = models.CharField(_("investisseur privé"), max_length=200)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    amount_cents = AmountField(_("montant (centimes)"))

    class Meta:
        verbose_name = _("co-investisseur privé")
        ordering = ["id"]


class Tranche(AuditedModel):
    """A planned disbursement, paid only once its milestone is met and its report received."""

    investment_file = models.ForeignKey(
        InvestmentFile, on_delete=models.CASCADE, related_name="tranches"
    )
    position = models.PositiveSmallIntegerField(_("rang"))
    amount_cents = AmountField(_("montant (centimes)"))
    milestone = models.CharField(_("jalon"), max_length=300)
    report_note = models.TextField(_("compte rendu reçu"), blank=True)
    conditions_met_at = models.DateTimeField(_("conditions constatées le"), null=True, blank=True)
    state = models.CharField(
        _("état"), max_length=20, choices=TrancheState.choices, default=TrancheState.PLANNED
    )
    disbursement = models.OneToOneField(
        "funding.Disbursement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("tranche")
        ordering = ["investment_file", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["investment_file", "position"], name="funding_one_tranche_per_rank"
            ),
            models.CheckConstraint(
                condition=models.Q(amount_cents__gt=0), name="funding_tranche_positive"
            ),
        ]


class PortfolioReport(AuditedModel):
    """The yearly follow-up of an accelerator in the portfolio."""

    investment_file = models.ForeignKey(
        InvestmentFile, on_delete=models.CASCADE, related_name="portfolio_reports"
    )
    year = models.PositiveSmallIntegerField(_("année"))
    cohorts = models.PositiveSmallIntegerField(_("promotions accompagnées"), default=0)
    startups_accelerated = models.PositiveIntegerField(_("start-up accélérées"), default=0)
    exits = models.PositiveIntegerField(_("sorties (cessions, introductions)"), default=0)
    stake_value_cents = AmountField(_("valeur de la participation (centimes)"))
    note = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("suivi de portefeuille")
        ordering = ["investment_file", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["investment_file", "year"], name="funding_one_report_per_year"
            )
        ]
