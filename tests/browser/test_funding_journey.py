"""In real Chromium: one investment file from expression of interest to first disbursement;
one promotion action from creation to its first cost, seen on the public summary."""

import datetime

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from frenchtech.accounts.models import Organisation
from frenchtech.core.actor import SYSTEM
from frenchtech.demo.accounts import load_demo_accounts
from frenchtech.funding import ledger
from frenchtech.funding.actions.money import create_envelope
from frenchtech.funding.enums import EnvelopeKind
from frenchtech.funding.reconciliation import reconcile
from frenchtech.labels.models import Label
from tests.browser.credentials import submit_credentials

pytestmark = pytest.mark.browser

EMAIL = "bpifrance@demo.frenchtech.invalid"
MISSION = "mission.officer@demo.frenchtech.invalid"


def _sign_in(page, email=EMAIL, landing="/financements/dossiers/nouveau/"):
    submit_credentials(page, email)
    page.goto(landing)
    device = TOTPDevice.objects.get(user__email=email)
    code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
    page.get_by_label("Code à 6 chiffres").fill(f"{code:06d}")
    page.get_by_role("button", name="Valider").click()
    page.wait_for_url(f"**{landing}")


def _click(page, name):
    """Submit a form and wait for the page it leads to (each step posts then redirects)."""
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def test_an_investment_file_from_interest_to_first_disbursement(page, screenshot):
    load_demo_accounts()
    today = datetime.date.today()
    envelope = create_envelope(
        by=SYSTEM,
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
    # DSFR draws the checkbox under its label: click the label, as a person does.
    page.locator("label[for='id_decision-board_seat']").click()
    expect(page.get_by_label("Siège au conseil d'administration")).to_be_checked()
    _click(page, "Enregistrer la décision")
    assert page.locator("#file-state").text_content() == "Investissement décidé"

    _click(page, "Engager les fonds")
    _click(page, "Engager les fonds")  # the confirmation page
    assert page.locator("#file-state").text_content() == "Fonds engagés"
    page.get_by_label("Montant de la tranche").fill("1 500 000")
    page.get_by_label("Jalon conditionnant le versement").fill("Lancement de la première promotion")
    _click(page, "Planifier la tranche")
    page.get_by_label("Compte rendu reçu").fill("Première promotion de 12 start-up lancée.")
    _click(page, "Constater le jalon")
    _click(page, "Verser la tranche")
    _click(page, "Verser la tranche")  # the confirmation page
    assert page.locator("#file-state").text_content() == "En portefeuille"
    assert "Tranche versée." in page.content()
    screenshot("funding-3-first-disbursement")

    balances = ledger.envelope_balances(envelope)
    assert balances.paid == 1_500_000_00
    assert balances.committed == 2_500_000_00
    assert reconcile() == []


def _remaining_on_summary(page, envelope_name) -> str:
    page.goto("/financements/")
    row = page.locator("#public-summary tbody tr").filter(has_text=envelope_name)
    return row.locator("td").nth(4).text_content()


def test_the_mission_runs_a_promotion_action_and_the_summary_follows(page, screenshot):
    load_demo_accounts()
    today = datetime.date.today()
    lyon = Organisation.objects.get(name="French Tech Lyon (démo)")
    Label.objects.create(
        consortium=lyon,
        epci=lyon.territory,
        status="experimentation",
        granted_at=today,
        experimentation_ends_at=today + datetime.timedelta(days=365),
        ends_at=today + datetime.timedelta(days=365),
    )
    name = "Promotion internationale French Tech"
    envelope = create_envelope(
        by=SYSTEM,
        name=name,
        kind=EnvelopeKind.PROMOTION,
        amount_cents=15_000_000_00,
        valid_from=today.replace(year=today.year - 1),
        valid_until=today.replace(year=today.year + 5),
    )
    _sign_in(page, MISSION, "/financements/promotion/nouvelle/")
    assert _remaining_on_summary(page, name) == "15\u202f000\u202f000\u00a0€"

    page.goto("/financements/promotion/nouvelle/")
    page.get_by_label("Nom de l'action").fill("Pavillon French Tech au CES")
    page.get_by_label("Événement").fill("Consumer Electronics Show")
    page.get_by_label("Ville").fill("Las Vegas")
    page.get_by_label("Pays").fill("États-Unis")
    page.get_by_label("Début", exact=True).fill("2016-01-06")
    page.get_by_label("Fin", exact=True).fill("2016-01-09")
    page.get_by_label("Budget engagé sur l'enveloppe").fill("1 200 000")
    page.get_by_label("Places de start-up").fill("1")
    _click(page, "Créer l'action et engager son budget")
    assert "budget engagé" in page.content()

    page.get_by_label("Start-up", exact=True).fill("Capteurs Rhône")
    page.get_by_label("Écosystème").select_option(label="French Tech Lyon (démo)")
    page.get_by_label("Caractère innovant").fill("5")
    page.get_by_label("Préparation à l'international").fill("4")
    page.get_by_label("Traction").fill("3")
    page.get_by_label("Équipe").fill("4")
    _click(page, "Ajouter la candidature")
    _click(page, "Retenir les mieux notées")
    row = page.locator("#candidates tbody tr").filter(has_text="Capteurs Rhône")
    assert row.locator("td").last.text_content() == "oui"

    page.get_by_label("Poste de dépense").fill("Stand et aménagement du pavillon")
    page.get_by_label("Montant payé").fill("700 000")
    _click(page, "Payer la dépense")
    assert page.locator("#spent").text_content() == "700\u202f000\u00a0€"
    assert page.locator("#outstanding").text_content() == "500\u202f000\u00a0€"
    screenshot("funding-4-promotion-action")

    # The budget's commitment took 1.2 M€ from what is left to commit; the cost is paid
    # from that commitment (committed → paid), so it does not take the same euros twice.
    assert _remaining_on_summary(page, name) == "13\u202f800\u202f000\u00a0€"
    paid = page.locator("#public-summary tbody tr").filter(has_text=name).locator("td").nth(3)
    assert paid.text_content() == "700\u202f000\u00a0€"
    screenshot("funding-5-summary-after-promotion")

    balances = ledger.envelope_balances(envelope)
    assert (balances.available, balances.committed, balances.paid) == (
        13_800_000_00,
        500_000_00,
        700_000_00,
    )
    assert reconcile() == []
