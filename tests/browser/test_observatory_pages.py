import pytest

from frenchtech.territories.models import Epci

pytestmark = pytest.mark.browser


def test_the_national_ranking_draws_a_choropleth_and_says_synthetic(page, observatory, screenshot):
    page.goto("/observatoire/")
    assert page.locator("#synthetic-notice").is_visible()
    svg = page.locator('svg[data-testid="territory-map"]')
    svg.wait_for()
    assert svg.locator("path").count() > 1000
    assert svg.locator("path.ft-choropleth-5").count() > 0
    assert page.locator("#ranking tbody tr").count() == 100
    screenshot("observatory-ranking")


def test_a_territory_profile_draws_its_charts(page, observatory, screenshot):
    lyon = Epci.objects.get(source_type="MET69")
    page.goto(f"/observatoire/epci/{lyon.code}/")
    assert page.locator("svg.ft-chart").count() >= 5
    assert page.locator("svg.ft-chart path.ft-chart__line").first.bounding_box()["width"] > 50
    screenshot("observatory-profile-lyon")
