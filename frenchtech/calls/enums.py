"""Enumerations of the calls app: English slugs stored, French labels shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CallMode(models.TextChoices):
    ROLLING = "rolling", _("Au fil de l'eau (sans date limite)")
    DEADLINE = "deadline", _("Avec date limite")


class CallState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    CLOSED = "closed", _("Clos")


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")
    SCREENING = "screening", _("En instruction")
    CO_CONSTRUCTION = "co_construction", _("En co-construction")
    CORRECTION_REQUESTED = "correction_requested", _("Correction demandée")
    RESUBMITTED = "resubmitted", _("Redéposé après correction")
    READY_FOR_COMMITTEE = "ready_for_committee", _("Prêt pour le comité")
    LABELLED = "labelled", _("Labellisé")
    RETURNED_WITH_RECOMMENDATIONS = (
        "returned_with_recommendations",
        _("Renvoyé en co-construction avec recommandations"),
    )
    REFUSED = "refused", _("Refusé")
    WITHDRAWN = "withdrawn", _("Retiré")


# The consortium may change its application only in these states.
EDITABLE_STATES = {ApplicationState.DRAFT, ApplicationState.CORRECTION_REQUESTED}
# Committee members and partners read applications once they reach the committee.
COMMITTEE_VISIBLE_STATES = {
    ApplicationState.READY_FOR_COMMITTEE,
    ApplicationState.LABELLED,
    ApplicationState.RETURNED_WITH_RECOMMENDATIONS,
}
FINAL_STATES = {ApplicationState.LABELLED, ApplicationState.REFUSED, ApplicationState.WITHDRAWN}


class CorrectionKind(models.TextChoices):
    INCORRECT = "incorrect", _("Information incorrecte")
    INCOMPLETE = "incomplete", _("Information incomplète")
    OUTDATED = "outdated", _("Information périmée")


class EligibilityVerdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Recevable")
    INELIGIBLE = "ineligible", _("Irrecevable")


class ReminderKind(models.TextChoices):
    DEADLINE = "deadline", _("Rappel avant la date limite")
