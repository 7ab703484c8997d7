"""The call-for-projects journey in real Chromium, from the call to the committee."""

import re
from pathlib import Path

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from frenchtech.accounts.models import User
from frenchtech.calls.models import Application, Section
from frenchtech.demo.accounts import DEMO_PASSWORD, load_demo_accounts
from tests.browser.credentials import submit_credentials
from tests.calls.factories import fill_completely

pytestmark = pytest.mark.browser

MISSION = "mission.officer@demo.frenchtech.invalid"
LEAD = "lyon.lead@demo.frenchtech.invalid"
CO_EDITOR = "co.editor@example.org"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def sign_in(browser, live_server, email):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    submit_credentials(page, email)
    device = TOTPDevice.objects.filter(user__email=email).first()
    if device is not None:
        page.goto("/appels/")
        code = TOTP(device.bin_key, device.step, device.t0, device.digits).token()
        page.get_by_label("Code à 6 chiffres").fill(f"{code:06d}")
        page.get_by_role("button", name="Valider").click()
        page.wait_for_url("**/appels/")
    return page


def state_of(page):
    return page.locator("#application-state").get_attribute("data-state")


def test_call_application_submission_correction_and_committee(
    page, live_server, request, screenshot
):
    load_demo_accounts()
    browser = page.context.browser

    # The Mission creates and publishes a rolling call.
    mission = sign_in(browser, live_server, MISSION)
    mission.goto("/appels/nouveau/")
    mission.get_by_label("Titre").fill("Appel French Tech 2014 (test)")
    mission.get_by_label("Texte de l'appel").fill("<p>Les métropoles candidatent.</p>")
    mission.get_by_label("Règles de recevabilité").fill("Un EPCI porteur.")
    mission.get_by_label("Mode").select_option("rolling")
    mission.get_by_role("button", name="Enregistrer l'appel").click()
    mission.get_by_role("button", name="Publier l'appel").click()
    expect(mission.get_by_text("Appel publié.")).to_be_visible()
    screenshot_of(mission, request, "calls-01-call-published")

    # The Lyon lead applies and invites a co-editor.
    lead = sign_in(browser, live_server, LEAD)
    lead.goto("/appels/")
    lead.get_by_role("link", name="Appel French Tech 2014 (test)").click()
    lead.get_by_role("button", name="Candidater").click()
    expect(lead.locator("#application-state")).to_have_attribute("data-state", "draft")
    lead.get_by_label("Adresse e-mail du co-rédacteur").fill(CO_EDITOR)
    lead.get_by_label("Nom complet").fill("Camille Co-rédactrice")
    lead.get_by_role("button", name="Inviter un co-rédacteur").click()
    expect(lead.get_by_text("Co-rédacteur invité.")).to_be_visible()
    application = Application.objects.get()
    # The invitee would choose a password through the e-mailed link (web/accounts/password.py);
    # the test sets one directly.
    editor_account = User.objects.get(email=CO_EDITOR)
    editor_account.set_password(DEMO_PASSWORD)
    editor_account.save()

    # Autosave: the co-editor types, the section is saved without pressing anything.
    editor = sign_in(browser, live_server, CO_EDITOR)
    editor.goto(f"/appels/candidatures/{application.pk}/sections/success_stories/")
    editor.get_by_label("Réussites (success stories) du territoire").fill("Une licorne lyonnaise.")
    expect(editor.locator("#autosave-status")).to_have_attribute(
        "data-state", "valid", timeout=10_000
    )
    assert Section.objects.get(application=application, key="success_stories").data["stories"] == (
        "Une licorne lyonnaise."
    )
    screenshot_of(editor, request, "calls-02-autosaved")

    # The rest of the dossier is filled behind the scenes, then the lead submits.
    fill_completely(application, User.objects.get(email=LEAD))
    lead.goto(application.get_absolute_url())
    lead.get_by_role("button", name="Déposer la candidature").click()
    expect(lead.get_by_text(re.compile("Candidature déposée"))).to_be_visible()
    expect(lead.locator("#application-state")).to_have_attribute("data-state", "submitted")
    with lead.expect_download() as download_info:
        lead.get_by_role("link", name="Accusé de réception (PDF)").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith("-v1.pdf")
    with open(download.path(), "rb") as receipt:
        assert receipt.read(5) == b"%PDF-"
    screenshot_of(lead, request, "calls-03-submitted")

    # The Mission screens, opens the co-construction and requests a correction.
    mission.goto(application.get_absolute_url())
    mission.get_by_role("button", name="Commencer l'instruction").click()
    mission.get_by_role("button", name="Ouvrir la co-construction").click()
    expect(mission.locator("#application-state")).to_have_attribute("data-state", "co_construction")
    form = mission.locator("#correction-form")
    form.get_by_label("Nature").select_option("outdated")
    form.get_by_label("Section concernée").select_option("strategy")
    form.get_by_label("Ce qui est attendu").fill("Actualisez le budget de la stratégie.")
    form.get_by_role("button", name="Envoyer la demande de correction").click()
    expect(mission.locator("#application-state")).to_have_attribute(
        "data-state", "correction_requested"
    )
    screenshot_of(mission, request, "calls-04-correction-requested")

    # The lead corrects the section and resubmits; a new version with a diff.
    lead.goto(f"/appels/candidatures/{application.pk}/sections/strategy/")
    lead.get_by_label("Budget sur dix ans (€)").fill("30 000 000")
    lead.get_by_role("button", name="Enregistrer la section").click()
    lead.get_by_role("button", name="Redéposer la candidature").click()
    expect(lead.locator("#application-state")).to_have_attribute("data-state", "resubmitted")
    lead.get_by_role("link", name=re.compile("voir et les changements")).click()
    expect(lead.locator(".ft-diff--added").first).to_contain_text("30000000")
    screenshot_of(lead, request, "calls-05-diff")

    # The Mission sends it to the committee.
    mission.goto(application.get_absolute_url())
    mission.get_by_role("button", name="Transmettre au comité").click()
    expect(mission.locator("#application-state")).to_have_attribute(
        "data-state", "ready_for_committee"
    )
    screenshot_of(mission, request, "calls-06-ready-for-committee")
    page.goto("/appels/")
    screenshot("calls-07-public-list")


def screenshot_of(other_page, request, name):
    """Like the `screenshot` fixture, for the journey's other browser contexts."""
    directory = Path(request.config.getoption("--screenshots-dir"))
    directory.mkdir(parents=True, exist_ok=True)
    other_page.screenshot(path=str(directory / f"{name}.png"), full_page=True)
