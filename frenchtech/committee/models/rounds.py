"""A committee round: the applications of one call examined together, and who reviews what."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.committee.enums import AssignmentOrigin
from frenchtech.core.audited import AuditedModel


class CommitteeRound(AuditedModel):
    call = models.ForeignKey(
        "calls.Call", on_delete=models.PROTECT, related_name="committee_rounds"
    )
    title = models.CharField(_("titre"), max_length=200)
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("rapporteurs par candidature"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    # Horizon-Europe style: each criterion at least this, and the total at least that.
    criterion_threshold = models.FloatField(
        _("seuil par critère (sur 5)"),
        default=3.0,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
    )
    total_threshold = models.FloatField(
        _("seuil global (somme des critères)"), default=10.0, validators=[MinValueValidator(0)]
    )
    applications = models.ManyToManyField(
        "calls.Application", related_name="committee_rounds", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tour de comité")
        verbose_name_plural = _("tours de comité")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committee:round", args=[self.pk])

    @property
    def criteria(self) -> list[dict]:
        """The call's criteria: the rows of every review sheet."""
        return self.call.criteria


class Assignment(AuditedModel):
    """Member `member` reviews `application` in `round`; one per round is the rapporteur."""

    round = models.ForeignKey(CommitteeRound, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="committee_assignments"
    )
    member = models.ForeignKey(
        "committee.CommitteeMember", on_delete=models.PROTECT, related_name="assignments"
    )
    origin = models.CharField(max_length=10, choices=AssignmentOrigin.choices)
    is_rapporteur = models.BooleanField(_("rapporteur"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attribution")
        ordering = ["round", "application", "member__user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "member"], name="one_assignment_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.member} → {self.application_id}"
