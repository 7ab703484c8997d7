"""Bounds: amounts, ids, offsets and query parameters give a 4xx with a message, never a 500;
the API answers every error in JSON."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.core.converters import MAX_ID, parse_id
from frenchtech.core.refusals import ActionRefused
from frenchtech.funding.money import MAX_AMOUNT_CENTS, parse_euros
from frenchtech.web.public import errors
from tests.funding.factories import make_envelope

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parents[2] / "frenchtech"
HUGE = "9" * 30


def test_no_url_takes_an_unbounded_integer():
    for path in sorted(PACKAGE.glob("web/**/urls.py")) + sorted(PACKAGE.glob("api/**/*.py")):
        assert "<int:" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("number", [HUGE, str(MAX_ID + 1), "99999999999"])
def test_a_huge_id_in_a_page_address_is_a_404(client_for, number):
    client = client_for(Role.MISSION_OFFICER)
    for url in (
        f"/organisations/{number}/",
        f"/financements/enveloppes/{number}/",
        f"/labels/{number}/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url


def test_the_largest_id_is_still_an_id(client_for):
    client = client_for(Role.MISSION_OFFICER)
    assert client.get(reverse("web:organisation", args=[MAX_ID])).status_code == 404


@pytest.mark.parametrize("value", ["²", "١", HUGE, "-1", "0", "1e3", ""])
def test_a_bad_query_id_is_ignored_not_a_crash(client_for, value):
    assert parse_id(value) is None
    client = client_for(Role.MISSION_OFFICER)
    for parameter in ("call", "contact"):
        response = client.get(reverse("calls:dashboard"), {parameter: value})
        assert response.status_code == 200
        response = client.get(reverse("calls:export", args=["csv"]), {parameter: value})
        assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/applications/{HUGE}",
        f"/api/v1/applications/{MAX_ID + 1}",
        f"/api/v1/applications?call={HUGE}",
        f"/api/v1/labels/ecosystems/{HUGE}",
        f"/api/v1/territories/regions?offset={HUGE}",
        "/api/v1/territories/regions?limit=²",
        f"/api/v1/observatory/values?offset={HUGE}",
        "/api/v1/observatory/values?year=²",
    ],
)
def test_the_api_refuses_huge_numbers_with_a_json_400(client_for, url):
    client = client_for(Role.MISSION_OFFICER)
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]


def test_an_unknown_api_address_is_a_json_404(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    # ...while the pages keep their HTML 404.
    assert "text/html" in client.get("/no-such-page/")["Content-Type"]


def test_an_api_failure_is_a_json_500(client, monkeypatch):
    from frenchtech.api.endpoints import labels

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(labels, "labels_with_history", broken)
    response = client.get("/api/v1/labels/ecosystems/1")
    assert response.status_code == 500
    assert response.json() == {
        "error": "server_error",
        "detail": "internal error; it has been logged",
        "parameter": None,
    }


def test_django_level_errors_under_the_api_are_json():
    request = RequestFactory().get("/api/v1/anything")
    assert errors.server_error(request)["Content-Type"] == "application/json"
    assert errors.permission_denied(request).status_code == 403


@pytest.mark.parametrize("text", ["92233720368547758", "10000000001", "1" * 5000])
def test_an_amount_above_ten_billion_euros_is_refused_when_read(text):
    with pytest.raises(ValidationError, match="10 milliards"):
        parse_euros(text)
    assert parse_euros("10 000 000 000") == MAX_AMOUNT_CENTS


def test_an_envelope_above_ten_billion_euros_is_refused():
    with pytest.raises(ActionRefused, match="10 milliards"):
        make_envelope(amount_cents=9_223_372_036_854_775_800)
    with pytest.raises(ActionRefused, match="10 milliards"):
        make_envelope(amount_cents=MAX_AMOUNT_CENTS + 1)
    assert make_envelope(amount_cents=MAX_AMOUNT_CENTS).amount_cents == MAX_AMOUNT_CENTS


def test_the_model_bounds_every_amount():
    from django.apps import apps

    from frenchtech.funding.money import AmountField

    fields = [
        field
        for model in apps.get_app_config("funding").get_models()
        for field in model._meta.get_fields()
        if field.name.endswith("_cents")
    ]
    assert fields
    assert all(isinstance(field, AmountField) for field in fields), fields
    envelope = make_envelope()
    envelope.amount_cents = MAX_AMOUNT_CENTS + 1
    with pytest.raises(ValidationError):
        envelope.full_clean()
