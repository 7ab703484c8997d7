"""The audit log: one append-only, hash-chained row per write action."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frenchtech.core.append_only import AppendOnlyError, AppendOnlyModel

__all__ = ["AppendOnlyError", "AuditEntry", "SubmittedForm", "TransitionLogEntry"]


class AuditEntry(AppendOnlyModel):
    """Who did what, when, with the object's state before and after.

    Each row carries the hash of the previous one (`previous_hash`) and its own
    (`entry_hash`), so changing or deleting a stored row breaks the chain, which
    `manage.py verify_audit_log` detects.
    """

    created_at = models.DateTimeField(_("date"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the row stays meaningful if the account is later deleted.
    actor_label = models.CharField(_("auteur (libellé)"), max_length=254)
    action = models.CharField(_("action"), max_length=200)
    object_type = models.CharField(_("type d'objet"), max_length=100)
    object_id = models.CharField(_("identifiant de l'objet"), max_length=64, blank=True)
    before = models.JSONField(_("avant"), null=True, blank=True)
    after = models.JSONField(_("après"), null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("entrée du journal d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action}"


class TransitionLogEntry(AppendOnlyModel):
    """One move of a workflow object from a state to another (see core/workflow.py)."""

    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    transition = models.CharField(_("transition"), max_length=60)
    from_state = models.CharField(_("état de départ"), max_length=40)
    to_state = models.CharField(_("état d'arrivée"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("motif"), blank=True)
    created_at = models.DateTimeField(_("date"))

    class Meta:
        verbose_name = _("changement d'état")
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.object_type} {self.object_id}: {self.from_state} → {self.to_state}"


class SubmittedForm(models.Model):
    """A form's one-time token, once what it created exists (`web/once.py`): sending the
    same form again (back, then resubmit) leads to what was created, never to a duplicate."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    result_url = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("formulaire envoyé")
        verbose_name_plural = _("formulaires envoyés")

    def __str__(self):
        return self.token
