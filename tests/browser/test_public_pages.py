import pytest

from frenchtech.territories.models import Epci

pytestmark = pytest.mark.browser


def test_home_page_in_french_with_the_dsfr_header(page, screenshot):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("header.fr-header").is_visible()
    assert page.get_by_role("heading", level=1).inner_text().startswith("French Tech")
    screenshot("home")


def test_a_metropole_page_draws_its_map(page, screenshot):
    lyon = Epci.objects.get(source_type="MET69")
    page.goto(f"/territoires/epci/{lyon.code}/")
    svg = page.locator('svg[data-testid="territory-map"]')
    svg.wait_for()
    box = svg.bounding_box()
    assert box["width"] > 200
    assert box["height"] > 100
    paths = svg.locator("path")
    assert paths.count() > 50
    # The shapes are really drawn: a path has a non-empty rendered box.
    assert paths.first.bounding_box()["width"] > 0
    screenshot("metropole-lyon")


def test_search_then_follow_a_result(page, screenshot):
    page.goto("/territoires/")
    page.get_by_label("Rechercher une commune").fill("Bordeaux")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Bordeaux Métropole").first.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Bordeaux Métropole")
    screenshot("territory-search")


def test_switch_to_english(page):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_no_page_breaks_the_content_security_policy(page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for url in ["/", "/territoires/", "/compte/connexion/", "/labels/", "/financements/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert violations == []
