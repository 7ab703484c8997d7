import base64
import importlib

from django.core.management.base import BaseCommand
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.accounts.enums import Role
from frenchtech.demo.accounts import DEMO_PASSWORD, load_demo_accounts

# Each capability adds its demo as `frenchtech/demo/<name>.py` exposing `load() -> list[str]`
# (lines to print), run in this order after the accounts.
DEMO_STEPS = ["observatory", "calls", "committee", "labels", "funding"]


class Command(BaseCommand):
    help = "Create the demo organisations and accounts (fictitious, labelled demo) and print them."

    def handle(self, *args, **options):
        accounts = load_demo_accounts()
        for name in DEMO_STEPS:
            try:
                step = importlib.import_module(f"frenchtech.demo.{name}")
            except ModuleNotFoundError as error:
                if error.name == f"frenchtech.demo.{name}":
                    continue
                raise
            for line in step.load():
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
