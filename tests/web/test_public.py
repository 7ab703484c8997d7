import pytest
from django.urls import reverse

from frenchtech.territories.models import Epci

pytestmark = pytest.mark.django_db


def test_home_is_french_by_default_with_the_dsfr_header_and_the_three_criteria(client):
    response = client.get(reverse("web:home"))
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert 'class="fr-header"' in html
    assert "Un écosystème entrepreneurial numérique" in html
    assert "Des entrepreneurs et des entreprises mobilisés" in html
    assert "Un projet ambitieux, mobilisateur et fédérateur" in html


def test_home_in_english(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "A digital entrepreneurial ecosystem" in html


def test_language_switch_sets_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_the_metropoles_list_shows_the_22_with_their_population(client):
    response = client.get(reverse("web:territories"))
    metropoles = list(response.context["metropoles"])
    assert len(metropoles) == 22
    assert metropoles[0].population >= metropoles[-1].population
    assert "Métropole du Grand Paris" in response.content.decode()


def test_search_finds_by_name_without_accents_and_by_code(client):
    by_name = client.get(reverse("web:territories"), {"q": "saint etienne"}).context["results"]
    assert any(c.code == "42218" for c in by_name["communes"])
    by_code = client.get(reverse("web:territories"), {"q": "69123"}).context["results"]
    assert [c.code for c in by_code["communes"]] == ["69123"]


def test_a_metropole_page_lists_its_communes_and_draws_its_map(client):
    lyon = Epci.objects.get(source_type="MET69")
    response = client.get(reverse("web:territory", args=["epci", lyon.code]))
    html = response.content.decode()
    assert response.context["map"].is_drawn
    assert (
        len(response.context["map"].shapes)
        == lyon.communes.filter(kind="commune").count() - response.context["map"].missing
    )
    assert 'data-testid="territory-map"' in html
    assert html.count("<path ") == len(response.context["map"].shapes)
    assert "Villeurbanne" in html


def test_a_commune_page_shows_its_arrondissements(client):
    response = client.get(reverse("web:territory", args=["commune", "75056"]))
    assert response.status_code == 200
    assert len(response.context["parts"]) == 20


@pytest.mark.parametrize(
    "url",
    [
        "/territoires/commune/99999/",
        "/territoires/epci/000000000/",
        "/territoires/galaxie/1/",
        "/territoires/commune/75108/",  # an arrondissement is not a commune page
    ],
)
def test_unknown_territories_give_a_dsfr_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page non trouvée" in html
    assert 'class="fr-header"' in html


def test_user_text_is_escaped_in_search(client):
    response = client.get(reverse("web:territories"), {"q": "<script>alert(1)</script>"})
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_health(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_every_page_carries_a_strict_content_security_policy(client):
    policy = client.get(reverse("web:home"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
