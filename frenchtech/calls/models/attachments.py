"""Files attached to an application, stored outside the web root (see calls/attachments.py)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.core.audited import AuditedModel


class Attachment(AuditedModel):
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="attachments"
    )
    section_key = models.CharField(_("section"), max_length=40)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    # Relative to the private storage; never derived from the uploaded name.
    storage_name = models.CharField(max_length=255, unique=True)
    content_type = models.CharField(_("type détecté"), max_length=120)
    size = models.PositiveBigIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pièce jointe")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("calls:attachment", args=[self.application_id, self.pk])
