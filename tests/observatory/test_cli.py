"""`frenchtech observatory generate | run | indicators` on a fresh store."""

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from frenchtech.cli import main


@pytest.fixture(scope="module")
def published(tmp_path_factory, reference_directory):
    root = tmp_path_factory.mktemp("cli")
    data, store = root / "data", root / "store"
    assert main(["observatory", "generate", "--companies", "3000", "--seed", "5",
                 "--format", "parquet", "--territories", str(reference_directory),
                 "--out", str(data)]) == 0  # fmt: skip
    files = [str(path) for path in sorted(data.iterdir())]  # sidecars included, as a glob would
    assert main(["observatory", "run", *files, "--territories", str(reference_directory),
                 "--store", str(store)]) == 0  # fmt: skip
    return store


def test_indicators_as_csv(published, capsys):
    capsys.readouterr()
    assert main(["observatory", "indicators", "--level", "epci", "--year", "2013",
                 "--store", str(published)]) == 0  # fmt: skip
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "territory_level",
        "territory_code",
        "territory_name",
        "year",
        "indicator",
        "value",
    ]
    assert rows[1:]
    assert all(row[0] == "epci" and row[3] == "2013" for row in rows[1:])
    counts = [row for row in rows[1:] if row[4] == "digital_company_creations"]
    assert counts
    assert all(row[5].isdigit() for row in counts)


def test_indicators_as_json_and_parquet(published, capsys, tmp_path):
    assert main(["observatory", "indicators", "--level", "france", "--indicator",
                 "digital_active_companies", "--format", "json",
                 "--store", str(published)]) == 0  # fmt: skip
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    assert isinstance(rows[0]["value"], int)
    out = tmp_path / "france.parquet"
    assert main(["observatory", "indicators", "--level", "france", "--format", "parquet",
                 "--output", str(out), "--store", str(published)]) == 0  # fmt: skip
    assert pq.read_table(out).num_rows > 10


def test_user_errors_are_one_line(tmp_path, capsys):
    assert main(["observatory", "indicators", "--level", "france", "--store", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert (
        main(["observatory", "run", str(tmp_path / "missing.csv"), "--store", str(tmp_path)]) == 2
    )
    assert "missing.csv: no such file" in capsys.readouterr().err
