import base64

from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.enums import Role
from frenchtech.demo import calls, committee, evaluation, funding, labels, observatory
from frenchtech.demo.accounts import DEMO_PASSWORD, load_demo_accounts
from frenchtech.demo.summary import application_states

# Each capability's demo exposes `load() -> list[str]` (lines to print); they run in the
# programme's order, each building on the previous ones.
DEMO_STEPS = [observatory, calls, committee, labels, funding, evaluation]


class Command(BaseCommand):
    help = "Create the demo organisations and accounts (fictitious, labelled demo) and print them."

    def handle(self, *args, **options):
        # The demo's story sends e-mails (receipts, notifications); nobody should receive
        # them, and printing them all would bury the accounts below.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self.load()

    def load(self):
        accounts = load_demo_accounts()
        for step in DEMO_STEPS:
            for line in step.load():
                self.stdout.write(line)
        # States last, read back once everything is loaded: a step's own line would show
        # the state it left, which a later step may have changed.
        for line in application_states():
            self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (fictitious people; password for all: {DEMO_PASSWORD})")
        width = max(len(account.email) for account in accounts)
        for account in accounts:
            device = TOTPDevice.objects.filter(user__email=account.email, confirmed=True).first()
            second_factor = ""
            if device is not None:
                secret = base64.b32encode(device.bin_key).decode()
                second_factor = f"  TOTP secret {secret}"
            self.stdout.write(
                f"  {account.email:<{width}}  {Role(account.role).label:<36}{second_factor}"
            )
        self.stdout.write(
            "Staff accounts ask for a one-time code: add the TOTP secret to an authenticator app,"
        )
        self.stdout.write("or print the current code with: make otp EMAIL=<address>")
