"""Sign-in locks kept by django-axes, read for the Mission (one row per account and address)."""

from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


@dataclass(frozen=True)
class SignInLock:
    username: str
    ip_address: str
    failures: int
    until: datetime


def active_locks() -> list[SignInLock]:
    """Account+address pairs that reached the failure limit within the cool-off time."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=since)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last")
    )
    return [
        SignInLock(
            username=row["username"] or "",
            ip_address=row["ip_address"] or "",
            failures=row["failures"],
            until=row["last"] + settings.AXES_COOLOFF_TIME,
        )
        for row in rows
    ]
