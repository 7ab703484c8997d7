import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frenchtech.core.actor import SYSTEM
from frenchtech.labels.actions import expire_labels


class Command(BaseCommand):
    help = "Move every live label past its end date to expired (safe to run daily, idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            help="the date to count from, YYYY-MM-DD (default: today); for tests and catch-ups",
        )

    def handle(self, *args, today=None, **options):
        try:
            now = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today={today!r}: expected YYYY-MM-DD") from error
        expired = expire_labels(by=SYSTEM, now=now)
        for label in expired:
            self.stdout.write(
                f"expired: label {label.pk} {label.consortium} (ended {label.ends_at})"
            )
        self.stdout.write(f"{len(expired)} label(s) expired on {now.isoformat()}")
