"""Rejected rows on Spark: counted by the staging pass, located only when there are some.

* Lines Spark's CSV reader refused (spark/staging.py counts them during the staging pass):
  their line numbers come from a second, sequential pass in Python over the local file,
  which applies the same test to each line (Spark reads one record per line) and stops
  once it has found as many lines as Spark counted.
* Malformed values of a CSV file: the DuckDB engine's own Python pass
  (rejections.value_rejection_examples), so both engines give the same examples.
* Malformed values of a Parquet file: Spark itself, the row being `_metadata.row_index`.
"""

import csv

from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from frenchtech.observatory.engine.rejections import (
    MAX_EXAMPLES,
    STRUCTURAL_REASONS,
    RejectedRow,
    RejectionTally,
    value_rejection_examples,
)
from frenchtech.observatory.engine.schema import MASKABLE_KINDS, READ_COLUMNS
from frenchtech.observatory.engine.sources import SourceFile
from frenchtech.observatory.engine.spark.staging import REPLACEMENT_CHARACTER, spark_dialect
from frenchtech.observatory.engine.value_rules import RULE_DESCRIPTIONS, typed_column

REPLACEMENT_REASON = "holds U+FFFD, the mark of text already decoded wrongly"
UNLOCATED_REASON = "refused by Spark's CSV reader (line not found again)"


def tally(
    spark: SparkSession,
    sources: list[SourceFile],
    refused_lines: dict[int, int],
    value_counts: dict[int, dict[str, int]],
) -> RejectionTally:
    """The run's rejections with their first examples, located as the module says."""
    structural = {
        index: refused_line_examples(sources[index], count)
        for index, count in sorted(refused_lines.items())
        if count
    }
    examples = [row for rows in structural.values() for row in rows]
    for index in sorted(value_counts):
        source = sources[index]
        if source.format == "parquet":
            examples += parquet_value_examples(spark, source)
        else:
            examples += value_rejection_examples(source)
    return RejectionTally(sources, structural, value_counts, examples)


def refused_line_examples(source: SourceFile, count: int) -> list[RejectedRow]:
    """The `count` lines of a CSV file that Spark refused, found again in order (line 1 is
    the header); if fewer are found, the rest are reported without a line."""
    found: list[RejectedRow] = []
    with source.readable_path.open("rb") as handle:
        handle.readline()
        for number, raw in enumerate(handle, start=2):
            fault = line_fault(raw.rstrip(b"\r\n"), source.columns)
            if fault is not None:
                column, reason, text = fault
                found.append(RejectedRow(source.name, number, column, reason, text))
                if len(found) == count:
                    return found
    missing = count - len(found)
    return found + [RejectedRow(source.name, None, None, UNLOCATED_REASON)] * missing


def line_fault(raw: bytes, columns: list[str]) -> tuple[str | None, str, str] | None:
    """(column, reason, text) when Spark refuses this line of a CSV file with `columns`
    (spark/staging.py), else None. Blank lines are skipped by Spark, as here."""
    if not raw.strip():
        return None
    try:
        text = raw.decode("utf-8")
        reason = REPLACEMENT_REASON if REPLACEMENT_CHARACTER in text else None
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        reason = STRUCTURAL_REASONS["INVALID ENCODING"]
    # One line, as Spark splits it (a quote left open runs to the end of the line).
    fields = next(csv.reader([text]))
    if reason is not None:
        replaced = (
            name
            for name, value in zip(columns, fields, strict=False)
            if REPLACEMENT_CHARACTER in value
        )
        return next(replaced, None), reason, text
    if len(fields) == len(columns):
        return None
    if text.count('"') % 2:
        # The field whose opening quote is never closed.
        column = columns[min(len(fields), len(columns)) - 1]
        return column, STRUCTURAL_REASONS["UNQUOTED VALUE"], text
    if len(fields) < len(columns):
        return columns[len(fields)], STRUCTURAL_REASONS["MISSING COLUMNS"], text
    return None, STRUCTURAL_REASONS["TOO MANY COLUMNS"], text


def parquet_value_examples(
    spark: SparkSession, source: SourceFile, limit: int = MAX_EXAMPLES
) -> list[RejectedRow]:
    """The first rows of a Parquet file whose value breaks its rule (1-based row numbers,
    as the DuckDB engine gives them)."""
    frame = spark.read.parquet(str(source.path)).select(
        "*", F.col("_metadata.row_index").alias("_observatory_row_index")
    )
    examples = []
    maskable = source.kind in MASKABLE_KINDS
    for name, rule in READ_COLUMNS[source.kind].items():
        column = typed_column(name, rule, source.column_types.get(name, "text"), maskable)
        if column.malformed == "FALSE":
            continue
        found = (
            frame.where(spark_dialect(column.malformed))
            .selectExpr("_observatory_row_index + 1 AS row", f"CAST({name} AS STRING) AS value")
            .orderBy("row")
            .limit(limit)
            .collect()
        )
        examples += [
            RejectedRow(source.name, row, name, RULE_DESCRIPTIONS[rule], value)
            for row, value in found
        ]
    return sorted(examples, key=lambda example: example.line)[:limit]
