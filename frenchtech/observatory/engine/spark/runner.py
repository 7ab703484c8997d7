"""run_on_spark: the indicator table and its diagnostics, computed by Spark.

Shared with the DuckDB engine (compute.py): input recognition (sources.py), the territory
reference (territories.py), the staging rules (staging.py, run through spark/staging.py),
the portable indicator queries, run verbatim (indicators.queries(), in QUERY_ORDER), each
registered as a temp view named after its file, the steps after staging (run_steps.py:
stock date, calendar years, the published SELECT), the diagnostics queries
(diagnostics.py) and the rejection summary (rejections.RejectionTally).
"""

import datetime as dt
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyspark
from pyspark.sql import SparkSession

from frenchtech.observatory.engine import diagnostics
from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.indicators import QUERY_ORDER, queries
from frenchtech.observatory.engine.run_steps import (
    OUTPUT_SCHEMA,
    EngineResult,
    calendar_years,
    published_select,
    staged_row_counts,
)
from frenchtech.observatory.engine.sources import (
    SYNTHETIC_SIDECAR_SUFFIX,
    extract_zip_member,
    recognise,
)
from frenchtech.observatory.engine.spark.rejections import tally
from frenchtech.observatory.engine.spark.staging import materialise, stage
from frenchtech.observatory.engine.staging import DERIVED_RELATIONS, EMPTY_STAGED_COLUMNS
from frenchtech.observatory.engine.stock_date import late_creation_bound, stock_date_of
from frenchtech.observatory.engine.territories import REFERENCE_FILES, load_reference

DEFAULT_DRIVER_MEMORY = "2g"


def build_session(
    app_name: str = "frenchtech-observatory", driver_memory: str = DEFAULT_DRIVER_MEMORY
) -> SparkSession:
    """A local SparkSession sized like the DuckDB engine: 2 cores, few shuffle partitions
    (the staged relations are small), UTC, no UI. `driver_memory` is the JVM's heap; it
    only applies when this call starts the JVM."""
    spark = (
        SparkSession.builder.master("local[2]")
        .appName(app_name)
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_on_spark(
    paths: Iterable[str | Path],
    reference_directory: str | Path | None = None,
    stock_date: dt.date | None = None,
    spark: SparkSession | None = None,
    *,
    max_rejected_rows: int = 0,
) -> EngineResult:
    """What compute.run_engine returns (the long-form indicator table, the diagnostics
    document, the inputs), computed on `spark` (a local session when None).

    Bad input raises the same InputError as run_engine (file, line, column, value)."""
    sources = [
        recognise(path) for path in paths if not str(path).endswith(SYNTHETIC_SIDECAR_SUFFIX)
    ]
    if not any(source.kind == "unite_legale" for source in sources):
        raise InputError("(inputs)", "no StockUniteLegale file among the inputs")
    if not any(source.kind == "etablissement" for source in sources):
        raise InputError("(inputs)", "no StockEtablissement file among the inputs")
    reference = load_reference(reference_directory)
    spark = spark or build_session()
    scratch = Path(tempfile.mkdtemp(prefix="observatory-spark-"))
    try:
        for source in sources:
            if source.format == "csv.zip":
                extract_zip_member(source, scratch)
        return _run(spark, sources, reference, stock_date, max_rejected_rows)
    finally:
        # Only the views this run registered: a caller's session keeps its own.
        ours = {*EMPTY_STAGED_COLUMNS, *DERIVED_RELATIONS, *REFERENCE_FILES, *QUERY_ORDER}
        ours |= {"fixed_arrondissements", "run_parameters", "calendar_years"}
        ours |= {f"raw_input_{index}" for index in range(len(sources))}
        for name in ours:
            spark.catalog.dropTempView(name)
        shutil.rmtree(scratch, ignore_errors=True)


def _run(spark, sources, reference, stock_date, max_rejected_rows) -> EngineResult:
    """Stage, check rejections, compute the indicators, then the diagnostics."""
    refused_lines = stage(spark, sources, late_creation_bound(sources, stock_date))

    def query(sql):
        return [tuple(row) for row in spark.sql(sql).collect()]

    row_counts, value_counts = staged_row_counts(query)
    rejections = tally(spark, sources, refused_lines, value_counts)
    rejections.raise_if_more_than(max_rejected_rows)
    for index, lines in refused_lines.items():
        row_counts[index] += lines

    stock_date, stock_date_rule = stock_date_of(query, sources, stock_date)
    _compute_indicators(spark, reference, stock_date)
    frame = spark.sql(published_select())
    indicators = frame.toArrow().select(OUTPUT_SCHEMA.names).cast(OUTPUT_SCHEMA)
    synthetic = any(source.synthetic for source in sources)
    document = diagnostics.build(
        query,
        sources=sources,
        row_counts=row_counts,
        rejected=rejections.summary(),
        stock_date=stock_date,
        stock_date_rule=stock_date_rule,
        synthetic=synthetic,
        engine={"spark": pyspark.__version__},
    )
    return EngineResult(indicators, document, sources, stock_date, synthetic)


def _compute_indicators(spark: SparkSession, reference, stock_date: dt.date) -> None:
    """Register the reference and the run's parameters, then run every indicator query."""
    for name, table in reference.relations().items():
        spark.createDataFrame(table).createOrReplaceTempView(name)
    spark.sql(
        f"SELECT DATE'{stock_date.isoformat()}' AS stock_date, "
        f"CAST({stock_date.year} AS BIGINT) AS stock_year"
    ).createOrReplaceTempView("run_parameters")
    years = calendar_years(lambda sql: spark.sql(sql).collect(), stock_date)
    spark.createDataFrame([(year,) for year in years], "year INT").createOrReplaceTempView(
        "calendar_years"
    )
    for name, sql in queries():
        # Materialised, as DuckDB's CREATE TEMP TABLE: a view over views would inline
        # every earlier query into each later one (territory_counts reads commune_facts
        # five times, indicator_values territory_counts five times), and the plan grows
        # until the driver runs out of memory.
        materialise(spark.sql(sql)).createOrReplaceTempView(name)
