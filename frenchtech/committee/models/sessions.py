"""A committee session: its agenda is the round's applications; who attended."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from frenchtech.committee.enums import SessionState
from frenchtech.core.audited import AuditedModel


class CommitteeSession(AuditedModel):
    round = models.ForeignKey(
        "committee.CommitteeRound", on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateTimeField(_("date de la séance"))
    location = models.CharField(_("lieu"), max_length=200, blank=True)
    quorum = models.PositiveSmallIntegerField(_("quorum (membres présents)"), default=3)
    state = models.CharField(
        _("état"), max_length=10, choices=SessionState.choices, default=SessionState.PLANNED
    )

    class Meta:
        verbose_name = _("séance du comité")
        verbose_name_plural = _("séances du comité")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.round} — {self.held_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("committee:session", args=[self.pk])


class Attendance(AuditedModel):
    session = models.ForeignKey(
        CommitteeSession, on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        "committee.CommitteeMember", on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("présent"), default=True)

    class Meta:
        verbose_name = _("présence")
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_attendance_per_member")
        ]

    def __str__(self):
        return f"{self.member} @ {self.session_id}"
