"""The OpenAPI document, and 400s naming the offending parameter."""

import json

import pytest
from django.urls import get_resolver

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"


def _api_paths() -> set[str]:
    from frenchtech.api.api import api

    paths = set()
    for pattern in api.urls[0]:
        route = str(pattern.pattern)
        if route in ("openapi.json", "docs", ""):
            continue
        paths.add("/api/v1/" + route.replace("<int:", "{").replace("<", "{").replace(">", "}"))
    return paths


def test_the_openapi_document_is_valid_json_with_every_path(client):
    response = client.get(OPENAPI)
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "French Tech API"
    documented = set(document["paths"])
    assert _api_paths() <= documented, _api_paths() - documented
    assert len(documented) == 21
    schemes = document["components"]["securitySchemes"]
    assert {"TokenAuth", "SessionAuth"} <= set(schemes)
    assert schemes["TokenAuth"]["scheme"] == "bearer"


def test_every_operation_has_a_summary_and_a_200_or_201_or_204(client):
    document = client.get(OPENAPI).json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            assert {"200", "201", "204"} & set(operation["responses"]), (method, path)


def test_the_api_is_mounted_under_api_v1():
    assert get_resolver().resolve(OPENAPI)


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/territories/regions?limit=0", "limit"),
        ("/api/v1/territories/regions?limit=501", "limit"),
        ("/api/v1/territories/regions?limit=ten", "limit"),
        ("/api/v1/territories/regions?offset=-1", "offset"),
        ("/api/v1/territories/epci?kind=village", "kind"),
        ("/api/v1/territories/communes?kind=hameau", "kind"),
        ("/api/v1/territories/communes?departement=1234", "departement"),
        ("/api/v1/observatory/values?level=canton", "level"),
        ("/api/v1/observatory/values?indicator=unicorns", "indicator"),
        ("/api/v1/observatory/values?year=twenty", "year"),
        ("/api/v1/observatory/values?year=1500", "year"),
        ("/api/v1/observatory/rankings?level=commune", "level"),
        ("/api/v1/observatory/rankings?indicator=unicorns", "indicator"),
        ("/api/v1/labels/ecosystems?status=golden", "status"),
        ("/api/v1/labels/ecosystems/abc", "consortium_id"),
    ],
)
def test_bad_parameters_give_400_naming_the_parameter(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert body["parameter"] == parameter
    assert parameter in body["detail"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/applications?state=dreaming", "state"),
        ("/api/v1/applications?call=x", "call"),
        ("/api/v1/applications?limit=100000", "limit"),
        ("/api/v1/applications/abc", "application_id"),
    ],
)
def test_bad_parameters_of_partners_give_400_once_authenticated(token_client, url, parameter):
    from frenchtech.accounts.enums import Role
    from tests.factories import UserWithRoleFactory

    response = token_client(UserWithRoleFactory(Role.MISSION_OFFICER)).get(url)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
