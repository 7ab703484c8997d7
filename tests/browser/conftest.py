"""Real Chromium (Debian's package) driven by Playwright, against a live test server."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
# live server's fixtures from here are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def french_in_the_test_thread():
    """Each browser test starts in French. The test client leaves the language of the last
    page it fetched active in this thread (the accessibility walk ends in English), and
    `reverse()` would then build /en/ addresses for the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("Chromium not found: install Debian's `chromium` package (see .ci/run)")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, reference_after_flush, request):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    directory = Path(request.config.getoption("--screenshots-dir"))
    directory.mkdir(parents=True, exist_ok=True)

    def take(name: str):
        page.screenshot(path=str(directory / f"{name}.png"), full_page=True)

    return take
