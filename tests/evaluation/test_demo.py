"""The demo shows the evaluation on its synthetic snapshot, with the demo's labels, and the
benchmark's workload runs; the demo's planted effect matches the labels it grants."""

import importlib.util
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse

from frenchtech.demo import calls, evaluation, labels, observatory
from frenchtech.demo.accounts import load_demo_accounts
from frenchtech.demo.planted import DEMO_LABEL_YEARS
from frenchtech.evaluation.history import label_history

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parents[2] / "bench" / "evaluation_bench.py"


@pytest.fixture
def demo(settings, tmp_path, monkeypatch):
    settings.OBSERVATORY_DIR = tmp_path / "observatory"
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(observatory, "DEMO_COMPANIES", 150_000)  # the real one: 1 M
    cache.clear()
    lines = observatory.load()
    load_demo_accounts()
    calls.load()
    labels.load()
    yield lines
    cache.clear()


def test_the_planted_effect_follows_the_demo_s_labels(demo):
    history, _fingerprint = label_history()
    first_years = {code: entry.group for code, entry in history.items()}
    for code, year in DEMO_LABEL_YEARS.items():
        assert first_years[code] == year
    assert "planted effect for the evaluation" in demo[0]


def test_the_demo_shows_its_evaluation_and_says_it_is_synthetic(demo, client, settings):
    [line] = evaluation.load()
    assert line.startswith("Evaluation (SYNTHETIC figures)")
    html = client.get(reverse("evaluation:indicator", args=["digital_company_creations"]))
    html = html.content.decode()
    assert 'id="synthetic-notice"' in html
    assert 'id="planted-notice"' in html
    assert 'id="overall-estimate"' in html
    assert 'id="few-labelled"' in html  # one EPCI per wave: the page warns
    spec = importlib.util.spec_from_file_location("evaluation_bench", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.run(settings.OBSERVATORY_DIR, "comparable", 99)
    creations = result["indicators"]["digital_company_creations"]
    assert creations["synthetic_controls"] == 2
    assert result["indicators"]["digital_scaleups"] == {
        "error": "too_few_years",
        "seconds": result["indicators"]["digital_scaleups"]["seconds"],
    }
