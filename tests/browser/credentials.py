"""Signing in through the real form, shared by the browser tests."""

from frenchtech.demo.accounts import DEMO_PASSWORD

LOGIN_PATH = "/compte/connexion/"


def submit_credentials(page, email: str) -> None:
    """Sign in as `email` with the demo password and wait until the login has landed.

    A `goto` right after the click can cancel the login's POST before its session cookie
    arrives (seen once in CI: the next page was the login page again)."""
    page.goto(LOGIN_PATH)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: LOGIN_PATH not in url)
