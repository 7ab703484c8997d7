"""`frenchtech score`: outputs, and one-line errors with nothing on stdout."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import frenchtech.cli
from frenchtech.scoring import ENGINE_VERSION

TABLE = """alternative,creations,unemployment,population
Lyon,420,7.5,1400000
Brest,40,8.0,210000
Metz,90,11.5,220000
"""


@pytest.fixture
def files(tmp_path):
    def write(model: dict, table: str = TABLE) -> list[str]:
        (tmp_path / "model.json").write_text(json.dumps(model))
        (tmp_path / "table.csv").write_text(table)
        return [
            "--model",
            str(tmp_path / "model.json"),
            "--performance",
            str(tmp_path / "table.csv"),
        ]

    return write


ELECTRE = {
    "method": "electre-tri-b",
    "criteria": [
        {"id": "creations", "weight": 3, "q": 10, "p": 40, "v": 300},
        {"id": "unemployment", "weight": 1, "direction": "min", "q": 0.5, "p": 1},
    ],
    "profiles": [
        {"id": "floor", "values": {"creations": 80, "unemployment": 12}},
        {"id": "label", "values": {"creations": 300, "unemployment": 9}},
    ],
    "categories": ["refused", "returned_to_co_construction", "labelled"],
    "lambda": 0.75,
}


def run(argv, capsys):
    code = frenchtech.cli.main(["score", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_electre_json_output(files, capsys):
    code, out, err = run(files(ELECTRE), capsys)
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["engine_version"] == ENGINE_VERSION
    assert document["method"] == "electre-tri-b"
    assert document["model"]["lambda"] == 0.75
    assert document["assignments"] == {
        "Lyon": "labelled",
        "Brest": "refused",
        "Metz": "returned_to_co_construction",
    }
    lyon = document["contributions"]["Lyon"]
    assert lyon["deciding_profile"] == "label"
    assert sum(lyon["concordance"].values()) == pytest.approx(lyon["credibility"])
    # Brest: 40 creations below "floor" (= p) so c = 0 there; better on unemployment: C = 0.25.
    assert document["credibility"]["Brest"]["floor"]["alternative_over_profile"] == 0.25
    assert document["contributions"]["Brest"]["vetoes"] == {}
    # Against "label" it is 260 below: d = (260 − 40)/(300 − 40) > C = 0.25 lowers σ.
    sigma = document["credibility"]["Brest"]["label"]["alternative_over_profile"]
    assert sigma == pytest.approx(0.25 * (1 - 220 / 260) / 0.75)
    assert set(document["assignments_by_rule"]) == {"pessimistic", "optimistic"}


def test_csv_output_has_one_row_per_alternative(files, capsys):
    code, out, _ = run([*files(ELECTRE), "--format", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [row["alternative"] for row in rows] == ["Lyon", "Brest", "Metz"]
    assert rows[0]["category"] == "labelled"
    assert "credibility:label" in rows[0]


def test_weighted_sum_output(files, capsys):
    model = {
        "method": "weighted-sum",
        "criteria": [
            {"id": "creations", "weight": 1, "normalisation": ["per-capita", "min-max"]},
            {"id": "unemployment", "weight": 1, "direction": "min"},
        ],
    }
    code, out, _ = run(files(model), capsys)
    document = json.loads(out)
    assert code == 0
    # per 100 000: Lyon 30, Brest 19, Metz 40.9; unemployment (less is better) 7.5, 8, 11.5
    assert document["ranks"] == {"Lyon": 1, "Brest": 3, "Metz": 2}
    for name, score in document["scores"].items():
        assert sum(document["contributions"][name].values()) == pytest.approx(score)


def test_smaa_tri_output(files, capsys):
    model = dict(ELECTRE, method="smaa-tri", samples=2000, seed=7, **{"lambda": [0.6, 0.9]})
    model["criteria"] = [{k: v for k, v in c.items() if k != "weight"} for c in ELECTRE["criteria"]]
    code, out, _ = run(files(model), capsys)
    document = json.loads(out)
    assert code == 0
    for row in document["acceptability"].values():
        assert sum(row.values()) == pytest.approx(1.0)
    assert document["samples"] == 2000
    assert document["seed"] == 7
    # Same seed, same figures.
    _, again, _ = run(files(model), capsys)
    assert json.loads(again) == document


def test_smaa_2_output(files, capsys):
    model = {"method": "smaa-2", "criteria": [{"id": "creations"}, {"id": "unemployment"}]}
    code, out, _ = run([*files(model), "--format", "csv"], capsys)
    assert code == 0
    assert out.splitlines()[0].startswith("alternative,confidence,acceptability:rank_1")


def test_preset(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text(TABLE)
    code, out, err = run(["--preset", "nope", "--performance", str(table)], capsys)
    assert code == 2
    assert out == ""
    assert "unknown preset 'nope' (known: cdc-report-electre-tri-b" in err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m, t: (m["criteria"][0].update(q=50) or m, t), "q (50) must not be greater than p"),
        (
            lambda m, t: (m, t.replace("Brest,40", "Brest,forty")),
            "alternative 'Brest', column 'creations'",
        ),
        (lambda m, t: (m, t.replace("Metz,90,11.5,220000\n", "")), None),
        (lambda m, t: (m, "alternative,creations\nLyon,1\n"), "no column 'unemployment'"),
    ],
)
def test_errors_are_one_line_and_leave_stdout_empty(files, capsys, change, message):
    model, table = change(json.loads(json.dumps(ELECTRE)), TABLE)
    code, out, err = run(files(model, table), capsys)
    if message is None:  # a valid variant: one alternative fewer is fine
        assert code == 0
        return
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("frenchtech score: error: ")
    assert message in err


def test_installed_entry_point(files, tmp_path):
    script = Path(sys.executable).with_name("frenchtech")
    assert script.exists(), "the frenchtech entry point is installed by `make install`"
    result = subprocess.run(
        [str(script), "score", *files(ELECTRE)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["assignments"]["Lyon"] == "labelled"
    bad = dict(ELECTRE, rule="majority")
    result = subprocess.run(
        [str(script), "score", *files(bad)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert "rule must be one of pessimistic, optimistic" in result.stderr
