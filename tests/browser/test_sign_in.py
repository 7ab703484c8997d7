import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.demo.accounts import load_demo_accounts
from tests.browser.credentials import submit_credentials

pytestmark = pytest.mark.browser


def test_a_mission_officer_signs_in_with_two_factors_and_reaches_the_back_office(page, screenshot):
    load_demo_accounts()
    email = "mission.officer@demo.frenchtech.invalid"
    submit_credentials(page, email)
    page.goto("/mission/")
    assert "/compte/double-authentification/" in page.url
    device = TOTPDevice.objects.get(user__email=email)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    page.get_by_label("Code à 6 chiffres").fill(f"{code:06d}")
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/mission/")
    assert page.get_by_role("heading", level=1).inner_text() == "Espace Mission"
    assert page.locator("#demo-notice").count() in (0, 1)
    screenshot("mission-dashboard")
