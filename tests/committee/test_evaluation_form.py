"""The evaluation model is edited in a form (French labels, decimal commas), the JSON is an
export and stays an import."""

import json

import pytest
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.committee.actions.evaluation import configure_evaluation
from frenchtech.committee.evaluation import DEFAULT_REVIEW_SOURCES, preset_definition
from frenchtech.committee.models import EvaluationModel
from frenchtech.web.committee.evaluation_form import EvaluationModelEditor
from tests.committee.builders import committee_round, sign_in_with_otp

pytestmark = pytest.mark.django_db
PRESET = "programme-2013-electre-tri-b"


def editor_post(form):
    """What the browser sends: every field of the form as rendered (initial values)."""
    data = {}
    for field in form:
        value = field.value()
        data[field.html_name] = "" if value is None else str(value).replace(".", ",")
    return data


@pytest.fixture
def page(client, mission):
    round_, _applications, _members = committee_round(applications_count=1, members_count=0)
    sign_in_with_otp(client, mission)
    return client, round_.call, reverse("committee:evaluation_model", args=[round_.call_id])


def test_the_form_shows_french_labels_and_no_raw_json_first(page):
    client, _call, url = page
    html = client.get(url).content.decode()
    assert "Fonds levés par les entreprises du territoire" in html
    assert "Funds raised by companies" not in html.split('id="evaluation-json"')[0]
    assert "Plancher du label" in html
    assert 'id="criteria"' in html
    assert html.index('id="evaluation-editor"') < html.index('id="evaluation-json"')


def test_weights_and_thresholds_are_saved_from_the_form_with_decimal_commas(page, mission):
    client, call, url = page
    form = EvaluationModelEditor(
        base_name=PRESET,
        definition=preset_definition(PRESET),
        review_sources=DEFAULT_REVIEW_SOURCES,
        call_criteria=call.criteria,
    )
    data = editor_post(form)
    data["weight__professional_events"] = "12"
    data["cutting_level"] = "0,7"
    data["profile__label_floor__committee_international"] = "3,75"
    data["source__committee_international"] = "2"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    model = EvaluationModel.objects.get(call=call)
    criteria = {c["id"]: c for c in model.definition["criteria"]}
    assert criteria["professional_events"]["weight"] == 12
    assert model.definition["lambda"] == 0.7
    label_floor = next(p for p in model.definition["profiles"] if p["id"] == "label_floor")
    assert label_floor["values"]["committee_international"] == 3.75
    assert model.review_sources["committee_international"] == 2
    assert model.preset == PRESET


def test_a_wrong_form_keeps_its_input_and_says_why(page):
    client, call, url = page
    form = EvaluationModelEditor(
        base_name=PRESET,
        definition=preset_definition(PRESET),
        review_sources=DEFAULT_REVIEW_SOURCES,
        call_criteria=call.criteria,
    )
    data = editor_post(form)
    data["q__professional_events"] = "9"  # above p (6)
    data["cutting_level"] = "0,3"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Le seuil p doit être au moins égal à q." in html
    assert 'value="9"' in html
    assert not EvaluationModel.objects.exists()


def test_the_saved_model_is_exported_as_json(page, mission):
    client, call, url = page
    configure_evaluation(
        by=mission,
        call=call,
        definition=preset_definition(PRESET),
        review_sources=DEFAULT_REVIEW_SOURCES,
        preset=PRESET,
    )
    response = client.get(url, {"export": "json"})
    assert response["Content-Type"].startswith("application/json")
    assert json.loads(response.content)["definition"] == preset_definition(PRESET)
    # The form now edits the stored model.
    assert 'name="base" value="current"' in client.get(url).content.decode()


@pytest.mark.parametrize("role", [Role.COMMITTEE_MEMBER, Role.CONSORTIUM_LEAD, None])
def test_only_the_mission_edits_the_model(client_for, role):
    round_, _applications, _members = committee_round(applications_count=1, members_count=0)
    url = reverse("committee:evaluation_model", args=[round_.call_id])
    response = client_for(role).get(url)
    assert response.status_code in (302, 403)
    assert client_for(role).get(url, {"export": "json"}).status_code in (302, 403)
