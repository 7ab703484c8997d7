from django.core.management.base import BaseCommand

from frenchtech.calls.reminders import send_deadline_reminders, send_mission_digest


class Command(BaseCommand):
    help = (
        "Send the reminders due to draft holders before a call's deadline and the Mission's "
        "daily digest. Safe to run as often as wanted (e.g. hourly): nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url", default="", help="prefix for links in e-mails, e.g. https://example.org"
        )
        parser.add_argument("--no-digest", action="store_true", help="skip the Mission's digest")

    def handle(self, *args, base_url, no_digest, **options):
        reminders = send_deadline_reminders(base_url=base_url.rstrip("/"))
        self.stdout.write(f"{reminders} reminder(s) sent")
        if not no_digest:
            sent = send_mission_digest(base_url=base_url.rstrip("/"))
            self.stdout.write("daily digest sent" if sent else "daily digest already sent today")
