"""Enumerations of the labels app: English slugs stored, French labels shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LabelStatus(models.TextChoices):
    EXPERIMENTATION = "experimentation", _("Labellisé (année d'expérimentation)")
    CONFIRMED = "confirmed", _("Label confirmé")
    SUSPENDED = "suspended", _("Label suspendu")
    WITHDRAWN = "withdrawn", _("Label retiré")
    EXPIRED = "expired", _("Label échu")
    RENEWED = "renewed", _("Label renouvelé")


# A label in these states still carries the French Tech mark.
LIVE_STATUSES = (LabelStatus.EXPERIMENTATION, LabelStatus.CONFIRMED, LabelStatus.SUSPENDED)


class EventKind(models.TextChoices):
    """What the public history of a label shows, one line per event."""

    GRANTED = "granted", _("Label attribué")
    CONFIRMED = "confirmed", _("Label confirmé pour trois ans")
    SUSPENDED = "suspended", _("Label suspendu")
    REINSTATED = "reinstated", _("Label rétabli")
    WITHDRAWN = "withdrawn", _("Label retiré")
    EXPIRED = "expired", _("Label arrivé à échéance")
    RENEWED = "renewed", _("Label renouvelé par une nouvelle labellisation")


class AuditOutcome(models.TextChoices):
    CONFIRM = "confirm", _("Confirmer le label pour trois ans")
    WITHDRAW = "withdraw", _("Retirer le label")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé")
    RETURNED = "returned", _("Renvoyé pour compléments")
    ACCEPTED = "accepted", _("Examiné par la Mission")


class MilestoneStatus(models.TextChoices):
    REACHED = "reached", _("Atteint")
    LATE = "late", _("En retard")
    DROPPED = "dropped", _("Abandonné")
