"""axe-core over the site in real Chromium, as each demo role, in French and in English:
no serious or critical violation on any page reached.

The pages are those a role reaches by following links from the entry pages (one or two
per URL shape, `tests/site/crawl.py`). axe-core comes from npm (`package.json`, installed
by `make browser-test`); it is injected into each page (the site's CSP is bypassed for
the injection only)."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from tests.site.crawl import DEMO_ROLES, crawl, signed_in_client

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
PAGES_PER_ROLE = 45


@pytest.fixture
def demo(observatory, settings, tmp_path):
    """The demo's organisations, calls, committee round, labels and funding."""
    from frenchtech.demo import calls, committee, funding, labels
    from frenchtech.demo.accounts import load_demo_accounts

    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_accounts()
    for step in (calls, committee, labels, funding):
        step.load()


# Roles that see the same pages: one walk of a URL shape per group is enough.
GROUP = {"mission_officer": "mission_head", "consortium_editor": "consortium_lead",
         "relabelling_lead": "consortium_lead"}  # fmt: skip


def pages_of(role, email, language, covered) -> list[str]:
    """The pages a role reaches: every entry page (the header differs by role), and the
    URL shapes its group's walk has not covered yet."""
    from tests.site.crawl import ENTRY_PAGES, shape

    group = GROUP.get(role, role)
    prefix = "" if language == "fr" else f"/{language}"
    entries = {prefix + entry for entry in ENTRY_PAGES}
    pages = []
    client = signed_in_client(email)
    for url, response in crawl(client, language=language, limit=PAGES_PER_ROLE * 3):
        key = (group, shape(url))
        if response.status_code != 200 or (key in covered and url not in entries):
            continue
        covered.add(key)
        pages.append(url)
        if len(pages) >= PAGES_PER_ROLE:
            break
    return pages


def blocking_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:3]],
        }
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_serious_or_critical_violation_on_any_page_of_any_role(
    browser, live_server, reference_after_flush, demo, language, request
):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make browser-test does)")
    covered, report, found = set(), {}, {}
    for role, email in DEMO_ROLES.items():
        context = browser.new_context(base_url=live_server.url, bypass_csp=True,
                                      locale="fr-FR" if language == "fr" else "en-GB")  # fmt: skip
        client = signed_in_client(email)
        if email is not None:
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                                  "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                                  "url": live_server.url}])  # fmt: skip
        page = context.new_page()
        pages = pages_of(role, email, language, covered)
        report[role] = pages
        for url in pages:
            page.goto(url)
            violations = blocking_violations(page)
            if violations:
                found[f"{role} {url}"] = violations
        context.close()
    directory = Path(request.config.getoption("--screenshots-dir"))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"accessibility-{language}.json").write_text(
        json.dumps({"pages": report, "violations": found}, indent=1, ensure_ascii=False)
    )
    # The pages covered, listed in the test's output (and in the JSON beside screenshots).
    print(f"axe-core ({language}): {sum(len(p) for p in report.values())} pages")
    for role, pages in report.items():
        print(f"  {role}: {', '.join(pages)}")
    assert sum(len(p) for p in report.values()) > 120
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)
