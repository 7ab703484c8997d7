"""The stock date: the latest dateDernierTraitement first, then the file names, then the
data; creations dated after it are reported and counted in their year, never moving it."""

import datetime as dt

import pytest
from builders import (
    company,
    csv_to_typed_parquet,
    establishment,
    write_companies,
    write_establishments,
)
from conftest import as_values

from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.errors import InputError


def _processed(row: dict, value: str, column: str) -> dict:
    # A day as INSEE writes it (with a time); any other text as it is.
    stamp = f"{value}T03:22:34" if len(value) == 10 and value[4] == "-" else value
    return row | {column: stamp}


def _registry(
    directory,
    *,
    company_processed=("2020-06-15", "2020-06-30"),
    establishment_processed=("2020-06-20", "2020-06-20"),
    name="",
    late="2020-09-01",
):
    """Two digital companies (one created `late`) and their sièges, with processing dates
    (`dateDernierTraitement…` values)."""
    directory.mkdir(parents=True, exist_ok=True)
    column = "dateDernierTraitementUniteLegale"
    companies = [
        _processed(company("100000001", created="2015-03-01"), company_processed[0], column),
        _processed(company("100000002", created=late), company_processed[1], column),
    ]
    column = "dateDernierTraitementEtablissement"
    establishments = [
        _processed(establishment("100000001", commune="69123"), establishment_processed[0], column),
        _processed(
            establishment("100000002", commune="69123", created=late),
            establishment_processed[1],
            column,
        ),
    ]
    return [
        write_companies(directory / f"StockUniteLegale{name}.csv", companies),
        write_establishments(directory / f"StockEtablissement{name}.csv", establishments),
    ]


def _run(paths, reference_directory, **options):
    return run_engine(paths, reference_directory=reference_directory, **options)


def test_the_latest_processing_date_is_preferred_to_the_file_names(reference_directory, tmp_path):
    paths = _registry(tmp_path, name="_2021-01-01")
    result = _run(paths, reference_directory)
    assert result.stock_date == dt.date(2020, 6, 30)
    diagnostics = result.diagnostics
    assert diagnostics["stock_date_rule"] == "latest dateDernierTraitement"
    files = {entry["name"]: entry for entry in diagnostics["input_files"]}
    assert files["StockUniteLegale_2021-01-01.csv"]["latest_processing_date"] == "2020-06-30"
    assert files["StockUniteLegale_2021-01-01.csv"]["stock_date"] == "2021-01-01"
    assert files["StockEtablissement_2021-01-01.csv"]["latest_processing_date"] == "2020-06-20"


def test_a_creation_after_the_stock_date_is_counted_in_its_year_and_reported(
    reference_directory, tmp_path
):
    result = _run(_registry(tmp_path, late="2020-09-01"), reference_directory)
    assert result.stock_date == dt.date(2020, 6, 30)  # not moved to 2020-09-01
    values = as_values(result.indicators)
    assert values["commune", "69123", 2020, "digital_company_creations"] == 1
    assert values["commune", "69123", 2020, "digital_establishment_creations"] == 1
    assert values["commune", "69123", 2020, "digital_active_companies"] == 2
    assert result.diagnostics["creations_after_stock_date"] == {
        "companies": 1,
        "establishments": 1,
        "digital_companies": 1,
        "digital_establishments": 1,
        "latest": "2020-09-01",
        "note": "counted in their creation year; the stock date is not moved",
    }


def test_a_creation_in_the_next_year_makes_a_year_of_its_own(reference_directory, tmp_path):
    result = _run(_registry(tmp_path, late="2021-02-01"), reference_directory)
    assert result.stock_date == dt.date(2020, 6, 30)
    values = as_values(result.indicators)
    assert values["france", "FR", 2021, "digital_company_creations"] == 1
    assert ("france", "FR", 2021, "digital_active_companies") not in values
    assert result.diagnostics["creations_after_stock_date"]["latest"] == "2021-02-01"


def test_without_processing_dates_the_file_names_give_it(reference_directory, tmp_path):
    paths = _registry(
        tmp_path, company_processed=("", ""), establishment_processed=("", ""), name="_2020-06"
    )
    result = _run(paths, reference_directory)
    assert result.stock_date == dt.date(2020, 6, 1)
    assert result.diagnostics["stock_date_rule"] == "file name"
    # Compared with the file names' date, the creation of 2020-09-01 is after it.
    assert result.diagnostics["creations_after_stock_date"]["companies"] == 1


@pytest.mark.parametrize(
    ("value", "latest"),
    [
        ("[ND]", "2020-05-01"),
        ("not a date", "2020-05-01"),
        ("2020-02-30T00:00:00", "2020-05-01"),  # not the greatest text
        # The greatest text is kept (ISO dates sort as text): if it is no day, the file has
        # no processing date (INSEE writes none such).
        ("2020-13-45T00:00:00", None),
        ("20200615", None),
    ],
)
def test_processing_dates_that_are_no_day_are_ignored_not_rejected(
    reference_directory, tmp_path, value, latest
):
    paths = _registry(tmp_path, company_processed=("2020-05-01", value), name="_2020-06-30")
    result = _run(paths, reference_directory)
    assert result.diagnostics["rejected_rows"]["rows"] == 0
    assert result.stock_date == dt.date(2020, 6, 20)  # the establishments' latest
    files = {entry["name"]: entry for entry in result.diagnostics["input_files"]}
    assert files["StockUniteLegale_2020-06-30.csv"]["latest_processing_date"] == latest


def test_without_either_the_data_give_it(reference_directory, tmp_path):
    paths = _registry(tmp_path, company_processed=("", ""), establishment_processed=("", ""))
    result = _run(paths, reference_directory)
    assert result.stock_date == dt.date(2020, 9, 1)  # the latest creation
    assert result.diagnostics["stock_date_rule"] == "latest date in the data"
    assert result.diagnostics["creations_after_stock_date"]["companies"] == 0


def test_a_given_stock_date_wins_and_still_reports_later_creations(reference_directory, tmp_path):
    result = _run(_registry(tmp_path), reference_directory, stock_date=dt.date(2020, 3, 1))
    assert result.diagnostics["stock_date_rule"] == "parameter"
    after = result.diagnostics["creations_after_stock_date"]
    assert (after["companies"], after["establishments"]) == (1, 1)


def test_typed_parquet_processing_dates_give_the_stock_date(reference_directory, tmp_path):
    companies, establishments = _registry(tmp_path / "csv")
    parquet = [
        csv_to_typed_parquet(companies, tmp_path / "ul.parquet"),
        csv_to_typed_parquet(establishments, tmp_path / "etab.parquet"),
    ]
    result = _run(parquet, reference_directory)
    expected = _run([companies, establishments], reference_directory)
    assert result.stock_date == expected.stock_date == dt.date(2020, 6, 30)
    assert (
        result.diagnostics["creations_after_stock_date"]
        == (expected.diagnostics["creations_after_stock_date"])
    )


def test_no_date_at_all_asks_for_the_stock_date(reference_directory, tmp_path):
    companies = write_companies(tmp_path / "ul.csv", [company("100000001", created="")])
    establishments = write_establishments(
        tmp_path / "etab.csv", [establishment("100000001", created="")]
    )
    with pytest.raises(InputError, match="pass the stock date explicitly"):
        _run([companies, establishments], reference_directory)
