"""Review sheets (one per member and application) and the rapporteur's consensus report."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.committee.enums import Outcome
from frenchtech.core.audited import AuditedModel


class Review(AuditedModel):
    """Scores 0–5 in half points per call criterion, with comments; final once submitted.

    `scores` maps the criterion number (as text, JSON keys are strings) to
    {"score": float, "comment": str}.
    """

    round = models.ForeignKey(
        "committee.CommitteeRound", on_delete=models.CASCADE, related_name="reviews"
    )
    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="committee_reviews"
    )
    member = models.ForeignKey(
        "committee.CommitteeMember", on_delete=models.PROTECT, related_name="reviews"
    )
    scores = models.JSONField(default=dict)
    general_comment = models.TextField(_("appréciation générale"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(_("remis le"), null=True, blank=True)

    class Meta:
        verbose_name = _("avis")
        ordering = ["application", "member__user__full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "member"], name="one_review_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.application_id}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def score_of(self, number) -> float | None:
        item = self.scores.get(str(number))
        return None if item is None else item.get("score")

    @property
    def total(self) -> float:
        return sum(item["score"] for item in self.scores.values() if item.get("score") is not None)


class ConsensusReport(AuditedModel):
    """The rapporteur's synthesis of the reviews of one application."""

    round = models.ForeignKey(
        "committee.CommitteeRound", on_delete=models.CASCADE, related_name="consensus_reports"
    )
    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="consensus_reports"
    )
    rapporteur = models.ForeignKey(
        "committee.CommitteeMember", on_delete=models.PROTECT, related_name="consensus_reports"
    )
    text = models.TextField(_("synthèse"))
    proposed_outcome = models.CharField(_("proposition"), max_length=40, choices=Outcome.choices)
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rapport de consensus")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application"], name="one_consensus_per_application"
            )
        ]

    def __str__(self):
        return f"{self.round} — {self.application_id}"
