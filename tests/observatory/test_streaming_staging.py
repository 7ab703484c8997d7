"""The one-pass staging (staging.py): what it keeps row by row and what it only counts."""

from builders import (
    AWKWARD_VALUES,
    company,
    establishment,
    write_companies,
    write_establishments,
    write_rows,
)

from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.schema import FUNDING_ROUNDS_COLUMNS


def test_a_funded_company_that_is_not_digital_is_placed_at_its_siege(reference_directory, tmp_path):
    # Only digital and funded companies are kept row by row; a funded retailer must still
    # find its siège (its second establishment) in the establishments pass.
    companies = write_companies(
        tmp_path / "ul.csv",
        [
            company("100000001", naf="47.11F", nic_siege="00029"),
            company("100000002", naf="47.11F"),
            company("100000003", created="2019-03-01"),
        ],
    )
    establishments = write_establishments(
        tmp_path / "etab.csv",
        [
            establishment("100000001", commune="75056", siege=False),
            establishment("100000001", nic="00029", commune="69123", created="2016-01-01"),
            establishment("100000002", commune="75056", created="2019-03-01"),
            establishment("100000003", commune="13055", created="2019-03-01"),
        ],
    )
    funding = write_rows(
        tmp_path / "funding.csv",
        FUNDING_ROUNDS_COLUMNS,
        [("100000001", "2019-04-01", "250000", "seed", "Kima")],
    )
    result = run_engine(
        [establishments, funding, companies], reference_directory=reference_directory
    )
    values = {
        (row["territory_level"], row["territory_code"], row["year"], row["indicator"]): row["value"]
        for row in result.indicators.to_pylist()
    }
    assert values["commune", "69123", 2019, "funds_raised_eur"] == 250000
    assert ("commune", "75056", 2019, "funds_raised_eur") not in values
    # Not digital: no creation, wherever its siège.
    assert ("commune", "69123", 2016, "digital_company_creations") not in values
    assert values["commune", "13055", 2019, "digital_company_creations"] == 1
    # Counts of rows come from the groups, and the stock date from the latest date read.
    files = {entry["name"]: entry["rows"] for entry in result.diagnostics["input_files"]}
    assert files == {"etab.csv": 4, "funding.csv": 1, "ul.csv": 3}
    assert result.diagnostics["stock_date_rule"] == "latest date in the data"
    assert result.diagnostics["siege_not_found"] == 0


def test_the_digit_and_date_rules_agree_with_the_python_rules():
    # staging.py tests the shape (GLOB) and, for dates, the day (a cast): whatever a lenient
    # cast accepts (signs, spaces, '_', '.', hex, exponents, '2015-2-3', 'epoch', year 0)
    # must still fail.
    import duckdb

    from frenchtech.observatory.engine.rejections import breaks_rule
    from frenchtech.observatory.engine.staging import typed_column

    connection = duckdb.connect()
    for rule, values in AWKWARD_VALUES.items():
        malformed = typed_column("v", rule, "text").malformed
        for value in values:
            sql = f"SELECT CASE WHEN {malformed} THEN TRUE ELSE FALSE END FROM (SELECT ? AS v)"  # noqa: S608
            found = connection.execute(sql, [value or None]).fetchone()[0]
            assert found == breaks_rule(value, rule), (rule, value)
