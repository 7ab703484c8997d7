"""Enumerations of the committee: English slugs stored, French labels shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    PARTNER_STAFF = "partner_staff", _("Agent d'un partenaire")
    OUTSIDE_FIGURE = "outside_figure", _("Personnalité extérieure")
    INTERNATIONAL_FIGURE = "international_figure", _("Personnalité internationale")


class ConflictKind(models.TextChoices):
    INSTITUTIONAL = "institutional", _("Lien institutionnel")
    FINANCIAL = "financial", _("Intérêt financier")
    PERSONAL = "personal", _("Lien personnel")
    SAME_TERRITORY = "same_territory", _("Même territoire")


class ConflictOrigin(models.TextChoices):
    MEMBER = "member", _("Déclaré par le membre")
    MISSION = "mission", _("Déclaré par la Mission")
    DETECTED = "detected", _("Détecté par la plateforme")


class AssignmentOrigin(models.TextChoices):
    SOLVER = "solver", _("Calculée")
    MANUAL = "manual", _("Ajoutée par la Mission")


class Outcome(models.TextChoices):
    """What the committee recommends and the State decides (calls' three final moves)."""

    LABELLED = "labelled", _("Labellisé pour un an")
    RETURNED = "returned_with_recommendations", _("Renvoyé en co-construction avec recommandations")
    REFUSED = "refused", _("Refusé")


# The calls workflow transition each outcome applies.
TRANSITION_FOR_OUTCOME = {
    Outcome.LABELLED: "label",
    Outcome.RETURNED: "return_with_recommendations",
    Outcome.REFUSED: "refuse_after_committee",
}
# The evaluation model's category names (presets) for each outcome.
OUTCOME_FOR_CATEGORY = {
    "labelled": Outcome.LABELLED,
    "returned_to_co_construction": Outcome.RETURNED,
    "refused": Outcome.REFUSED,
}


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Prévue")
    OPEN = "open", _("Ouverte")
    CLOSED = "closed", _("Close")
