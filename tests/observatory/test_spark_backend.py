"""The Spark backend (engine/spark) and the DuckDB engine give the same indicator table:
same keys, same territory names, counts equal, ratios within 1e-9."""

import math

import pytest
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.generator import generate_registry
from frenchtech.observatory.engine.spark import build_session, run_on_spark

pytestmark = [
    pytest.mark.spark,
    # pyspark 4.3 warns it does not fully support pandas 3 (it converts via Arrow here).
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


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


def _differences(duckdb_table, spark_table, indicators=None) -> list:
    duck, spark = _by_key(duckdb_table), _by_key(spark_table)
    assert duck.keys() == spark.keys()
    assert duckdb_table.schema == spark_table.schema
    differences = []
    for key, (name, value, integer) in duck.items():
        if indicators is not None and key[3] not in indicators:
            continue
        other_name, other_value, other_integer = spark[key]
        if (
            name != other_name
            or integer != other_integer
            or not math.isclose(value, other_value, rel_tol=1e-9, abs_tol=1e-9)
        ):
            differences.append((key, duck[key], spark[key]))
    return differences


@pytest.fixture(scope="module")
def hand_built(tmp_path_factory, reference_directory, spark):
    inputs = list(write_hand_built(tmp_path_factory.mktemp("hand_built_spark")).values())
    duckdb_table = run_engine(
        inputs, reference_directory=reference_directory, stock_date=STOCK_DATE
    ).indicators
    return duckdb_table, run_on_spark(inputs, reference_directory, STOCK_DATE, spark)


@pytest.fixture(scope="module", params=["csv", "parquet"])
def generated(request, tmp_path_factory, reference_directory, spark):
    registry = generate_registry(
        tmp_path_factory.mktemp(f"generated_spark_{request.param}"),
        companies=5_000,
        seed=11,
        file_format=request.param,
        reference_directory=reference_directory,
    )
    duckdb_table = run_engine(registry.paths(), reference_directory=reference_directory)
    return duckdb_table.indicators, run_on_spark(registry.paths(), reference_directory, spark=spark)


def _all_indicators(table) -> set:
    return set(table.column("indicator").to_pylist())


def test_hand_built_registry_gives_the_same_table(hand_built):
    duckdb_table, spark_table = hand_built
    assert duckdb_table.num_rows == spark_table.num_rows > 200
    assert _differences(duckdb_table, spark_table, _all_indicators(duckdb_table)) == []
    # Same rows in the same order (the published order is total).
    assert duckdb_table.select([0, 1, 3, 4]).equals(spark_table.select([0, 1, 3, 4]))


def test_generated_registry_gives_the_same_table(generated):
    duckdb_table, spark_table = generated
    assert duckdb_table.num_rows == spark_table.num_rows > 1000
    assert _differences(duckdb_table, spark_table, _all_indicators(duckdb_table)) == []
