import csv
import io

import pyarrow.parquet as pq
import pytest
from django.urls import reverse

from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.observatory.engine.schema import INDICATORS
from frenchtech.territories.models import Epci

pytestmark = pytest.mark.django_db


def test_the_catalogue_describes_exactly_the_engine_indicators():
    assert list(CATALOGUE) == list(INDICATORS)


def test_without_a_published_snapshot_the_pages_say_so(client, settings, tmp_path):
    settings.OBSERVATORY_DIR = tmp_path
    response = client.get(reverse("observatory:ranking"))
    assert response.status_code == 200
    assert "Aucun jeu d'indicateurs" in response.content.decode().replace("&#x27;", "'")


def test_the_ranking_covers_every_epci_and_says_synthetic(
    client, observatory, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(
            reverse("observatory:ranking"), {"indicator": "digital_company_creations"}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="synthetic-notice"' in html
    # A count ranks every EPCI: those without a creation count zero.
    assert response.context["ranked_count"] == Epci.objects.count()
    rows = list(response.context["page"].paginator.object_list)
    assert [r.rank for r in rows] == sorted(r.rank for r in rows)
    assert response.context["map_is_drawn"]
    drawn = client.get(
        reverse("observatory:ranking_map"), {"indicator": "digital_company_creations"}
    ).content.decode()
    assert drawn.count("<path") == Epci.objects.count()


def test_the_ranking_values_are_those_of_the_snapshot(client, observatory):
    response = client.get(
        reverse("observatory:ranking"), {"indicator": "digital_company_creations"}
    )
    year = response.context["year"]
    published = {
        row["territory_code"]: row["value"]
        for row in observatory.read_indicators(
            level="epci", year=year, indicator="digital_company_creations", as_records=True
        )
    }
    shown = {r.code: r.value for r in response.context["page"].paginator.object_list}
    assert published
    assert all(shown[code] == value for code, value in published.items())
    assert all(value == 0 for code, value in shown.items() if code not in published)


def test_among_metropoles_only_the_22_are_listed(client, observatory):
    response = client.get(reverse("observatory:ranking"), {"scope": "metropoles"})
    rows = list(response.context["page"].paginator.object_list)
    assert len(rows) == 22
    assert all(r.is_metropole for r in rows)


def test_csv_and_parquet_downloads_hold_what_is_shown(client, observatory):
    params = {"level": "departement", "indicator": "digital_active_companies"}
    shown = client.get(reverse("observatory:ranking"), params).context["page"].paginator.object_list
    response = client.get(reverse("observatory:ranking_download", args=["csv"]), params)
    assert response["Content-Disposition"].endswith('-synthetic.csv"')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["territory_code"] for row in rows] == [r.code for r in shown]
    assert {row["synthetic"] for row in rows} == {"True"}
    parquet = client.get(reverse("observatory:ranking_download", args=["parquet"]), params)
    table = pq.read_table(io.BytesIO(parquet.content))
    assert table.column("territory_code").to_pylist() == [r.code for r in shown]


def test_an_unknown_download_format_is_a_404(client, observatory):
    assert client.get("/observatoire/classement.exe").status_code == 404


def test_a_territory_profile_shows_every_indicator_with_its_provenance(client, observatory):
    lyon = Epci.objects.get(source_type="MET69")
    response = client.get(reverse("observatory:profile", args=["epci", lyon.code]))
    assert response.status_code == 200
    html = response.content.decode()
    snapshot = observatory.latest()
    assert snapshot.id in html
    assert "ft-indicators-1" in html
    for name in CATALOGUE:
        assert f'id="indicator-{name}"' in html


def test_a_profile_of_an_unknown_territory_is_a_404(client, observatory):
    assert client.get(reverse("observatory:profile", args=["epci", "123456789"])).status_code == 404


def test_the_methodology_lists_every_indicator(client):
    html = client.get(reverse("observatory:methodology")).content.decode()
    for name in INDICATORS:
        assert f"<code>{name}</code>" in html


def test_a_profile_page_reads_the_territories_once_for_all_its_rankings(
    client, observatory, django_assert_max_num_queries
):
    lyon = Epci.objects.get(source_type="MET69")
    client.get(reverse("observatory:profile", args=["epci", lyon.code]))  # warm the caches
    with django_assert_max_num_queries(4):
        response = client.get(reverse("observatory:profile", args=["epci", lyon.code]))
    assert response.status_code == 200
