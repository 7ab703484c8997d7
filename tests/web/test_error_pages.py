"""Styled pages for the statuses Django would answer bare: 400, 405 and a CSRF failure."""

import pytest
from django.test import Client
from django.urls import reverse

from frenchtech.accounts.enums import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [None, Role.CONSORTIUM_LEAD, Role.MISSION_OFFICER])
def test_a_get_on_a_post_only_address_shows_a_page_that_says_why(client_for, role):
    client = client_for(role)
    url = reverse("calls:withdraw", args=[1])
    response = client.get(url, HTTP_REFERER="http://testserver/appels/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert "Erreur 405" in html
    assert "ouvre pas directement" in html
    assert 'href="http://testserver/appels/"' in html  # back to the form's page
    assert 'class="fr-footer"' in html


def test_a_foreign_referer_is_not_offered_as_the_way_back(client):
    response = client.get(reverse("accounts:logout"), HTTP_REFERER="https://evil.example/")
    assert response.status_code == 405
    assert "evil.example" not in response.content.decode()


def test_a_json_client_keeps_the_bare_405(client):
    response = client.get(reverse("accounts:logout"), HTTP_ACCEPT="application/json")
    assert response.status_code == 405
    assert response.content == b""


def test_a_form_without_its_csrf_token_gets_the_expired_form_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


def test_a_bad_request_gets_the_styled_400(client):
    response = client.get(reverse("web:home"), HTTP_HOST="not-allowed.example")
    assert response.status_code == 400
    assert "Requête incorrecte" in response.content.decode()
