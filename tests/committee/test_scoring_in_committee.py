"""The scoring engine inside the committee: model configuration, results, what-if."""

import json

import pytest
from django.urls import reverse

from frenchtech.committee.actions.evaluation import configure_evaluation
from frenchtech.committee.evaluation import DEFAULT_REVIEW_SOURCES, preset_definition
from frenchtech.committee.models import EvaluationModel
from frenchtech.committee.performance import performance_rows
from frenchtech.scoring.errors import ScoringError
from tests.committee.builders import sign_in_with_otp
from tests.committee.scenario import build

pytestmark = pytest.mark.django_db

PRESET = "programme-2013-electre-tri-b"


def test_the_performance_table_joins_the_observatory_and_the_reviews(mission, observatory):
    s = build(mission)
    model = EvaluationModel.objects.get(call=s.round.call)
    rows = performance_rows(s.round, [s.application, s.other], model.definition,
                            model.review_sources)  # fmt: skip
    reviewed = rows[s.application.pk]
    assert reviewed["committee_growth_strategy"] == 4.0  # criterion 3 average
    assert reviewed["committee_public_actors_role"] == 3.5  # criterion 2
    assert reviewed["digital_company_creations_excl_sole"] is not None  # observatory
    assert rows[s.other.pk]["committee_growth_strategy"] is None  # no review yet


def test_the_application_page_shows_category_probability_and_what_carried_it(
    client, mission, observatory
):
    s = build(mission)
    sign_in_with_otp(client, mission)
    url = reverse("committee:application", args=[s.round.pk, s.application.pk])
    page = client.get(url).content.decode()
    assert 'id="scoring-category"' in page
    assert "Probabilité d'être labellisé (SMAA-TRI)" in page
    assert 'id="scoring-carried"' in page
    other = client.get(reverse("committee:application", args=[s.round.pk, s.other.pk]))
    assert 'id="scoring-missing"' in other.content.decode()


def test_what_if_recomputes_without_saving(client, mission, observatory):
    s = build(mission)
    sign_in_with_otp(client, mission)
    before = EvaluationModel.objects.get().definition
    url = reverse("committee:application", args=[s.round.pk, s.application.pk])
    weights = {f"w_{c['id']}": 0 for c in before["criteria"]}
    weights["w_committee_growth_strategy"] = 1  # only the committee's 4/5 counts
    page = client.get(url, weights).content.decode()
    assert 'id="what-if-result"' in page
    assert 'data-category="labelled"' in page.split('id="what-if-result"')[1]
    assert EvaluationModel.objects.get().definition == before
    bad = client.get(url, {"w_professional_events": "beaucoup"}).content.decode()
    assert "Poids illisible" in bad
    negative = client.get(url, {"w_professional_events": "-1"}).content.decode()
    assert "professional_events" in negative
    assert "fr-alert--error" in negative


def test_the_model_is_validated_by_the_engine_with_its_clear_errors(client, mission):
    s = build(mission)
    sign_in_with_otp(client, mission)
    url = reverse("committee:evaluation_model", args=[s.round.call_id])
    assert "programme-2013-electre-tri-b" in client.get(url).content.decode()
    definition = preset_definition(PRESET)
    definition["profiles"].reverse()  # unordered profiles
    response = client.post(
        url,
        {
            "preset": PRESET,
            "definition": json.dumps(definition),
            "review_sources": json.dumps(DEFAULT_REVIEW_SOURCES),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Modèle refusé" in page
    assert "not ordered on criterion" in page
    definition = preset_definition("cdc-report-electre-tri-b")
    definition["lambda"] = 0.7
    response = client.post(
        url,
        {"preset": "cdc-report-electre-tri-b", "definition": json.dumps(definition),
         "review_sources": json.dumps(DEFAULT_REVIEW_SOURCES)},
    )  # fmt: skip
    assert response.status_code == 302
    assert EvaluationModel.objects.get().definition["lambda"] == 0.7


def test_bad_json_and_unknown_sources_are_refused(client, mission):
    s = build(mission)
    sign_in_with_otp(client, mission)
    url = reverse("committee:evaluation_model", args=[s.round.call_id])
    page = client.post(url, {"definition": "{", "review_sources": ""}).content.decode()
    assert "JSON illisible" in page
    with pytest.raises(ScoringError, match="critère 9"):
        configure_evaluation(by=mission, call=s.round.call, definition=preset_definition(PRESET),
                             review_sources={"committee_international": 9})  # fmt: skip
    smaa = preset_definition("programme-2013-smaa-tri")
    with pytest.raises(ScoringError, match="ELECTRE TRI-B"):
        configure_evaluation(by=mission, call=s.round.call, definition=smaa, review_sources={})
