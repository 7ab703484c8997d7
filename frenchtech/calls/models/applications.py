"""An application by a consortium, its sections, and the frozen versions it submitted."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.calls.enums import EDITABLE_STATES, ApplicationState
from frenchtech.calls.sections import SECTIONS_BY_KEY
from frenchtech.core.append_only import AppendOnlyModel
from frenchtech.core.audited import AuditedModel


class Application(AuditedModel):
    call = models.ForeignKey("calls.Call", on_delete=models.PROTECT, related_name="applications")
    consortium = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="applications"
    )
    state = models.CharField(
        _("état"), max_length=40, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    mission_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact à la Mission"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="followed_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    state_changed_at = models.DateTimeField(_("état depuis le"), default=timezone.now)
    first_submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True)

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "consortium"], name="one_application_per_consortium_and_call"
            )
        ]

    def __str__(self):
        return f"{self.consortium} — {self.call}"

    def get_absolute_url(self):
        return reverse("calls:application", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class Section(AuditedModel):
    """One part of an application; `version` grows by one on every save (optimistic lock)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(
        _("section"), max_length=40, choices=[(k, s.title) for k, s in SECTIONS_BY_KEY.items()]
    )
    data = models.JSONField(default=dict)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("section")
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "key"], name="one_section_per_key")
        ]

    def __str__(self):
        return f"{self.application} — {self.definition.title}"

    @property
    def definition(self):
        return SECTIONS_BY_KEY[self.key]


class ApplicationVersion(AppendOnlyModel):
    """What was submitted, frozen: a JSON snapshot and its sha256 fingerprint. Never changed."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()
    fingerprint = models.CharField(_("empreinte SHA-256"), max_length=64)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("déposée le"))

    class Meta:
        verbose_name = _("version déposée")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="one_version_number")
        ]

    def __str__(self):
        return f"{self.application} v{self.number}"
