from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    EPCI = "epci", _("EPCI")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")


class CommuneKind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    ARRONDISSEMENT_MUNICIPAL = "arrondissement_municipal", _("Arrondissement municipal")
    COMMUNE_DELEGUEE = "commune_deleguee", _("Commune déléguée")
    COMMUNE_ASSOCIEE = "commune_associee", _("Commune associée")


class EpciKind(models.TextChoices):
    METROPOLE = "metropole", _("Métropole")
    COMMUNAUTE_URBAINE = "communaute_urbaine", _("Communauté urbaine")
    COMMUNAUTE_AGGLOMERATION = "communaute_agglomeration", _("Communauté d'agglomération")
    COMMUNAUTE_COMMUNES = "communaute_communes", _("Communauté de communes")
