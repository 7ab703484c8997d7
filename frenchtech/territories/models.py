"""The territories of France: régions, départements, EPCI à fiscalité propre, communes.

Loaded from the shipped reference (`data/territories/`, see its SOURCES.md); never
edited by hand, so these models are not audited row by row: each load is one audit row.
"""

import unicodedata

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from frenchtech.territories.enums import CommuneKind, EpciKind, Level


def search_key(text: str) -> str:
    """Lower-case, accents and punctuation folded: "Saint-Étienne" → "saint etienne"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


class Region(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    search_name = models.CharField(max_length=100, db_index=True)

    level = Level.REGION

    class Meta:
        verbose_name = _("région")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:territory", args=[self.level, self.code])


class Departement(models.Model):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    search_name = models.CharField(max_length=100, db_index=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")

    level = Level.DEPARTEMENT

    class Meta:
        verbose_name = _("département")
        ordering = ["code"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("web:territory", args=[self.level, self.code])


class Epci(models.Model):
    """An EPCI à fiscalité propre, identified by its SIREN."""

    code = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(_("nature"), max_length=30, choices=EpciKind.choices, db_index=True)
    source_type = models.CharField(_("nature juridique (source)"), max_length=10)
    financing = models.CharField(_("régime fiscal"), max_length=10, blank=True)
    population = models.PositiveIntegerField(_("population municipale"))

    level = Level.EPCI

    class Meta:
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:territory", args=[self.level, self.code])


class Commune(models.Model):
    """A commune, or an arrondissement municipal / commune déléguée / associée of one.

    A commune déléguée may carry the same code as the commune it belongs to, so the
    key is (code, kind); `resolve_commune()` turns any code into the current commune.
    """

    code = models.CharField(_("code COG"), max_length=5, db_index=True)
    kind = models.CharField(_("type"), max_length=30, choices=CommuneKind.choices)
    name = models.CharField(_("nom"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    departement = models.ForeignKey(
        Departement, null=True, blank=True, on_delete=models.PROTECT, related_name="communes"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="communes"
    )
    epci = models.ForeignKey(
        Epci, null=True, blank=True, on_delete=models.PROTECT, related_name="communes"
    )
    population = models.PositiveIntegerField(_("population municipale"), null=True, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)

    level = Level.COMMUNE

    class Meta:
        verbose_name = _("commune")
        ordering = ["code", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["code", "kind"], name="one_commune_per_code_and_kind"),
            models.CheckConstraint(
                condition=models.Q(kind="commune", parent__isnull=True)
                | (~models.Q(kind="commune") & models.Q(parent__isnull=False)),
                name="only_parts_of_communes_have_a_parent",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("web:territory", args=[self.level, self.code])


class ReferenceLoad(models.Model):
    """One load of the shipped reference: what was loaded, from which files, when."""

    loaded_at = models.DateTimeField(auto_now_add=True)
    fingerprint = models.CharField(max_length=64)
    counts = models.JSONField()

    class Meta:
        ordering = ["-loaded_at"]

    def __str__(self):
        return f"{self.loaded_at:%Y-%m-%d %H:%M} {self.fingerprint[:12]}"
