"""Companies' legal categories, loaded from INSEE's StockUniteLegale (see legal_categories.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryCompany(models.Model):
    """One legal unit of the Sirene registry: only what the eligibility rule needs."""

    siren = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    legal_category = models.CharField(_("catégorie juridique"), max_length=4)
    name = models.CharField(_("dénomination"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=200)
    loaded_at = models.DateTimeField(_("chargée le"))

    class Meta:
        verbose_name = _("unité légale du répertoire")
        ordering = ["siren"]

    def __str__(self):
        return f"{self.siren} {self.name} ({self.legal_category})"
