from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current one-time code of a demo staff account."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        device = TOTPDevice.objects.filter(
            user__email=email.lower(), confirmed=True, name="demo"
        ).first()
        if device is None:
            raise CommandError(
                f"{email}: no demo authenticator (only demo staff accounts have one)"
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
