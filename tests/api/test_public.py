"""Open data: every endpoint answers every role, anonymous and token alike, in few queries."""

import pytest

from frenchtech.accounts.enums import OrganisationKind
from frenchtech.territories.enums import EpciKind
from frenchtech.territories.models import Epci
from tests.api.helpers import ROLES, count_queries, labelled, mission_user
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/api/v1/territories/regions",
    "/api/v1/territories/regions/84",
    "/api/v1/territories/departements?region=84",
    "/api/v1/territories/departements/69",
    "/api/v1/territories/epci?kind=metropole",
    "/api/v1/territories/epci/200046977",
    "/api/v1/territories/communes?departement=69&limit=10",
    "/api/v1/territories/communes/69123",
    "/api/v1/observatory/indicators",
    "/api/v1/observatory/values?level=region",
    "/api/v1/observatory/rankings?level=region",
    "/api/v1/labels/ecosystems",
    "/api/v1/funding/summary",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
@pytest.mark.parametrize("role", ROLES)
def test_open_data_answers_every_role(client_for, url, role):
    response = client_for(role).get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_open_data_answers_a_token(token_client, url):
    from frenchtech.accounts.enums import Role
    from tests.factories import UserWithRoleFactory

    client = token_client(UserWithRoleFactory(Role.PARTNER_STAFF))
    assert client.get(url).status_code == 200


def test_regions_paginate(client):
    first = client.get("/api/v1/territories/regions?limit=5").json()
    second = client.get("/api/v1/territories/regions?limit=5&offset=5").json()
    assert first["count"] == second["count"] >= 18
    assert len(first["results"]) == 5
    assert not {r["code"] for r in first["results"]} & {r["code"] for r in second["results"]}


def test_epci_carry_kind_and_population(client):
    body = client.get("/api/v1/territories/epci/200046977").json()  # Métropole de Lyon
    assert body["kind"] == EpciKind.METROPOLE
    assert body["population"] > 1_000_000


@pytest.mark.parametrize("code", ["75101", "69381", "13201"])
def test_an_arrondissement_code_gives_its_commune(client, code):
    body = client.get(f"/api/v1/territories/communes/{code}").json()
    assert body["requested_code"] == code
    assert body["commune"]["kind"] == "commune"
    assert body["commune"]["code"] == {"75": "75056", "69": "69123", "13": "13055"}[code[:2]]


def test_a_commune_deleguee_code_gives_its_commune(client):
    from frenchtech.territories.models import Commune

    part = Commune.objects.filter(kind="commune_deleguee").exclude(code=F_parent_code()).first()
    body = client.get(f"/api/v1/territories/communes/{part.code}").json()
    assert body["commune"]["code"] == part.parent.code


def F_parent_code():
    from django.db.models import F

    return F("parent__code")


def test_an_unknown_commune_is_a_json_404(client):
    response = client.get("/api/v1/territories/communes/00000")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_communes_list_parts_on_request(client):
    body = client.get("/api/v1/territories/communes?kind=arrondissement_municipal&departement=75")
    rows = body.json()["results"]
    assert len(rows) == 20
    assert {row["parent"] for row in rows} == {"75056"}


def test_territory_lists_take_constant_queries(client):
    for url in (
        "/api/v1/territories/regions",
        "/api/v1/territories/departements",
        "/api/v1/territories/epci?limit=500",
        "/api/v1/territories/communes?limit=500",
    ):
        queries, _ = count_queries(client, url)
        assert queries == 2, url  # one COUNT, one page


def test_commune_lookup_takes_two_queries(client):
    queries, _ = count_queries(client, "/api/v1/territories/communes/75101")
    assert queries == 2


def test_without_a_snapshot_values_and_rankings_are_empty(client):
    body = client.get("/api/v1/observatory/values").json()
    assert body == {"count": 0, "limit": 100, "offset": 0, "snapshot": None, "results": []}
    assert client.get("/api/v1/observatory/rankings").json()["results"] == []


def test_values_name_their_snapshot_definitions_and_synthetic_flag(client, observatory):
    snapshot = observatory.latest()
    body = client.get(
        "/api/v1/observatory/values?level=region&indicator=digital_company_creations&limit=500"
    ).json()
    assert body["count"] > 0
    assert body["snapshot"]["id"] == snapshot.id
    for row in body["results"]:
        assert row["snapshot_id"] == snapshot.id
        assert row["definitions_version"] == snapshot.manifest()["definitions_version"]
        assert row["synthetic"] is True
        assert row["level"] == "region"
        assert row["indicator"] == "digital_company_creations"


def test_values_filter_on_year_and_territory(client, observatory):
    rows = client.get("/api/v1/observatory/values?level=departement&territory=69&year=2020").json()[
        "results"
    ]
    assert rows
    assert {(row["territory"], row["year"]) for row in rows} == {("69", 2020)}


def test_rankings_rank_every_territory_of_the_level(client, observatory):
    body = client.get(
        "/api/v1/observatory/rankings?level=departement&indicator=digital_company_creations"
        "&limit=500"
    ).json()
    assert body["year"] is not None
    assert body["synthetic"] is True
    assert body["count"] == len(body["results"]) >= 96
    ranks = [row["rank"] for row in body["results"] if row["rank"] is not None]
    assert ranks == sorted(ranks)
    assert ranks[0] == 1
    assert client.get("/api/v1/observatory/rankings?level=epci").json()["count"] > 1000


def test_observatory_takes_constant_queries(client, observatory):
    queries, _ = count_queries(client, "/api/v1/observatory/values?level=epci&limit=500")
    assert queries == 0  # read from the snapshot files, not the database
    queries, _ = count_queries(client, "/api/v1/observatory/rankings?level=epci&limit=500")
    assert queries == 1  # the EPCI names


def _consortium(epci):
    return OrganisationFactory(kind=OrganisationKind.CONSORTIUM, territory=epci)


def test_ecosystems_show_status_and_public_reasons_only(client):
    mission = mission_user()
    lyon = _consortium(Epci.objects.get(code="200046977"))
    labelled(lyon, mission, suspended=True)
    body = client.get("/api/v1/labels/ecosystems").json()
    assert body["count"] == 1
    entry = body["results"][0]
    assert entry["status"] == "suspended"
    assert entry["epci"] == "200046977"
    history = entry["labels"][0]["history"]
    assert [event["event"] for event in history] == ["granted", "suspended"]
    assert "motif interne" not in str(body)
    assert history[1]["public_reason"].startswith("Suspendu")
    assert client.get(f"/api/v1/labels/ecosystems/{lyon.pk}").json()["consortium_id"] == lyon.pk
    assert client.get("/api/v1/labels/ecosystems?status=confirmed").json()["count"] == 0


def test_an_ecosystem_never_labelled_is_a_404(client):
    response = client.get("/api/v1/labels/ecosystems/999999")
    assert response.status_code == 404


def test_ecosystems_take_constant_queries(client):
    mission = mission_user()
    metropoles = list(Epci.objects.filter(kind=EpciKind.METROPOLE).order_by("code")[:6])
    labelled(_consortium(metropoles[0]), mission)
    few, _ = count_queries(client, "/api/v1/labels/ecosystems")
    for epci in metropoles[1:]:
        labelled(_consortium(epci), mission, suspended=True)
    many, response = count_queries(client, "/api/v1/labels/ecosystems")
    assert response.json()["count"] == 6
    assert few == many <= 3


def test_funding_summary_gives_totals_only(client):
    body = client.get("/api/v1/funding/summary").json()
    assert set(body) == {
        "currency",
        "envelopes",
        "committed_cents",
        "paid_cents",
        "private_levered_cents",
        "investments_committed",
    }
