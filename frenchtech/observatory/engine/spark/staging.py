"""The Spark equivalent of engine/staging.py: the same staged relations, built by Spark SQL.

The staging rules are not restated here: staging.py generates plain SQL (CASE, GLOB,
TRY_CAST, IN, LEFT JOIN, GROUP BY) over a text-typed relation `{source}`; this module runs
that same SELECT on Spark over a view of each raw file, after the dialect adaptations of
spark_dialect (`VARCHAR` becomes `STRING`, a shape `GLOB` an anchored `RLIKE`), and casts
each staged relation to the column types of staging.EMPTY_STAGED_COLUMNS, as DuckDB's
INSERT does.

A CSV file is read one record per line (PERMISSIVE mode, every field parsed). A line Spark's
reader refuses (a wrong number of fields, which broken quoting also gives) or that holds
U+FFFD (what Spark makes of bytes that are not UTF-8) is left out of the staged rows and
counted during the same pass (an Observation); spark/rejections.py then finds their lines.
See docs/methodology/spark.md.
"""

import functools
import re

from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.sources import SourceFile
from frenchtech.observatory.engine.staging import (
    CONSTANT_RELATIONS,
    DERIVED_RELATIONS,
    EMPTY_STAGED_COLUMNS,
    STAGED_RELATIONS,
    STAGING_ORDER,
    staging_query,
)

_COLUMN_DEFINITION = re.compile(r"(\w+) (DECIMAL\(\d+,\d+\)|\w+)")
_VARCHAR = re.compile(r"\bVARCHAR\b")
# staging.shape_match's GLOB: only `[0-9]` and `-`, which read the same as a regex.
_SHAPE_GLOB = re.compile(r"\bGLOB '([\[\]0-9-]+)'")
# Where Spark's CSV reader puts the text of a line it cannot split into the header's fields.
UNPARSED_LINE = "_observatory_unparsed_line"
REFUSED = "_observatory_refused"
REPLACEMENT_CHARACTER = "\ufffd"


def spark_dialect(sql: str) -> str:
    """The staging SQL of staging.py, in Spark's dialect: VARCHAR has no length there, and
    GLOB is a whole-value RLIKE (Java's `\\z`: the very end; `$` would also match before a
    final line break)."""
    sql = _SHAPE_GLOB.sub(lambda match: f"RLIKE '^(?:{match[1]})\\\\z'", sql)
    return _VARCHAR.sub("STRING", sql)


def staged_columns(relation: str) -> list[tuple[str, str]]:
    """(name, Spark SQL type) of a staged relation, from staging.EMPTY_STAGED_COLUMNS."""
    return [
        (name, spark_dialect(kind))
        for name, kind in _COLUMN_DEFINITION.findall(EMPTY_STAGED_COLUMNS[relation])
    ]


def _typed_as_staged(relation: str, frame: DataFrame) -> DataFrame:
    # Through the DataFrame API, not an SQL wrapper: the raw file's Observation is then part
    # of the logical plan that Spark completes it from.
    return frame.selectExpr(
        *(f"CAST({name} AS {kind}) AS {name}" for name, kind in staged_columns(relation))
    )


def _empty(spark: SparkSession, relation: str) -> DataFrame:
    ddl = ", ".join(f"{name} {kind}" for name, kind in staged_columns(relation))
    return spark.createDataFrame([], ddl)


def materialise(frame: DataFrame) -> DataFrame:
    """`frame` computed now and kept with its lineage cut (a local checkpoint), so that
    later relations read it like a table and their plans stay small."""
    return frame.localCheckpoint(eager=True)


def _raw_view(
    spark: SparkSession, source: SourceFile, index: int
) -> tuple[str, Observation | None]:
    """Register the raw rows of `source` as a view (CSV: text, every column, the refused
    lines left out), with the Observation that counts a CSV file's refused lines."""
    name = f"raw_input_{index}"
    path = str(source.readable_path)
    if source.format == "parquet":
        spark.read.parquet(path).createOrReplaceTempView(name)
        return name, None
    fields = [StructField(column, StringType()) for column in source.columns]
    frame = spark.read.csv(
        path,
        schema=StructType([*fields, StructField(UNPARSED_LINE, StringType())]),
        header=True,
        sep=",",
        quote='"',
        escape='"',
        encoding="UTF-8",
        mode="PERMISSIVE",
        columnNameOfCorruptRecord=UNPARSED_LINE,
        enforceSchema=True,
    )
    columns = [_column(name) for name in source.columns]
    observation = Observation(f"refused_lines_{index}")
    # Computed once, as a column, for the count and the filter (inlined in both, it
    # doubled the staging time).
    frame = frame.select(*columns, _refused_line(columns).alias(REFUSED))
    frame = frame.observe(observation, F.count_if(REFUSED).alias("lines"))
    frame.where(~F.col(REFUSED)).select(*columns).createOrReplaceTempView(name)
    return name, observation


def _column(name: str) -> Column:
    # Quoted: a header may hold any name (a dot would otherwise mean a struct field).
    return F.col("`{}`".format(name.replace("`", "``")))


def _refused_line(columns: list[Column]) -> Column:
    """True for a line the reader could not split into the header's fields, or that holds
    U+FFFD in any field (Spark decodes bytes that are not UTF-8 as U+FFFD)."""
    # One search in the joined fields (measured: a third cheaper than one per field).
    joined = F.concat_ws("", *columns)
    return F.col(UNPARSED_LINE).isNotNull() | joined.contains(REPLACEMENT_CHARACTER)


def _input_error(source: SourceFile, error: Exception) -> InputError:
    text = str(error)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith("An error occurred while calling")]
    reason = (useful or lines or [type(error).__name__])[0]
    return InputError(source.path, f"unreadable by Spark: {reason}")


def stage(
    spark: SparkSession, sources: list[SourceFile], late_creation_bound: str = "NULL"
) -> dict[int, int]:
    """Stage every source into the views STAGED_RELATIONS names, then the DERIVED_RELATIONS,
    in staging.STAGING_ORDER (the company pass reads the funded SIRENs, the establishment
    pass the kept companies). Staged relations are materialised: each input is read once.
    `late_creation_bound` is staging.staging_query's. Returns the number of lines refused
    by the CSV reader, per file index."""
    # Parse every field of a CSV line, so that a wrong number of fields is always seen
    # (with pruning, Spark only tokenises the columns a query reads).
    spark.conf.set("spark.sql.csv.parser.columnPruning.enabled", "false")
    for relation in EMPTY_STAGED_COLUMNS:
        _empty(spark, relation).createOrReplaceTempView(relation)
    for relation, (column, values) in CONSTANT_RELATIONS.items():
        frame = spark.createDataFrame([(value,) for value in values], f"{column} STRING")
        frame.createOrReplaceTempView(relation)
    order = sorted(enumerate(sources), key=lambda item: STAGING_ORDER.index(item[1].kind))
    refused_lines: dict[int, int] = {}
    for kind in STAGING_ORDER:
        parts = [
            _stage_file(spark, source, index, refused_lines, late_creation_bound)
            for index, source in order
            if source.kind == kind
        ]
        if parts:
            functools.reduce(DataFrame.unionByName, parts).createOrReplaceTempView(
                STAGED_RELATIONS[kind]
            )
        if kind == "unite_legale":
            _derive(spark, "company_rows")
    _derive(spark, "establishment_facts")
    return refused_lines


def _stage_file(
    spark: SparkSession,
    source: SourceFile,
    index: int,
    refused_lines: dict[int, int],
    late_creation_bound: str,
) -> DataFrame:
    """The staged rows of one file, materialised; its refused lines go to `refused_lines`."""
    view, observation = _raw_view(spark, source, index)
    select = staging_query(source.kind, source.column_types, index, late_creation_bound)
    select = select.replace("{source}", view)
    frame = _typed_as_staged(STAGED_RELATIONS[source.kind], spark.sql(spark_dialect(select)))
    try:
        frame = materialise(frame)
    except Exception as error:  # Spark raises Py4J / captured errors alike
        raise _input_error(source, error) from error
    if observation is not None:
        refused_lines[index] = observation.get["lines"]
    return frame


def _derive(spark: SparkSession, relation: str) -> None:
    materialise(spark.sql(DERIVED_RELATIONS[relation])).createOrReplaceTempView(relation)
