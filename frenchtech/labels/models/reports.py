"""Yearly reports of labelled ecosystems, and the audit that ends the experimentation."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedAppendOnlyModel, AuditedModel
from frenchtech.labels.enums import AuditOutcome, MilestoneStatus, ReportState


class YearlyReport(AuditedModel):
    label = models.ForeignKey(
        "labels.Label", on_delete=models.PROTECT, related_name="yearly_reports"
    )
    year = models.PositiveSmallIntegerField(_("année"))
    state = models.CharField(
        _("état"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    strategy_summary = models.TextField(_("bilan de la stratégie"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("examiné le"), null=True, blank=True)
    review_comment = models.TextField(_("avis de la Mission"), blank=True)

    class Meta:
        verbose_name = _("rapport annuel")
        verbose_name_plural = _("rapports annuels")
        ordering = ["label", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["label", "year"], name="one_report_per_label_and_year")
        ]

    def __str__(self):
        return f"{self.label.consortium} — {self.year}"

    def get_absolute_url(self):
        return reverse("labels:report", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)


class Milestone(AuditedModel):
    """A milestone of the ecosystem's strategy and where it stands this year."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("jalon"), max_length=300)
    status = models.CharField(_("avancement"), max_length=20, choices=MilestoneStatus.choices)
    comment = models.TextField(_("commentaire"), blank=True)

    class Meta:
        verbose_name = _("jalon")
        ordering = ["report", "position", "id"]

    def __str__(self):
        return self.title


class ReportFigure(AuditedModel):
    """A figure of the report: the observatory's value (frozen when the report was opened,
    with its source and date) and, when the ecosystem disagrees, its own value with a
    justification. Both are kept."""

    report = models.ForeignKey(YearlyReport, on_delete=models.CASCADE, related_name="figures")
    indicator = models.CharField(_("indicateur"), max_length=60)
    observatory_value = models.FloatField(_("valeur de l'observatoire"), null=True, blank=True)
    observatory_year = models.PositiveSmallIntegerField(_("année"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_date = models.CharField(_("date de la source"), max_length=10, blank=True)
    declared_value = models.FloatField(_("valeur déclarée"), null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)

    class Meta:
        verbose_name = _("chiffre du rapport")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "indicator"], name="one_figure_per_report_and_indicator"
            ),
            models.CheckConstraint(
                condition=models.Q(declared_value__isnull=True) | ~models.Q(justification=""),
                name="declared_figure_is_justified",
            ),
        ]

    def __str__(self):
        return f"{self.report} — {self.indicator}"


class LabelAudit(AuditedAppendOnlyModel):
    """The audit after the experimentation year: its outcome moves the label. Never changed."""

    label = models.OneToOneField("labels.Label", on_delete=models.PROTECT, related_name="audit")
    report = models.ForeignKey(
        YearlyReport, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(_("conclusion"), max_length=20, choices=AuditOutcome.choices)
    reasons = models.TextField(_("motifs"))
    public_reason = models.TextField(_("motif public"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateField(_("date de l'audit"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("audit du label")

    def __str__(self):
        return f"{self.label} — {self.get_outcome_display()}"
