"""A call's evaluation model: the scoring engine's JSON model and where each criterion's
value comes from (an observatory indicator, or the committee's average review score)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedModel


class EvaluationModel(AuditedModel):
    call = models.OneToOneField(
        "calls.Call", on_delete=models.CASCADE, related_name="evaluation_model"
    )
    preset = models.CharField(_("modèle de départ"), max_length=100, blank=True)
    # Validated by frenchtech.scoring.model.parse_model before it is stored.
    definition = models.JSONField(_("modèle (JSON)"))
    # {model criterion id: call criterion number} for the criteria scored by the committee;
    # every other criterion id is an observatory indicator of the consortium's EPCI.
    review_sources = models.JSONField(default=dict, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("modèle d'évaluation")

    def __str__(self):
        return f"{self.call} — {self.preset or 'custom'}"
