"""Bad input, on every surface: one clear translated message, no page error, no traceback."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import translation

from frenchtech.cli import main
from frenchtech.evaluation import panels
from tests.calls.factories import consortium
from tests.labels.conftest import make_label

pytestmark = pytest.mark.django_db

CREATIONS = "digital_company_creations"


def constant_rows(snapshot, indicator):
    """Every EPCI has 5 every year: an indicator that does not vary."""
    years = {row[1] for row in ORIGINAL(snapshot, indicator)}
    return [(code, year, 5.0) for code in panels.territories() for year in years]


def rows_without_2012(snapshot, indicator):
    return [row for row in ORIGINAL(snapshot, indicator) if row[1] != 2012]


ORIGINAL = panels.indicator_rows

CASES = {
    # name: (set-up, indicator, error code, a fragment of the French message)
    "fewer_than_two_groups": (None, CREATIONS, "too_few_groups", "au moins deux groupes"),
    "label_outside_panel": ("label_2008", CREATIONS, "label_outside_panel",
                            "Métropole de Lyon a reçu son premier label en 2008"),
    "no_variation": ("constant", CREATIONS, "no_variation", "la même valeur partout"),
    "missing_year": ("gap", CREATIONS, "missing_year", "aucune valeur pour l'année 2012"),
    "stock_only": (None, "digital_scaleups", "too_few_years", "date du stock"),
}  # fmt: skip


@pytest.fixture
def case(request, planted, monkeypatch):
    set_up, indicator, code, fragment = CASES[request.param]
    if set_up == "label_2008":
        make_label(consortium("French Tech Bordeaux (test)", "bordeaux"), dt.date(2015, 6, 1))
        make_label(consortium("French Tech Lyon (test)", "lyon"), dt.date(2008, 4, 1))
    elif set_up in ("constant", "gap"):
        make_label(consortium("French Tech Bordeaux (test)", "bordeaux"), dt.date(2015, 6, 1))
        replacement = constant_rows if set_up == "constant" else rows_without_2012
        monkeypatch.setattr(panels, "indicator_rows", replacement)
    elif request.param == "stock_only":
        make_label(consortium("French Tech Bordeaux (test)", "bordeaux"), dt.date(2015, 6, 1))
    return indicator, code, fragment


@pytest.mark.parametrize("case", list(CASES), indirect=True)
def test_the_page_says_it_in_one_message(client, case):
    indicator, code, fragment = case
    response = client.get(reverse("evaluation:indicator", args=[indicator]))
    assert response.status_code == 200
    html = response.content.decode().replace("&#x27;", "'")
    assert f'id="evaluation-error" data-code="{code}"' in html
    assert fragment in html
    assert html.count('class="fr-alert fr-alert--info') == 1
    assert "<svg" not in html.split('id="evaluation-error"')[1].split('id="method"')[0]


@pytest.mark.parametrize("case", list(CASES), indirect=True)
def test_the_api_answers_the_error_as_data(client, case):
    indicator, code, fragment = case
    response = client.get(f"/api/v1/evaluation/{indicator}")
    assert response.status_code == 200
    document = response.json()
    assert document["error"]["code"] == code
    assert fragment in document["error"]["detail"]
    assert document["evaluation"] is None


@pytest.mark.parametrize("case", list(CASES), indirect=True)
def test_the_command_line_prints_one_line_and_exits_2(case, capsys):
    indicator, _code, fragment = case
    assert main(["evaluate", "--indicator", indicator]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("frenchtech evaluate: error: ")
    assert fragment in captured.err
    assert "Traceback" not in captured.err


def test_messages_are_translated(client, planted):
    with translation.override("en"):
        html = client.get(reverse("evaluation:indicator", args=["digital_scaleups"])).content
    assert "stock date only" in html.decode()
    assert main(["evaluate", "--indicator", "digital_scaleups", "--language", "en"]) == 2


def test_no_published_snapshot(client, settings, tmp_path, capsys):
    settings.OBSERVATORY_DIR = tmp_path
    html = client.get(reverse("evaluation:indicator", args=[CREATIONS])).content.decode()
    assert 'data-code="no_snapshot"' in html
    assert json.loads(client.get(f"/api/v1/evaluation/{CREATIONS}").content)["error"] == {
        "code": "no_snapshot",
        "detail": "Aucun jeu d'indicateurs de l'observatoire n'a encore été publié : "
        "l'évaluation n'est pas disponible.",
    }
    assert main(["evaluate", "--indicator", CREATIONS]) == 2
    assert "n'a encore été publié" in capsys.readouterr().err


def test_unknown_indicators(client, capsys):
    assert client.get(reverse("evaluation:indicator", args=["nothing"])).status_code == 404
    response = client.get("/api/v1/evaluation/nothing")
    assert response.status_code == 400
    assert response.json()["parameter"] == "indicator"
    with pytest.raises(SystemExit) as exit_status:
        main(["evaluate", "--indicator", "nothing"])
    assert exit_status.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
