"""The Spark equivalent of engine/staging.py: the same staged relations, built by Spark SQL.

The staging rules are not restated here: staging.py generates plain SQL (CASE, LPAD,
TRY_CAST, IN, LEFT JOIN, GROUP BY) over a text-typed relation `{source}`; this module runs
that same SELECT on Spark over a view of each raw file, after one dialect adaptation
(Spark needs a length for VARCHAR, so `VARCHAR` becomes `STRING`), and casts each staged
relation to the column types of staging.EMPTY_STAGED_COLUMNS, as DuckDB's INSERT does.

What differs from DuckDB (see docs/methodology/spark.md):
* a CSV file is read by Spark's CSV reader in FAILFAST mode, every field parsed (CSV column
  pruning off): a line with too many fields stops the run with an InputError naming the
  file (not the line or the column); a line with too FEW fields is NOT detected (Spark
  fills the missing fields with NULL), unlike DuckDB's engine;
* bytes that are not UTF-8 are replaced by U+FFFD by Spark's reader instead of rejected;
* a malformed value gives an InputError naming the file, the column and the number of
  rows, without the line (DuckDB's engine finds the first line and the value).
"""

import re

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql.types import StringType, StructField, StructType

from ..errors import InputError
from ..sources import SourceFile
from ..staging import (
    DERIVED_RELATIONS,
    EMPTY_STAGED_COLUMNS,
    STAGED_RELATIONS,
    STAGING_ORDER,
    staging_query,
)

_COLUMN_DEFINITION = re.compile(r"(\w+) (DECIMAL\(\d+,\d+\)|\w+)")
_VARCHAR = re.compile(r"\bVARCHAR\b")


def spark_dialect(sql: str) -> str:
    """The staging SQL of staging.py, in Spark's dialect (VARCHAR has no length there)."""
    return _VARCHAR.sub("STRING", sql)


def staged_columns(relation: str) -> list[tuple[str, str]]:
    """(name, Spark SQL type) of a staged relation, from staging.EMPTY_STAGED_COLUMNS."""
    return [
        (name, spark_dialect(kind))
        for name, kind in _COLUMN_DEFINITION.findall(EMPTY_STAGED_COLUMNS[relation])
    ]


def _typed_as_staged(relation: str, select: str) -> str:
    casts = ", ".join(
        f"CAST({name} AS {kind}) AS {name}" for name, kind in staged_columns(relation)
    )
    return f"SELECT {casts} FROM ({select}) staged"  # noqa: S608


def _empty(spark: SparkSession, relation: str) -> DataFrame:
    ddl = ", ".join(f"{name} {kind}" for name, kind in staged_columns(relation))
    return spark.createDataFrame([], ddl)


def materialise(frame: DataFrame) -> DataFrame:
    """`frame` computed now and kept with its lineage cut (a local checkpoint), so that
    later relations read it like a table and their plans stay small."""
    return frame.localCheckpoint(eager=True)


def _raw_view(spark: SparkSession, source: SourceFile, index: int) -> str:
    """Register the raw rows of `source` as a view; CSV as text, every column."""
    name = f"raw_input_{index}"
    path = str(source.readable_path)
    if source.format == "parquet":
        frame = spark.read.parquet(path)
    else:
        schema = StructType([StructField(column, StringType()) for column in source.columns])
        frame = spark.read.csv(
            path,
            schema=schema,
            header=True,
            sep=",",
            quote='"',
            escape='"',
            encoding="UTF-8",
            mode="FAILFAST",
            enforceSchema=True,
        )
    frame.createOrReplaceTempView(name)
    return name


def _input_error(source: SourceFile, error: Exception) -> InputError:
    text = str(error)
    if "MALFORMED_RECORD" in text or "Malformed" in text:
        return InputError(
            source.path, "malformed CSV line (wrong number of fields or broken quoting)"
        )
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith("An error occurred while calling")]
    reason = (useful or lines or [type(error).__name__])[0]
    return InputError(source.path, f"unreadable by Spark: {reason}")


def stage(spark: SparkSession, sources: list[SourceFile]) -> None:
    """Stage every source into the views STAGED_RELATIONS names, then the DERIVED_RELATIONS,
    in staging.STAGING_ORDER (the company pass reads the funded SIRENs, the establishment
    pass the kept companies). Staged relations are materialised: each input is read once."""
    # Parse every field of a CSV line, so that FAILFAST sees a wrong number of fields
    # (with pruning, Spark only tokenises the columns a query reads).
    spark.conf.set("spark.sql.csv.parser.columnPruning.enabled", "false")
    for relation in EMPTY_STAGED_COLUMNS:
        _empty(spark, relation).createOrReplaceTempView(relation)
    order = sorted(enumerate(sources), key=lambda item: STAGING_ORDER.index(item[1].kind))
    for kind in STAGING_ORDER:
        relation = STAGED_RELATIONS[kind]
        parts = []
        for index, source in order:
            if source.kind != kind:
                continue
            view = _raw_view(spark, source, index)
            select = staging_query(kind, source.column_types, index).replace("{source}", view)
            frame = spark.sql(_typed_as_staged(relation, spark_dialect(select)))
            try:
                frame = materialise(frame)
            except Exception as error:  # Spark raises Py4J / captured errors alike
                raise _input_error(source, error) from error
            parts.append(frame)
        if parts:
            combined = parts[0]
            for part in parts[1:]:
                combined = combined.unionByName(part)
            combined.createOrReplaceTempView(relation)
        if kind == "unite_legale":
            _derive(spark, "company_rows")
    _derive(spark, "establishment_facts")


def _derive(spark: SparkSession, relation: str) -> None:
    materialise(spark.sql(DERIVED_RELATIONS[relation])).createOrReplaceTempView(relation)


def check_rejections(spark: SparkSession, sources: list[SourceFile], max_rejected_rows: int):
    """Raise InputError when more than `max_rejected_rows` rows carry a malformed value
    (naming the file, the column and the number of rows; no line, unlike DuckDB's engine)."""
    counts = []
    for relation in EMPTY_STAGED_COLUMNS:
        rows = "SUM(row_count)" if relation.endswith("_groups") else "COUNT(*)"
        counts += spark.sql(
            f"SELECT file_index, rejected_column, {rows} AS n FROM {relation} "  # noqa: S608
            "WHERE rejected_column IS NOT NULL GROUP BY file_index, rejected_column"
        ).collect()
    total = sum(row["n"] for row in counts)
    if total > max_rejected_rows:
        first = min(counts, key=lambda row: (row["file_index"], row["rejected_column"]))
        suffix = f"; {total} rejected rows in all" if total > first["n"] else ""
        raise InputError(
            sources[first["file_index"]].path,
            f"{first['n']} rows with a malformed value{suffix}",
            column=first["rejected_column"],
        )
