"""A label granted to an ecosystem (consortium and its EPCI), and its public history."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedAppendOnlyModel, AuditedModel
from frenchtech.labels.enums import LIVE_STATUSES, EventKind, LabelStatus


class Label(AuditedModel):
    consortium = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("écosystème (consortium)"),
        on_delete=models.PROTECT,
        related_name="labels",
    )
    # Copied from the consortium at grant time: the label belongs to that territory even if
    # the consortium's territory is later changed.
    epci = models.ForeignKey(
        "territories.Epci", verbose_name=_("EPCI"), on_delete=models.PROTECT, related_name="labels"
    )
    # Null for labels granted before the platform existed (recorded by the Mission).
    application = models.OneToOneField(
        "calls.Application",
        verbose_name=_("candidature"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="label",
    )
    # The State's decision that granted it; null for labels decided outside the platform.
    decision = models.OneToOneField(
        "committee.Decision",
        verbose_name=_("décision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="label",
    )
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=LabelStatus.choices,
        default=LabelStatus.EXPERIMENTATION,
    )
    # Where a reinstatement returns to.
    status_before_suspension = models.CharField(
        max_length=20, choices=LabelStatus.choices, blank=True
    )
    granted_at = models.DateField(_("attribué le"))
    experimentation_ends_at = models.DateField(_("fin de l'expérimentation"))
    confirmed_at = models.DateField(_("confirmé le"), null=True, blank=True)
    ends_at = models.DateField(_("échéance"))
    ended_at = models.DateField(_("terminé le"), null=True, blank=True)
    # Renewal hook: the label this one continues, and the relabelling application filed
    # while this one was live (see docs/labels.md).
    renews = models.OneToOneField(
        "self",
        verbose_name=_("renouvelle le label"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewed_by",
    )
    renewal_application = models.ForeignKey(
        "calls.Application",
        verbose_name=_("candidature de relabellisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["epci__name", "-granted_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("granted_at")),
                name="label_ends_after_its_grant",
            ),
        ]

    def __str__(self):
        return f"{self.consortium} — {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("labels:detail", args=[self.pk])

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


class LabelEvent(AuditedAppendOnlyModel):
    """One line of a label's public history: what happened, on which date, and why."""

    label = models.ForeignKey(Label, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("événement"), max_length=20, choices=EventKind.choices)
    occurred_at = models.DateField(_("date"))
    public_reason = models.TextField(_("motif public"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("événement du label")
        ordering = ["occurred_at", "id"]

    def __str__(self):
        return f"{self.label_id} {self.occurred_at} {self.kind}"
