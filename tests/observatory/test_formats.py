"""CSV, zipped CSV and typed Parquet inputs give the same results."""

import zipfile

import pytest
from builders import csv_to_typed_parquet
from conftest import as_values
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.sources import recognise


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    return write_hand_built(tmp_path_factory.mktemp("formats"))


def _run(paths, reference_directory):
    return as_values(
        run_engine(paths, reference_directory=reference_directory, stock_date=STOCK_DATE).indicators
    )


def test_typed_parquet_gives_the_same_results_as_csv(inputs, reference_directory, tmp_path):
    companies = csv_to_typed_parquet(inputs["companies"], tmp_path / "ul.parquet")
    establishments = csv_to_typed_parquet(inputs["establishments"], tmp_path / "etab.parquet")
    source = recognise(establishments)
    assert source.column_types["dateCreationEtablissement"] == "date"
    assert source.column_types["etablissementSiege"] == "boolean"
    others = [inputs["funding"], inputs["events"], inputs["programmes"]]
    from_csv = _run(inputs.values(), reference_directory)
    from_parquet = _run([establishments, *others, companies], reference_directory)
    assert from_parquet == from_csv


def test_zipped_csv_gives_the_same_results(inputs, reference_directory, tmp_path):
    zipped = tmp_path / "StockUniteLegale_utf8.zip"
    with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(inputs["companies"], "StockUniteLegale_utf8.csv")
    paths = [zipped, *(path for role, path in inputs.items() if role != "companies")]
    assert _run(paths, reference_directory) == _run(inputs.values(), reference_directory)


def test_files_are_recognised_by_header_in_any_order(inputs, reference_directory):
    reversed_order = list(inputs.values())[::-1]
    assert _run(reversed_order, reference_directory) == _run(inputs.values(), reference_directory)
    kinds = {role: recognise(path).kind for role, path in inputs.items()}
    assert kinds == {
        "companies": "unite_legale", "establishments": "etablissement",
        "funding": "funding_rounds", "events": "events", "programmes": "programmes",
    }  # fmt: skip
