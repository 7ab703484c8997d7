import pytest

from frenchtech.accounts.enums import Role
from tests.factories import UserWithRoleFactory
from tests.labels.builders import labels_at_every_stage

pytestmark = pytest.mark.browser


def test_the_public_list_map_and_an_ecosystem_page(page, screenshot):
    lyon, bordeaux, _nantes = labels_at_every_stage(UserWithRoleFactory(Role.MISSION_OFFICER))
    page.goto("/labels/")
    assert page.locator("#labels tbody tr").count() == 3
    svg = page.locator('svg[data-testid="territory-map"]')
    svg.wait_for()
    assert svg.locator("path").count() > 1000
    suspended = svg.locator(f'path.ft-label-suspended[data-code="{lyon.epci_id}"]')
    assert suspended.count() == 1
    assert suspended.evaluate("path => getComputedStyle(path).fill") == "rgb(179, 64, 0)"
    row = page.locator(f'#labels tr[data-epci="{bordeaux.epci_id}"]')
    assert row.locator('[data-status="confirmed"]').is_visible()
    assert row.locator('li[data-event="confirmed"]').is_visible()
    screenshot("labels-list")
    row.get_by_role("link", name=bordeaux.consortium.name).click()
    page.wait_for_url(f"**/labels/ecosystemes/{bordeaux.consortium_id}/")
    assert page.locator("h1").inner_text() == bordeaux.consortium.name
    assert (
        page.locator("#observatory-link")
        .get_attribute("href")
        .endswith(f"/observatoire/epci/{bordeaux.epci_id}/")
    )
    screenshot("labels-ecosystem")
    page.locator("#territory-link").click()
    page.wait_for_url(f"**/territoires/epci/{bordeaux.epci_id}/")
