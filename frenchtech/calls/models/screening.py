"""The Mission's work on an application: screening, corrections, co-construction, visits."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.calls.enums import CorrectionKind, EligibilityVerdict
from frenchtech.calls.sections import SECTIONS_BY_KEY
from frenchtech.core.audited import AuditedModel


class EligibilityCheck(AuditedModel):
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="eligibility_checks"
    )
    verdict = models.CharField(_("avis"), max_length=20, choices=EligibilityVerdict.choices)
    complete = models.BooleanField(_("dossier complet"))
    notes = models.TextField(_("observations"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("examen de recevabilité")
        ordering = ["checked_at", "id"]


class CorrectionRequest(AuditedModel):
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="correction_requests"
    )
    kind = models.CharField(_("nature"), max_length=20, choices=CorrectionKind.choices)
    section_key = models.CharField(_("section concernée"), max_length=40, blank=True)
    message = models.TextField(_("message"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("demande de correction")
        ordering = ["requested_at", "id"]

    @property
    def section_title(self) -> str:
        """The section's title as the dossier shows it (never its key)."""
        section = SECTIONS_BY_KEY.get(self.section_key)
        return str(section.title) if section is not None else ""


class CoConstructionRound(AuditedModel):
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveIntegerField(_("tour"))
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tour de co-construction")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="one_round_number")
        ]


class CoConstructionMessage(AuditedModel):
    round = models.ForeignKey(
        CoConstructionRound, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("message de co-construction")
        ordering = ["created_at", "id"]


class SiteVisit(AuditedModel):
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="site_visits"
    )
    scheduled_for = models.DateTimeField(_("date de la visite"))
    location = models.CharField(_("lieu"), max_length=200)
    report = models.TextField(_("compte rendu"), blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("visite sur site")
        ordering = ["scheduled_for", "id"]
