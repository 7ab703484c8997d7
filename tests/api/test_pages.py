"""The API's HTML pages: its index, Swagger UI from the site's own files, the token page."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.api.models import ApiToken
from frenchtech.api.tokens import create_token
from tests.api.helpers import ROLES
from tests.factories import UserWithRoleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/", "/api/v1/"])
def test_the_index_links_to_the_document_the_reader_and_the_tokens(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    for url in ("/api/v1/openapi.json", "/api/v1/docs", "/api/jetons/"):
        assert f'href="{url}"' in html


def test_the_footer_links_to_the_api(client):
    assert f'href="{reverse("api:home")}"' in client.get(reverse("web:home")).content.decode()


def test_swagger_ui_is_served_from_the_sites_own_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn" not in html.lower()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assets = [source for source in sources if source.endswith((".js", ".css"))]
    assert assets
    for asset in assets:
        assert asset.startswith("/static/")
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "<script>" not in html  # no inline script: the CSP allows only the site's own
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_token_page_needs_an_account(client):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("role", [role for role in ROLES if role is not None])
def test_every_role_creates_lists_and_revokes_its_tokens(client_for, role):
    client = client_for(role)
    url = reverse("api:tokens")
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "ERP du partenaire", "create": "1"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    token = ApiToken.objects.get(user=client.user)
    raw = re.search(r"<code>(ft_[^<]+)</code>", response.content.decode()).group(1)
    assert raw.startswith(token.prefix)
    assert raw not in client.get(url).content.decode()  # shown once
    response = client.post(url, {"revoke": str(token.pk)})
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_token_is_revoked_by_its_owner_only(client_for):
    other = UserWithRoleFactory(Role.CONSORTIUM_LEAD)
    token, _raw = create_token(by=other, name="autre")
    client = client_for(Role.CONSORTIUM_LEAD)
    assert client.post(reverse("api:tokens"), {"revoke": str(token.pk)}).status_code == 404
    assert client.post(reverse("api:tokens"), {"revoke": "x"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_needs_a_name(client_for):
    client = client_for(Role.CONSORTIUM_LEAD)
    response = client.post(reverse("api:tokens"), {"name": "  ", "create": "1"})
    assert "Donnez un nom au jeton" in response.content.decode()
    assert not ApiToken.objects.exists()
