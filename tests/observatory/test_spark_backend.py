"""The Spark backend (engine/spark) and the DuckDB engine give the same results: the same
indicator table (same keys, same territory names, counts equal, ratios within 1e-9), the
same diagnostics document (but for the engine's name), and the same error for bad input
(file, line, column, value)."""

import math

import pyarrow.parquet as pq
import pyspark
import pytest
from builders import (
    AWKWARD_VALUES,
    company,
    csv_to_typed_parquet,
    establishment,
    write_companies,
)
from builders import write_establishments as write_establishment_rows
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.generator import generate_registry
from frenchtech.observatory.engine.rejections import breaks_rule
from frenchtech.observatory.engine.sources import recognise
from frenchtech.observatory.engine.spark import build_session, run_on_spark
from frenchtech.observatory.engine.spark.rejections import refused_line_examples
from frenchtech.observatory.engine.spark.staging import spark_dialect, stage
from frenchtech.observatory.engine.staging import typed_column

pytestmark = [
    pytest.mark.spark,
    # pyspark 4.3 warns it does not fully support pandas 3 (it converts via Arrow here).
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

# Tolerated in the generated registries: 3 malformed values, and in CSV 3 damaged lines.
MALFORMED_VALUES = 3
TOLERATED = 6


@pytest.fixture(scope="module")
def spark():
    session = build_session("frenchtech-observatory-tests")
    yield session
    session.stop()


def _by_key(table) -> dict:
    return {
        (row["territory_level"], row["territory_code"], row["year"], row["indicator"]): (
            row["territory_name"],
            row["value"],
            row["integer_value"],
        )
        for row in table.to_pylist()
    }


def _differences(duckdb_table, spark_table) -> list:
    duck, spark = _by_key(duckdb_table), _by_key(spark_table)
    assert duck.keys() == spark.keys()
    assert duckdb_table.schema == spark_table.schema
    differences = []
    for key, (name, value, integer) in duck.items():
        other_name, other_value, other_integer = spark[key]
        if (
            name != other_name
            or integer != other_integer
            or not math.isclose(value, other_value, rel_tol=1e-9, abs_tol=1e-9)
        ):
            differences.append((key, duck[key], spark[key]))
    return differences


def _comparable(diagnostics: dict) -> dict:
    """The document but for the engine's name and the text of lines that are not UTF-8
    (DuckDB shows a bad byte and the next one as '??', Spark the bad byte as U+FFFD)."""
    rejected = diagnostics["rejected_rows"]
    examples = [
        {**example, "value": None} if example["reason"] == "not UTF-8 encoded" else example
        for example in rejected["examples"]
    ]
    document = {key: value for key, value in diagnostics.items() if key != "engine"}
    return {**document, "rejected_rows": {**rejected, "examples": examples}}


def _assert_same_results(duckdb_result, spark_result) -> None:
    assert _differences(duckdb_result.indicators, spark_result.indicators) == []
    assert _comparable(spark_result.diagnostics) == _comparable(duckdb_result.diagnostics)
    assert spark_result.diagnostics["engine"] == {"spark": pyspark.__version__}
    assert spark_result.stock_date == duckdb_result.stock_date


@pytest.fixture(scope="module")
def hand_built(tmp_path_factory, reference_directory, spark):
    inputs = list(write_hand_built(tmp_path_factory.mktemp("hand_built_spark")).values())
    duckdb_result = run_engine(
        inputs, reference_directory=reference_directory, stock_date=STOCK_DATE
    )
    return duckdb_result, run_on_spark(inputs, reference_directory, STOCK_DATE, spark)


def _damage_lines(path) -> None:
    """Three lines Spark's reader and DuckDB's refuse alike: too few fields, too many, and
    a byte that is not UTF-8."""
    lines = path.read_bytes().split(b"\n")
    lines[10] = lines[10].rsplit(b",", 3)[0]
    lines[20] += b",extra"
    lines[30] = lines[30].replace(b'",', b'\xe9",', 1)  # inside the quoted SIREN
    path.write_bytes(b"\n".join(lines))


@pytest.fixture(scope="module", params=["csv", "parquet"])
def generated(request, tmp_path_factory, reference_directory, spark):
    registry = generate_registry(
        tmp_path_factory.mktemp(f"generated_spark_{request.param}"),
        companies=5_000,
        seed=11,
        file_format=request.param,
        malformed=MALFORMED_VALUES,
        reference_directory=reference_directory,
    )
    if request.param == "csv":
        _damage_lines(registry.establishments)
    duckdb_result = run_engine(
        registry.paths(), reference_directory=reference_directory, max_rejected_rows=TOLERATED
    )
    spark_result = run_on_spark(
        registry.paths(), reference_directory, spark=spark, max_rejected_rows=TOLERATED
    )
    return duckdb_result, spark_result


def test_hand_built_registry_gives_the_same_table_and_diagnostics(hand_built):
    duckdb_result, spark_result = hand_built
    assert duckdb_result.indicators.num_rows == spark_result.indicators.num_rows > 200
    _assert_same_results(duckdb_result, spark_result)
    # Same rows in the same order (the published order is total).
    columns = [0, 1, 3, 4]
    assert duckdb_result.indicators.select(columns).equals(spark_result.indicators.select(columns))
    assert spark_result.diagnostics["unmapped_commune"]["rows"] > 0


def test_generated_registry_gives_the_same_table_and_diagnostics(generated):
    duckdb_result, spark_result = generated
    assert duckdb_result.indicators.num_rows == spark_result.indicators.num_rows > 1000
    _assert_same_results(duckdb_result, spark_result)
    rejected = spark_result.diagnostics["rejected_rows"]
    damaged = TOLERATED - MALFORMED_VALUES if spark_result.sources[0].format == "csv" else 0
    assert rejected["rows"] == MALFORMED_VALUES + damaged
    assert all(example["line"] for example in rejected["examples"])


# --- bad input: the same error from both engines ---------------------------------------------
def _cut_fields(lines):
    lines[2] = lines[2].rsplit(b",", 3)[0]


def _extra_field(lines):
    lines[2] += b",extra"


def _open_quote(lines):
    lines[2] = lines[2].replace(b",", b',"', 1)


def _latin_1(lines):
    lines[2] = lines[2].replace(b",", b"\xe9,", 1)


@pytest.fixture(scope="module")
def hand_built_inputs(tmp_path_factory):
    return write_hand_built(tmp_path_factory.mktemp("bad_input_spark"))


def _errors(paths, reference_directory, spark) -> tuple[InputError, InputError]:
    with pytest.raises(InputError) as duckdb_error:
        run_engine(paths, reference_directory=reference_directory, stock_date=STOCK_DATE)
    with pytest.raises(InputError) as spark_error:
        run_on_spark(paths, reference_directory, STOCK_DATE, spark)
    return duckdb_error.value, spark_error.value


def _where(error: InputError) -> tuple:
    return error.file, error.line, error.column, error.reason


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_cut_fields, "wrong number of fields (too few)"),
        (_extra_field, "wrong number of fields (too many)"),
        (_open_quote, "broken quoting"),
        (_latin_1, "not UTF-8 encoded"),
    ],
)
def test_a_damaged_csv_line_gives_the_same_error(
    damage, reason, hand_built_inputs, reference_directory, spark, tmp_path
):
    path = write_establishment_rows(
        tmp_path / "etab.csv", [establishment(f"10000000{n}") for n in (1, 2, 3, 4)]
    )
    lines = path.read_bytes().split(b"\n")
    damage(lines)
    path.write_bytes(b"\n".join(lines))
    duckdb_error, spark_error = _errors(
        [hand_built_inputs["companies"], path], reference_directory, spark
    )
    assert (
        _where(spark_error) == _where(duckdb_error) == ("etab.csv", 3, spark_error.column, reason)
    )
    if damage is _latin_1:
        # DuckDB shows the bad byte and the next one as '??'; Spark the bad byte as U+FFFD.
        assert spark_error.value == lines[2].decode("utf-8", errors="replace")
    elif damage is _open_quote:
        # The open field runs on to the end of the file for DuckDB, of the line for Spark.
        assert duckdb_error.value.startswith(f"{spark_error.value}\n")
    else:
        assert spark_error.value == duckdb_error.value


def test_a_malformed_csv_value_gives_the_same_error(
    hand_built_inputs, reference_directory, spark, tmp_path
):
    rows = [company("100000001"), company("100000002", created="2015-02-30"), company("1")]
    bad = write_companies(tmp_path / "ul.csv", rows)
    duckdb_error, spark_error = _errors(
        [bad, hand_built_inputs["establishments"]], reference_directory, spark
    )
    assert str(spark_error) == str(duckdb_error)
    assert (spark_error.line, spark_error.column, spark_error.value) == (
        3, "dateCreationUniteLegale", "2015-02-30"
    )  # fmt: skip
    assert str(spark_error).endswith("; 2 rejected rows in all (value '2015-02-30')")


def test_the_digit_and_date_rules_agree_with_the_python_rules_on_spark(spark):
    # The rules' SQL as spark_dialect rewrites it (GLOB as an anchored RLIKE, Java regex).
    for rule, values in AWKWARD_VALUES.items():
        frame = spark.createDataFrame([(value or None,) for value in values], "v STRING")
        malformed = spark_dialect(typed_column("v", rule, "text").malformed)
        rows = frame.selectExpr("v", f"COALESCE({malformed}, FALSE) AS bad").collect()
        found = {row.v or "": row.bad for row in rows}
        assert found == {value: breaks_rule(value, rule) for value in values}, rule


def test_a_malformed_parquet_value_gives_the_same_error(
    hand_built_inputs, reference_directory, spark, tmp_path
):
    rows = [company("100000001"), company("100000002"), company("10000003X")]
    bad = csv_to_typed_parquet(write_companies(tmp_path / "ul.csv", rows), tmp_path / "ul.parquet")
    assert pq.read_schema(bad).field("dateCreationUniteLegale").type == "date32[day]"
    duckdb_error, spark_error = _errors(
        [bad, hand_built_inputs["establishments"]], reference_directory, spark
    )
    assert str(spark_error) == str(duckdb_error)
    assert (spark_error.file, spark_error.line, spark_error.column, spark_error.value) == (
        "ul.parquet", 3, "siren", "10000003X"
    )  # fmt: skip


# --- Spark and the Python pass agree on which lines are refused --------------------------------
def test_spark_refuses_the_lines_the_python_pass_finds_again(hand_built_inputs, spark, tmp_path):
    quoted = {"libelleVoieEtablissement": 'RUE "DU PORT", QUAI B'}  # quotes and a comma
    rows = [establishment(f"1000000{n:02d}") | quoted for n in range(1, 12)]
    path = write_establishment_rows(tmp_path / "etab.csv", rows)
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].rsplit(b",", 3)[0]  # line 3: too few fields
    lines[3], lines[4] = b"", b"   "  # lines 4 and 5: skipped by Spark
    lines[6] = lines[6].replace(b"O,", "\ufffd,".encode(), 1)  # line 7: U+FFFD itself
    lines[7] = lines[7].replace(b",", b',"', 1)  # line 8: a quote never closed
    lines[8] += b",extra"  # line 9: too many fields
    lines[9] = lines[9].replace(b",", b"\xe9,", 1)  # line 10: not UTF-8
    lines[10] = lines[10].replace(b",00011,", b',"000"11,', 1)  # line 11: a value, not a line
    path.write_bytes(b"\n".join(lines))
    sources = [recognise(hand_built_inputs["companies"]), recognise(path)]
    refused = stage(spark, sources)
    assert refused == {0: 0, 1: 5}
    found = refused_line_examples(sources[1], refused[1])
    assert [(row.line, row.reason) for row in found] == [
        (3, "wrong number of fields (too few)"),
        (7, "holds U+FFFD, the mark of text already decoded wrongly"),
        (8, "broken quoting"),
        (9, "wrong number of fields (too many)"),
        (10, "not UTF-8 encoded"),
    ]
    staged = spark.sql("SELECT SUM(row_count) FROM establishment_groups").collect()[0][0]
    assert staged == 11 - 2 - 5  # every line but the skipped and the refused ones


# --- stock date rules and masked values: the same on both engines ------------------------------
@pytest.mark.parametrize(
    ("options", "rule"),
    [
        ({}, "latest dateDernierTraitement"),
        ({"company_processed": ("", ""), "establishment_processed": ("", ""), "name": "_2020-06"},
         "file name"),
        ({"company_processed": ("", "[ND]"), "establishment_processed": ("", "")},
         "latest date in the data"),
    ],
)  # fmt: skip
def test_the_stock_date_rules_agree(options, rule, reference_directory, spark, tmp_path):
    from test_stock_date import _registry

    paths = _registry(tmp_path, **options)
    duckdb_result = run_engine(paths, reference_directory=reference_directory)
    spark_result = run_on_spark(paths, reference_directory, spark=spark)
    assert duckdb_result.diagnostics["stock_date_rule"] == rule
    _assert_same_results(duckdb_result, spark_result)
    assert (
        spark_result.diagnostics["creations_after_stock_date"]
        == (duckdb_result.diagnostics["creations_after_stock_date"])
    )


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_partially_diffusible_units_agree(file_format, reference_directory, spark, tmp_path):
    registry = generate_registry(tmp_path, companies=4_000, seed=17, file_format=file_format,
                                 partially_diffusible=200,
                                 reference_directory=reference_directory)  # fmt: skip
    duckdb_result = run_engine(registry.paths(), reference_directory=reference_directory)
    spark_result = run_on_spark(registry.paths(), reference_directory, spark=spark)
    _assert_same_results(duckdb_result, spark_result)
    masked = spark_result.diagnostics["masked_values"]
    assert sum(masked["by_file"][registry.companies.name]["rows_by_column"].values()) == 200


def test_a_masked_siren_nic_and_history_agree(reference_directory, spark, tmp_path):
    from hand_built import COMPANIES, ESTABLISHMENTS, write_history_ceasing_later
    from test_masked_values import MASK, _with_mask

    inputs = write_hand_built(tmp_path)
    write_companies(inputs["companies"], _with_mask(COMPANIES, "siren", siren="100000007"))
    rows = _with_mask(_with_mask(ESTABLISHMENTS, "nic"), "siren", siren="100000012")
    write_establishment_rows(inputs["establishments"], rows)
    history = write_history_ceasing_later(tmp_path)
    history.write_text(history.read_text().replace("2019-05-12", MASK))
    paths = [*inputs.values(), history]
    duckdb_result = run_engine(paths, reference_directory=reference_directory,
                               stock_date=STOCK_DATE)  # fmt: skip
    spark_result = run_on_spark(paths, reference_directory, STOCK_DATE, spark)
    _assert_same_results(duckdb_result, spark_result)
    masked = spark_result.diagnostics["masked_values"]
    assert masked["digital_companies_without_siren"] == 1
    assert masked["by_file"]["history.csv"]["rows_by_column"] == {"dateDebut": 1}


def test_the_masked_value_rules_agree_with_the_python_rules_on_spark(spark):
    for rule in ("siren", "nic", "date", "required_date", "boolean", "integer", "decimal"):
        frame = spark.createDataFrame([("[ND]",)], "v STRING")
        for maskable in (False, True):
            malformed = spark_dialect(typed_column("v", rule, "text", maskable).malformed)
            found = frame.selectExpr(f"COALESCE({malformed}, FALSE) AS bad").collect()[0].bad
            assert found == breaks_rule("[ND]", rule, maskable), (rule, maskable)
