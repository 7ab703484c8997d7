"""What may never change once written: votes, the committee's recommendation, the decision."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frenchtech.committee.enums import Outcome
from frenchtech.committee.models.chained import ChainedRecord


class Vote(ChainedRecord):
    CHAIN_LOCK_OFFSET = 1

    session = models.ForeignKey(
        "committee.CommitteeSession", on_delete=models.PROTECT, related_name="votes"
    )
    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="committee_votes"
    )
    member = models.ForeignKey(
        "committee.CommitteeMember", on_delete=models.PROTECT, related_name="votes"
    )
    choice = models.CharField(_("vote"), max_length=40, choices=Outcome.choices)
    comment = models.TextField(_("explication de vote"), blank=True)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "application", "member"], name="one_vote_per_member"
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.get_choice_display()}"


class Recommendation(ChainedRecord):
    """The committee's recommendation to the State after its vote."""

    CHAIN_LOCK_OFFSET = 2

    session = models.ForeignKey(
        "committee.CommitteeSession", on_delete=models.PROTECT, related_name="recommendations"
    )
    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="committee_recommendations"
    )
    outcome = models.CharField(_("recommandation"), max_length=40, choices=Outcome.choices)
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_cast = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("motifs"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("recommandation du comité")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "application"], name="one_recommendation_per_session"
            )
        ]

    def __str__(self):
        return f"{self.application_id}: {self.get_outcome_display()}"


class Decision(ChainedRecord):
    """The State's decision, recorded by the Mission with its reasons."""

    CHAIN_LOCK_OFFSET = 3

    application = models.ForeignKey(
        "calls.Application", on_delete=models.PROTECT, related_name="decisions"
    )
    round = models.ForeignKey(
        "committee.CommitteeRound",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    outcome = models.CharField(_("décision"), max_length=40, choices=Outcome.choices)
    reasons = models.TextField(_("motifs"))
    recommendations = models.TextField(_("recommandations"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("décidé le"), default=timezone.now)

    class Meta:
        verbose_name = _("décision de l'État")
        verbose_name_plural = _("décisions de l'État")
        ordering = ["id"]

    def __str__(self):
        return f"{self.application_id}: {self.get_outcome_display()}"
