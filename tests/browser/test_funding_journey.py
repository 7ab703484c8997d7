"""One investment file in real Chromium: expression of interest to first disbursement."""

import datetime

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from frenchtech.demo.accounts import DEMO_PASSWORD, load_demo_accounts
from frenchtech.funding import ledger
from frenchtech.funding.actions.money import create_envelope
from frenchtech.funding.enums import EnvelopeKind
from frenchtech.funding.reconciliation import reconcile

pytestmark = pytest.mark.browser

EMAIL = "bpifrance@demo.frenchtech.invalid"


def _sign_in(page):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto("/financements/dossiers/nouveau/")
    device = TOTPDevice.objects.get(user__email=EMAIL)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    page.get_by_label("Code à 6 chiffres").fill(f"{code:06d}")
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url("**/financements/dossiers/nouveau/")


def _click(page, name):
    """Submit a form and wait for the page it leads to (each step posts then redirects)."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def test_an_investment_file_from_interest_to_first_disbursement(page, screenshot):
    load_demo_accounts()
    today = datetime.date.today()
    envelope = create_envelope(
        by=None,
        name="Fonds French Tech Accélération",
        kind=EnvelopeKind.ACCELERATION,
        amount_cents=200_000_000_00,
        valid_from=today.replace(year=today.year - 1),
        valid_until=today.replace(year=today.year + 5),
    )
    _sign_in(page)

    page.get_by_label("Accélérateur").select_option(label="Accélérateur Rhône Numérique SAS (démo)")
    page.get_by_label("Programme d'accélération").fill("Rhône Scale-Up")
    page.get_by_label("Montant demandé au fonds").fill("4 000 000")
    page.get_by_label("Apport privé annoncé").fill("6 000 000")
    screenshot("funding-1-expression-of-interest")
    _click(page, "Déposer la manifestation d'intérêt")
    assert page.locator("#file-state").text_content() == "Manifestation d'intérêt"

    _click(page, "Ouvrir l'audit préalable")
    for _ in range(5):
        _click(page, "Marquer comme vérifié")
    page.get_by_label("Co-investisseur privé").fill("Fonds Lumière Capital")
    page.get_by_label("Montant investi").fill("6 000 000")
    _click(page, "Ajouter le co-investisseur")
    screenshot("funding-2-due-diligence")
    _click(page, "Présenter au comité d'investissement")
    assert page.locator("#file-state").text_content() == "Comité d'investissement"

    page.get_by_label("Montant de la prise de participation").fill("4 000 000")
    page.get_by_label("Part du capital (%)").fill("24.5")
    page.get_by_label("Siège au conseil d'administration").check()
    _click(page, "Enregistrer la décision")
    assert page.locator("#file-state").text_content() == "Investissement décidé"

    _click(page, "Engager les fonds")
    assert page.locator("#file-state").text_content() == "Fonds engagés"
    page.get_by_label("Montant de la tranche").fill("1 500 000")
    page.get_by_label("Jalon conditionnant le versement").fill("Lancement de la première promotion")
    _click(page, "Planifier la tranche")
    page.get_by_label("Compte rendu reçu").fill("Première promotion de 12 start-up lancée.")
    _click(page, "Constater le jalon")
    _click(page, "Verser la tranche")
    assert page.locator("#file-state").text_content() == "En portefeuille"
    assert "Tranche versée." in page.content()
    screenshot("funding-3-first-disbursement")

    balances = ledger.envelope_balances(envelope)
    assert balances.paid == 1_500_000_00
    assert balances.committed == 2_500_000_00
    assert reconcile() == []
