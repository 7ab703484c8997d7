"""International promotion actions paid from the promotion budget."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedModel
from frenchtech.funding.enums import PromotionState, SelectionCriterion
from frenchtech.funding.money import AmountField


class PromotionAction(AuditedModel):
    """An international event (e.g. a French Tech pavilion at a trade show)."""

    envelope = models.ForeignKey(
        "funding.Envelope", on_delete=models.PROTECT, related_name="promotion_actions"
    )
    name = models.CharField(_("action"), max_length=200)
    event = models.CharField(_("événement"), max_length=200)
    city = models.CharField(_("ville"), max_length=100)
    country = models.CharField(_("pays"), max_length=100)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    budget_cents = AmountField(_("budget (centimes)"))
    seats = models.PositiveSmallIntegerField(_("places de start-up"), default=10)
    outcomes = models.TextField(_("résultats"), blank=True)
    contacts_made = models.PositiveIntegerField(_("contacts d'affaires"), default=0)
    deals_signed = models.PositiveIntegerField(_("contrats ou accords signés"), default=0)
    press_mentions = models.PositiveIntegerField(_("retombées presse"), default=0)
    state = models.CharField(
        _("état"), max_length=20, choices=PromotionState.choices, default=PromotionState.PLANNED
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("action de promotion internationale")
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name


class PromotionCandidate(AuditedModel):
    """A start-up proposed for an action, from an ecosystem, scored on the selection criteria.

    The ecosystem is the consortium organisation; whether it carries the label is asked of
    the labels app (`frenchtech/funding/labelled.py`).
    """

    action = models.ForeignKey(PromotionAction, on_delete=models.CASCADE, related_name="candidates")
    startup_name = models.CharField(_("start-up"), max_length=200)
    startup_siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    consortium = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("écosystème"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "consortium"},
    )
    scores = models.JSONField(_("notes par critère (0 à 5)"), default=dict)
    total_score = models.PositiveSmallIntegerField(
        _("note totale"), default=0, validators=[MaxValueValidator(5 * len(SelectionCriterion))]
    )
    is_selected = models.BooleanField(_("retenue"), default=False)

    class Meta:
        verbose_name = _("candidature de start-up")
        ordering = ["action", "-total_score", "startup_name"]


class PromotionCost(AuditedModel):
    """A cost of an action (stand, travel, communication), paid from its commitment."""

    action = models.ForeignKey(PromotionAction, on_delete=models.CASCADE, related_name="costs")
    label = models.CharField(_("poste de dépense"), max_length=200)
    amount_cents = AmountField(_("montant (centimes)"))
    disbursement = models.OneToOneField(
        "funding.Disbursement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("dépense de promotion")
        ordering = ["action", "id"]
