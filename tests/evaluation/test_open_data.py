"""The evaluation as open data: API, CSV (formulas neutralised) and the command line."""

import csv
import io
import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from frenchtech.accounts.enums import Role
from frenchtech.cli import main
from frenchtech.core.exports import neutralised
from frenchtech.evaluation.exports import CSV_FIELDS
from frenchtech.territories.models import Epci
from tests.evaluation.conftest import BORDEAUX, LYON, NANTES

pytestmark = pytest.mark.django_db

CREATIONS = "digital_company_creations"
API = f"/api/v1/evaluation/{CREATIONS}"


@pytest.mark.parametrize("role", [None, Role.MISSION_OFFICER, Role.CONSORTIUM_LEAD])
def test_the_api_gives_the_whole_evaluation(client_for, role, planted, labelled,
                                            django_assert_max_num_queries):  # fmt: skip
    client = client_for(role)
    client.get(API)
    with django_assert_max_num_queries(6):
        document = client.get(API).json()
    assert document["synthetic"] is True
    assert document["snapshot"]["synthetic"] is True
    assert document["method_version"] == "ft-evaluation-1"
    assert document["pool"]["name"] == "comparable"
    assert document["labelled_after_panel"] == [LYON]
    evaluation = document["evaluation"]
    assert evaluation["effect_unit"] == "percent"
    assert evaluation["groups"] == [
        {"year": 2015, "units": [BORDEAUX, NANTES],
         "names": ["Bordeaux Métropole", "Nantes Métropole"]}
    ]  # fmt: skip
    assert evaluation["overall"]["lower"] > 0
    assert set(evaluation["estimates"]) == {"never", "not_yet"}
    assert {c["unit"] for c in evaluation["synthetic_controls"]} == {BORDEAUX, NANTES}
    assert evaluation["twfe"]["clusters"] <= evaluation["units"]  # Poisson drops all-zero EPCI


def test_the_api_gives_one_synthetic_control(client, planted, labelled):
    response = client.get(f"{API}/synthetic-controls/{BORDEAUX}")
    assert response.status_code == 200
    control = response.json()["synthetic_control"]
    assert control["name"] == "Bordeaux Métropole"
    assert 0 < control["p_value"] <= 1
    assert abs(sum(d["weight"] for d in control["donors"]) - 1) < 0.01
    assert len(control["series"]) == 16
    assert client.get(f"{API}/synthetic-controls/{LYON}").status_code == 404
    response = client.get(f"{API}?pool=villages")
    assert response.status_code == 400
    assert response.json()["parameter"] == "pool"


def test_the_pool_of_every_epci_is_larger(client, planted, labelled):
    comparable = client.get(API).json()["evaluation"]["units"]
    everything = client.get(f"{API}?pool=all").json()["evaluation"]["units"]
    assert comparable < everything


def test_the_csv_has_one_row_per_figure_and_says_where_it_comes_from(client, planted, labelled):
    response = client.get(reverse("evaluation:export", args=[CREATIONS]))
    assert response["Content-Type"].startswith("text/csv")
    assert "synthetic" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == CSV_FIELDS
    assert {row["synthetic"] for row in rows} == {"True"}
    assert {row["method_version"] for row in rows} == {"ft-evaluation-1"}
    sections = {row["section"] for row in rows}
    assert {"overall", "event_study", "twfe", "synthetic_control", "donor"} <= sections
    # Numbers stay numbers, negative ones too.
    negative = [row["estimate"] for row in rows if row["estimate"].startswith("-")]
    assert negative
    assert all(float(value) < 0 for value in negative)


def test_csv_text_cells_cannot_run_as_formulas(client, planted, labelled):
    Epci.objects.filter(code=BORDEAUX).update(name='=HYPERLINK("http://evil.invalid","x")')
    cache.clear()
    text = client.get(reverse("evaluation:export", args=[CREATIONS])).content.decode()
    names = {row["unit_name"] for row in csv.DictReader(io.StringIO(text))}
    assert '\'=HYPERLINK("http://evil.invalid","x")' in names
    assert not any(name.startswith("=") for name in names)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start):
    assert neutralised(f"{start}1+1") == f"'{start}1+1"
    assert neutralised("Lyon") == "Lyon"
    assert neutralised(-3.5) == -3.5


def test_the_command_line_writes_json_and_csv(planted, labelled, capsys, tmp_path):
    assert main(["evaluate", "--indicator", CREATIONS, "--draws", "199"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["evaluation"]["draws"] == 199
    assert document["evaluation"]["groups"][0]["units"] == [BORDEAUX, NANTES]
    target = tmp_path / "evaluation.csv"
    arguments = ["evaluate", "--indicator", CREATIONS, "--format", "csv", "--output", str(target)]
    assert main(arguments) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0]["indicator"] == CREATIONS
    assert capsys.readouterr().out == ""
