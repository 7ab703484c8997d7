"""Finding one's way in Chromium: « Mon espace », the API reader under the site's CSP, and
the page a refreshed POST-only address shows."""

import pytest

from frenchtech.demo import calls
from frenchtech.demo.accounts import load_demo_accounts
from tests.browser.credentials import submit_credentials

pytestmark = pytest.mark.browser


def test_a_lead_finds_their_application_and_its_next_step(page, screenshot, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_accounts()
    calls.load()
    submit_credentials(page, "nantes.lead@demo.frenchtech.invalid")
    page.goto("/mon-espace/")
    applications = page.locator("#applications")
    assert "Brouillon" in applications.inner_text()
    assert "Compléter les sections puis déposer le dossier." in applications.inner_text()
    applications.get_by_role("link").first.click()
    page.wait_for_url("**/appels/candidatures/*/")
    screenshot("my-space-lead")


def test_the_api_reader_runs_under_the_sites_csp(page, screenshot):
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto("/api/")
    page.get_by_role("link", name="La documentation interactive (Swagger UI)").click()
    page.locator("#swagger-ui .info .title").wait_for()
    assert "French Tech API" in page.locator("#swagger-ui .info .title").inner_text()
    assert not [error for error in errors if "Content Security Policy" in error]
    screenshot("api-docs")


def test_a_refreshed_post_only_address_explains_itself(page):
    page.goto("/compte/deconnexion/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Cette adresse ne s'ouvre pas directement"
    )
