"""Bad input: one clear message naming file, line and column; the previous snapshot still
serves; nothing half-written remains."""

import zipfile

import pytest
from builders import (
    STOCK_ETABLISSEMENT_COLUMNS,
    company,
    establishment,
    write_companies,
    write_establishments,
    write_rows,
)
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.cli import main
from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.snapshots import SnapshotStore


@pytest.fixture
def inputs(tmp_path):
    return write_hand_built(tmp_path / "inputs")


def _run(paths, reference_directory, **options):
    return run_engine(
        paths, reference_directory=reference_directory, stock_date=STOCK_DATE, **options
    )


def test_missing_column_names_it(inputs, reference_directory, tmp_path):
    columns = [c for c in STOCK_ETABLISSEMENT_COLUMNS if c != "codeCommuneEtablissement"]
    broken = write_rows(tmp_path / "etab.csv", columns, [["" for _ in columns]])
    broken_columns = [c for c in STOCK_ETABLISSEMENT_COLUMNS if c != "nic"]
    broken2 = write_rows(tmp_path / "etab2.csv", broken_columns, [["" for _ in broken_columns]])
    with pytest.raises(InputError) as caught:
        _run([inputs["companies"], broken2], reference_directory)
    assert (caught.value.file, caught.value.line, caught.value.column) == ("etab2.csv", 1, "nic")
    assert "missing required column" in str(caught.value)
    with pytest.raises(InputError, match="unrecognised file"):
        _run([inputs["companies"], broken], reference_directory)


def test_malformed_date_names_file_line_and_column(inputs, reference_directory, tmp_path):
    rows = [company("100000001"), company("100000002", created="2015-02-30"), company("100000003")]
    bad = write_companies(tmp_path / "ul.csv", rows)
    with pytest.raises(InputError) as caught:
        _run([bad, inputs["establishments"]], reference_directory)
    error = caught.value
    assert (error.file, error.line, error.column, error.value) == (
        "ul.csv", 3, "dateCreationUniteLegale", "2015-02-30"
    )  # fmt: skip
    assert str(error).startswith("ul.csv, line 3, column dateCreationUniteLegale: malformed date")


def test_tolerated_rejections_are_reported(inputs, reference_directory, tmp_path):
    rows = [company("100000001"), company("10000000X"), company("100000003", since="01/02/2015")]
    bad = write_companies(tmp_path / "ul.csv", rows)
    result = _run([bad, inputs["establishments"]], reference_directory, max_rejected_rows=5)
    rejected = result.diagnostics["rejected_rows"]
    assert rejected["rows"] == 2
    assert {(e["line"], e["column"]) for e in rejected["examples"]} == {
        (3, "siren"),
        (4, "dateDebut"),
    }


def test_wrong_number_of_fields_names_the_line(inputs, reference_directory, tmp_path):
    path = write_establishments(tmp_path / "etab.csv", [establishment("100000001")] * 3)
    lines = path.read_text("utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 3)[0]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        _run([inputs["companies"], path], reference_directory)
    assert (caught.value.file, caught.value.line) == ("etab.csv", 3)
    assert "wrong number of fields" in str(caught.value)
    assert caught.value.column is not None


def test_non_utf8_file_names_the_line(inputs, reference_directory, tmp_path):
    path = write_establishments(
        tmp_path / "etab.csv", [establishment("100000001"), establishment("100000002")]
    )
    data = path.read_bytes().replace(b"100000002,", b"100000002,".replace(b"2,", b"2\xe9,"), 1)
    latin = data.replace(b"TEST", "TÉST".encode("latin-1"))
    path.write_bytes(latin)
    with pytest.raises(InputError) as caught:
        _run([inputs["companies"], path], reference_directory)
    assert caught.value.file == "etab.csv"
    assert caught.value.line == 3
    assert "UTF-8" in str(caught.value)


def test_truncated_zip_names_the_file(inputs, reference_directory, tmp_path):
    zipped = tmp_path / "StockUniteLegale.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(inputs["companies"], "StockUniteLegale.csv")
    zipped.write_bytes(zipped.read_bytes()[:-60])
    with pytest.raises(InputError) as caught:
        _run([zipped, inputs["establishments"]], reference_directory)
    assert caught.value.file == "StockUniteLegale.zip"
    assert "zip" in str(caught.value)


def test_failed_run_keeps_the_previous_snapshot_and_leaves_nothing(
    inputs, reference_directory, tmp_path, capsys
):
    store_directory = tmp_path / "store"
    common = ["--territories", str(reference_directory), "--store", str(store_directory),
              "--stock-date", "2020-06-30"]  # fmt: skip
    assert main(["observatory", "run", *map(str, inputs.values()), *common]) == 0
    store = SnapshotStore(store_directory)
    before = store.latest()
    rows = [company("100000001", created="2015-13-01")]
    bad = write_companies(tmp_path / "bad_ul.csv", rows)
    code = main(["observatory", "run", str(bad), str(inputs["establishments"]), *common])
    assert code == 2
    error_lines = [line for line in capsys.readouterr().err.splitlines() if "error" in line]
    assert error_lines == [
        "frenchtech observatory: error: bad_ul.csv, line 2, column dateCreationUniteLegale: "
        "malformed date (expected YYYY-MM-DD, a real day) (value '2015-13-01')"
    ]
    assert store.latest() == before
    assert len(store.read_indicators(level="france", as_records=True)) > 0
    leftovers = [p for p in store_directory.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    assert list((store_directory / "work").iterdir()) == []
