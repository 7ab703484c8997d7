"""The engine-neutral steps of a run, shared by DuckDB (compute.py) and Spark (spark/):
what a run produces, and the steps after staging that read the staged relations through a
`query(sql) -> rows` callable or plain SQL, so both engines follow one rule.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import pyarrow as pa

from frenchtech.observatory.engine.schema import INDICATORS, LEVELS
from frenchtech.observatory.engine.sources import SourceFile
from frenchtech.observatory.engine.staging import EMPTY_STAGED_COLUMNS

# The columns and types of the indicator table, whichever engine computed it.
OUTPUT_SCHEMA = pa.schema(
    [
        ("territory_level", pa.string()),
        ("territory_code", pa.string()),
        ("territory_name", pa.string()),
        ("year", pa.int32()),
        ("indicator", pa.string()),
        ("value", pa.float64()),
        ("integer_value", pa.int64()),
    ]
)


@dataclass
class EngineResult:
    """What a run produces: the long-form table, its diagnostics document, the inputs."""

    indicators: pa.Table
    diagnostics: dict
    sources: list[SourceFile]
    stock_date: dt.date
    synthetic: bool


def staged_row_counts(query) -> tuple[dict[int, int], dict[int, dict[str, int]]]:
    """Rows staged per file index, and malformed values per file index and column (the
    staged relations hold the rejected rows too, marked by `rejected_column`)."""
    rows: dict[int, int] = defaultdict(int)
    malformed: dict[int, dict[str, int]] = {}
    for relation in EMPTY_STAGED_COLUMNS:
        # The SIRENE passes store groups of rows (row_count), the side files single rows.
        count = "SUM(row_count)" if relation.endswith("_groups") else "COUNT(*)"
        for file_index, column, n in query(
            f"SELECT file_index, rejected_column, {count} AS n FROM {relation} "  # noqa: S608
            "GROUP BY file_index, rejected_column"
        ):
            rows[file_index] += n
            if column is not None:
                malformed.setdefault(file_index, {})[column] = n
    return rows, malformed


def calendar_years(query, stock_date: dt.date) -> list[int]:
    """The years a programme can be running in: from the first programme's start to the
    later of the last programme's end and the stock year (none without programmes)."""
    first, last = query(
        "SELECT MIN(EXTRACT(YEAR FROM start_date)) AS first_year, "
        "MAX(EXTRACT(YEAR FROM COALESCE(end_date, start_date))) AS last_year "
        "FROM programme_rows WHERE rejected_column IS NULL"
    )[0]
    if first is None:
        return []
    return list(range(int(first), max(int(last), stock_date.year) + 1))


def published_select() -> str:
    """The SELECT of the indicator table (OUTPUT_SCHEMA), in its published order: level
    (commune to france), territory code, year, then indicators in the order of
    docs/methodology/indicator-definitions.md. Only constants of schema.py are interpolated."""
    counts = ", ".join(f"'{name}'" for name, kind in INDICATORS.items() if kind == "count")
    levels = " ".join(f"WHEN '{level}' THEN {rank}" for rank, level in enumerate(LEVELS))
    indicator_rank = " ".join(f"WHEN '{name}' THEN {rank}" for rank, name in enumerate(INDICATORS))
    return (
        "SELECT territory_level, territory_code, territory_name, CAST(year AS INT) AS year, "  # noqa: S608
        "indicator, CAST(value AS DOUBLE) AS value, "
        f"CASE WHEN indicator IN ({counts}) THEN CAST(value AS BIGINT) END AS integer_value "
        "FROM published_indicators "
        f"ORDER BY CASE territory_level {levels} END, territory_code, year, "
        f"CASE indicator {indicator_rank} END"
    )
