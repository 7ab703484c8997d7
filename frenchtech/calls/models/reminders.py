"""What reminders were sent, so `send_call_reminders` never sends one twice."""

from django.db import models
from django.utils import timezone

from frenchtech.calls.enums import ReminderKind


class ReminderSent(models.Model):
    application = models.ForeignKey(
        "calls.Application", on_delete=models.CASCADE, related_name="reminders_sent"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    # Days before the deadline of the schedule step this reminder answers.
    step = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "step"], name="one_reminder_per_step"
            )
        ]

    def __str__(self):
        return f"{self.application_id} {self.kind} J-{self.step}"


class DigestSent(models.Model):
    """One daily digest to Mission staff per day (Europe/Paris)."""

    day = models.DateField(unique=True)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"digest {self.day}"
