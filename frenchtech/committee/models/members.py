"""Committee members, their declarations of interest and their conflicts of interest."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.committee.enums import ConflictKind, ConflictOrigin, MemberKind
from frenchtech.core.audited import AuditedModel


class CommitteeMember(AuditedModel):
    """A person sitting on the labelling committee (their account holds the role)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_member"
    )
    kind = models.CharField(_("qualité"), max_length=30, choices=MemberKind.choices)
    # Free tags ("fintech", "international", "santé"…) matched against the dossiers.
    expertise = models.JSONField(_("expertises"), default=list, blank=True)
    home_epci = models.ForeignKey(
        "territories.Epci",
        verbose_name=_("territoire de résidence (EPCI)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("membre du comité")
        verbose_name_plural = _("membres du comité")
        ordering = ["user__full_name", "id"]

    def __str__(self):
        return str(self.user)


class InterestDeclaration(AuditedModel):
    """What a member declares of their interests (mandates, holdings, ties), dated."""

    member = models.ForeignKey(
        CommitteeMember, on_delete=models.PROTECT, related_name="declarations"
    )
    text = models.TextField(_("déclaration"))
    declared_at = models.DateTimeField(default=timezone.now)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("déclaration d'intérêts")
        ordering = ["-declared_at", "-id"]

    def __str__(self):
        return f"{self.member} — {self.declared_at:%Y-%m-%d}"


class ConflictOfInterest(AuditedModel):
    """A member may not judge an application: they neither read, score nor vote on it."""

    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="conflicts")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="conflicts_of_interest"
    )
    kind = models.CharField(_("nature"), max_length=20, choices=ConflictKind.choices)
    origin = models.CharField(_("origine"), max_length=20, choices=ConflictOrigin.choices)
    reason = models.TextField(_("motif"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("conflit d'intérêts")
        verbose_name_plural = _("conflits d'intérêts")
        ordering = ["application", "member", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application", "kind"], name="one_conflict_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.member} × {self.application_id}: {self.get_kind_display()}"
