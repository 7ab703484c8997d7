"""Rejected rows: where they are (file, line, column) and why.

Structural faults of a CSV (wrong number of fields, invalid UTF-8, broken quoting) come from
DuckDB's reject store, which knows the line (DuckDB's reader reads a CSV again when pyarrow's
stream, csv_stream.py, stops on it). A malformed value is found by the staging SQL, which
knows its column but not its line (neither CSV reader gives row numbers): only then is the
file scanned again, in Python with the same rules, to find the lines of the first
examples. Parquet rows are numbered by DuckDB (`file_row_number`).

`RejectionTally` turns what an engine found into the error or the diagnostics' summary; the
Spark backend (engine/spark) uses it.
"""

import csv
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb

from frenchtech.observatory.engine.errors import InputError
from frenchtech.observatory.engine.schema import MASKABLE_KINDS, MASKED_VALUE, READ_COLUMNS
from frenchtech.observatory.engine.sources import SourceFile
from frenchtech.observatory.engine.value_rules import RULE_DESCRIPTIONS, typed_column

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


@dataclass
class RejectionTally:
    """The rejected rows of a run, by file index: structural ones (each with its line),
    malformed values counted per column, and the first examples (structural first)."""

    sources: list[SourceFile]
    structural: dict[int, list[RejectedRow]] = field(default_factory=dict)
    value_counts: dict[int, dict[str, int]] = field(default_factory=dict)
    examples: list[RejectedRow] = field(default_factory=list)

    @property
    def total(self) -> int:
        structural = sum(len(rows) for rows in self.structural.values())
        return structural + sum(sum(columns.values()) for columns in self.value_counts.values())

    def raise_if_more_than(self, max_rejected_rows: int) -> None:
        """InputError naming the first example's file, line, column and value when more
        than `max_rejected_rows` rows were rejected."""
        total = self.total
        if total <= max_rejected_rows:
            return
        if self.examples:
            first = self.examples[0]
            suffix = f"; {total} rejected rows in all" if total > 1 else ""
            raise InputError(
                first.file,
                first.reason + suffix,
                line=first.line,
                column=first.column,
                value=first.value,
            )
        file_index, columns = next(iter(self.value_counts.items()))
        column, count = next(iter(columns.items()))
        raise InputError(
            self.sources[file_index].path, f"{count} rows with a malformed value", column=column
        )

    def summary(self) -> dict:
        """The `rejected_rows` entry of the diagnostics document."""
        by_file: dict[str, int] = defaultdict(int)
        by_reason: dict[str, int] = defaultdict(int)
        for rows in self.structural.values():
            for row in rows:
                by_file[row.file] += 1
                by_reason[row.reason] += 1
        for file_index, columns in self.value_counts.items():
            for column, count in columns.items():
                by_file[self.sources[file_index].name] += count
                by_reason[f"{column}: malformed value"] += count
        return {
            "rows": self.total,
            "by_file": dict(by_file),
            "by_reason": dict(by_reason),
            "examples": [row.as_dict() for row in self.examples[:MAX_EXAMPLES]],
        }


def structural_rejections(connection, rejects_table: str, source: SourceFile) -> list[RejectedRow]:
    """The rows DuckDB's CSV reader refused, with their lines: one per line, its first error
    (the reject store holds one entry per error: a line missing three fields has three)."""
    rows = connection.execute(
        f"SELECT line, column_name, error_type, csv_line FROM {rejects_table} "  # noqa: S608
        "ORDER BY line, column_idx"
    ).fetchall()
    rejected: list[RejectedRow] = []
    for line, column, error_type, csv_line in rows:
        line = int(line) if line is not None else None
        if rejected and line is not None and rejected[-1].line == line:
            continue
        reason = STRUCTURAL_REASONS.get(str(error_type), str(error_type).lower())
        rejected.append(RejectedRow(source.name, line, column, reason, csv_line))
    return rejected


def value_rejection_examples(source: SourceFile, limit: int = MAX_EXAMPLES) -> list[RejectedRow]:
    """The first rows of `source` whose value breaks its rule, with line and column."""
    if source.format == "parquet":
        return _parquet_examples(source, limit)
    return _csv_examples(source, limit)


def _parquet_examples(source: SourceFile, limit: int) -> list[RejectedRow]:
    examples = []
    path = str(source.path).replace("'", "''")
    with duckdb.connect() as connection:
        maskable = source.kind in MASKABLE_KINDS
        for name, rule in READ_COLUMNS[source.kind].items():
            column = typed_column(name, rule, source.column_types.get(name, "text"), maskable)
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
    maskable = source.kind in MASKABLE_KINDS
    examples: list[RejectedRow] = []
    with source.readable_path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        positions = [(header.index(name), name, rule) for name, rule in rules.items()]
        for row in reader:
            if len(row) != len(header):
                continue  # a structural fault, reported by DuckDB's reject store
            for position, name, rule in positions:
                if breaks_rule(row[position], rule, maskable):
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


def first_odd_line_break(path: Path) -> int | None:
    """The first line of a CSV file whose line break differs from the header's (or which
    holds a lone carriage return), or None. DuckDB's reader stops on such a file without a
    line number ("invalid state"); this pass, run only then, finds the line."""
    with path.open("rb") as handle:
        crlf = handle.readline().endswith(b"\r\n")
        for number, line in enumerate(handle, start=2):
            body = line[:-2] if line.endswith(b"\r\n") else line.rstrip(b"\n")
            ending = line[len(body) :]
            if b"\r" in body or (ending and (ending == b"\r\n") != crlf):
                return number
    return None


def breaks_rule(value: str, rule: str, maskable: bool = False) -> bool:
    """The Python twin of the staging SQL's `malformed` conditions (value_rules.py); with
    `maskable` (a SIRENE file), a masked value breaks no rule."""
    if rule == "text" or (maskable and value == MASKED_VALUE):
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
