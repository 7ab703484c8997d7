import pytest

from frenchtech.territories.models import Epci

pytestmark = pytest.mark.browser


def test_the_national_ranking_draws_a_choropleth_and_says_synthetic(page, observatory, screenshot):
    page.goto("/observatoire/")
    assert page.locator("#synthetic-notice").is_visible()
    image = page.locator('img[data-testid="ranking-map-image"]')
    image.wait_for()
    page.wait_for_function("document.querySelector('[data-testid=ranking-map-image]').complete")
    assert image.evaluate("element => element.naturalWidth") > 0
    assert page.locator("#ranking tbody tr").count() == 100
    screenshot("observatory-ranking")
    page.goto(image.get_attribute("src"))
    svg = page.locator('svg[data-testid="ranking-map"]')
    assert svg.locator("path").count() > 1000
    assert svg.locator('path[fill="#000091"]').count() > 0


def test_a_territory_profile_draws_its_charts(page, observatory, screenshot):
    lyon = Epci.objects.get(source_type="MET69")
    page.goto(f"/observatoire/epci/{lyon.code}/")
    assert page.locator("svg.ft-chart").count() >= 5
    assert page.locator("svg.ft-chart path.ft-chart__line").first.bounding_box()["width"] > 50
    screenshot("observatory-profile-lyon")
