"""Rejected rows: where they are (file, line, column) and why.

Structural faults of a CSV (wrong number of fields, invalid UTF-8, broken quoting) come from
DuckDB's reject store, which knows the line. A malformed value is found by the staging SQL,
which knows its column but not its line (DuckDB's CSV reader has no row numbers): only then
is the file scanned again, in Python with the same rules, to find the lines of the first
examples. Parquet rows are numbered by DuckDB (`file_row_number`).
"""

import csv
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import duckdb

from .schema import READ_COLUMNS
from .sources import SourceFile
from .staging import RULE_DESCRIPTIONS, typed_column

MAX_EXAMPLES = 20
STRUCTURAL_REASONS = {
    "MISSING COLUMNS": "wrong number of fields (too few)",
    "TOO MANY COLUMNS": "wrong number of fields (too many)",
    "INVALID ENCODING": "not UTF-8 encoded",
    "UNQUOTED VALUE": "broken quoting",
    "LINE SIZE OVER MAXIMUM": "line too long",
}
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class RejectedRow:
    """One rejected row, as the diagnostics and the error message report it."""

    file: str
    line: int | None
    column: str | None
    reason: str
    value: str | None = None

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "reason": self.reason,
            "value": self.value,
        }


def structural_rejections(connection, rejects_table: str, source: SourceFile) -> list[RejectedRow]:
    """The rows DuckDB's CSV reader refused, with their lines (first examples only)."""
    rows = connection.execute(
        f"SELECT line, column_name, error_type, csv_line FROM {rejects_table} "  # noqa: S608
        "ORDER BY line"
    ).fetchall()
    return [
        RejectedRow(
            source.name,
            int(line) if line is not None else None,
            column,
            STRUCTURAL_REASONS.get(str(error_type), str(error_type).lower()),
            csv_line,
        )
        for line, column, error_type, csv_line in rows
    ]


def value_rejection_examples(source: SourceFile, limit: int = MAX_EXAMPLES) -> list[RejectedRow]:
    """The first rows of `source` whose value breaks its rule, with line and column."""
    if source.format == "parquet":
        return _parquet_examples(source, limit)
    return _csv_examples(source, limit)


def _parquet_examples(source: SourceFile, limit: int) -> list[RejectedRow]:
    examples = []
    path = str(source.path).replace("'", "''")
    with duckdb.connect() as connection:
        for name, rule in READ_COLUMNS[source.kind].items():
            column = typed_column(name, rule, source.column_types.get(name, "text"))
            if column.malformed == "FALSE":
                continue
            found = connection.execute(
                f"SELECT file_row_number + 1, CAST({name} AS VARCHAR) "  # noqa: S608
                f"FROM read_parquet('{path}', file_row_number = true) "
                f"WHERE {column.malformed} ORDER BY 1 LIMIT {limit}"
            ).fetchall()
            examples += [
                RejectedRow(source.name, row, name, RULE_DESCRIPTIONS[rule], value)
                for row, value in found
            ]
    return sorted(examples, key=lambda example: example.line)[:limit]


def _csv_examples(source: SourceFile, limit: int) -> list[RejectedRow]:
    rules = READ_COLUMNS[source.kind]
    examples: list[RejectedRow] = []
    with source.readable_path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        positions = [(header.index(name), name, rule) for name, rule in rules.items()]
        for row in reader:
            if len(row) != len(header):
                continue  # a structural fault, reported by DuckDB's reject store
            for position, name, rule in positions:
                if breaks_rule(row[position], rule):
                    examples.append(
                        RejectedRow(
                            source.name,
                            reader.line_num,
                            name,
                            RULE_DESCRIPTIONS[rule],
                            row[position],
                        )
                    )
                    break
            if len(examples) >= limit:
                break
    return examples


def breaks_rule(value: str, rule: str) -> bool:
    """The Python twin of the staging SQL's `malformed` conditions (staging.py)."""
    if rule == "text":
        return False
    if value == "":
        return rule in ("siren", "required_date", "decimal")
    if rule == "siren":
        return not (len(value) == 9 and value.isascii() and value.isdigit())
    if rule == "nic":
        return not (len(value) == 5 and value.isascii() and value.isdigit())
    if rule in ("date", "required_date"):
        if not _DATE_SHAPE.fullmatch(value):
            return True
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return True
        return False
    if rule == "boolean":
        return value.lower() not in ("true", "false")
    if rule == "integer":
        try:
            int(value)
        except ValueError:
            return True
        return False
    if rule == "decimal":
        try:
            return not Decimal(value).is_finite()
        except InvalidOperation:
            return True
    raise ValueError(f"unknown value rule {rule!r}")
