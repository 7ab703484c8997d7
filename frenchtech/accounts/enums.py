"""Kinds of organisations and roles: English slugs stored, French labels shown."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MISSION = "mission", _("Mission French Tech")
    PARTNER = "partner", _("Partenaire")
    COMMITTEE = "committee", _("Comité de labellisation")
    CONSORTIUM = "consortium", _("Écosystème candidat (consortium)")
    ACCELERATOR = "accelerator", _("Accélérateur")


class Partner(models.TextChoices):
    """The State's operators named by the founding text (Ubifrance became Business France)."""

    CAISSE_DES_DEPOTS = "caisse_des_depots", _("Caisse des Dépôts")
    BPIFRANCE = "bpifrance", _("Bpifrance")
    BUSINESS_FRANCE = "business_france", _("Business France (ex-Ubifrance)")
    AFII = "afii", _("AFII")


class Role(models.TextChoices):
    MISSION_HEAD = "mission_head", _("Responsable de la Mission")
    MISSION_OFFICER = "mission_officer", _("Chargé de mission")
    PARTNER_STAFF = "partner_staff", _("Agent d'un partenaire")
    COMMITTEE_MEMBER = "committee_member", _("Membre du comité")
    CONSORTIUM_LEAD = "consortium_lead", _("Porteur du consortium")
    CONSORTIUM_EDITOR = "consortium_editor", _("Co-rédacteur du consortium")
    ACCELERATOR_MANAGER = "accelerator_manager", _("Dirigeant d'accélérateur")
    ACCELERATOR_FINANCE = "accelerator_finance", _("Directeur financier d'accélérateur")


# Which roles make sense in which kind of organisation.
ROLES_BY_KIND = {
    OrganisationKind.MISSION: {Role.MISSION_HEAD, Role.MISSION_OFFICER},
    OrganisationKind.PARTNER: {Role.PARTNER_STAFF, Role.COMMITTEE_MEMBER},
    OrganisationKind.COMMITTEE: {Role.COMMITTEE_MEMBER},
    OrganisationKind.CONSORTIUM: {Role.CONSORTIUM_LEAD, Role.CONSORTIUM_EDITOR},
    OrganisationKind.ACCELERATOR: {Role.ACCELERATOR_MANAGER, Role.ACCELERATOR_FINANCE},
}

# Roles that see confidential dossiers: their accounts must sign in with two factors.
STAFF_ROLES = {Role.MISSION_HEAD, Role.MISSION_OFFICER, Role.PARTNER_STAFF, Role.COMMITTEE_MEMBER}
