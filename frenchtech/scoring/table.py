"""Performance tables: one row per alternative, one column per criterion.

CSV format (UTF-8, optional byte-order mark, comma-separated, '.' as decimal mark): the first
column is `alternative`, the others are criterion ids (and population columns used by
`per-capita`). Columns the model does not need are ignored and reported.
"""

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from frenchtech.scoring.errors import PerformanceTableError

ALTERNATIVE_COLUMN = "alternative"


@dataclass(frozen=True)
class PerformanceTable:
    """Alternatives × columns of finite numbers (build with `from_arrays` or `read_...`)."""

    alternatives: tuple[str, ...]
    columns: tuple[str, ...]
    values: np.ndarray
    ignored_columns: tuple[str, ...] = ()

    @classmethod
    def from_arrays(
        cls, alternatives: Sequence[str], columns: Sequence[str], values
    ) -> "PerformanceTable":
        """Check and wrap in-memory data (e.g. indicators a Django view already holds)."""
        alternatives = tuple(str(name) for name in alternatives)
        columns = tuple(columns)
        values = np.asarray(values, dtype=float)
        _check_names(alternatives)
        if len(set(columns)) != len(columns):
            raise PerformanceTableError("performance table: a column is listed twice")
        if values.shape != (len(alternatives), len(columns)):
            raise PerformanceTableError(
                f"performance table: values have shape {values.shape}, expected "
                f"({len(alternatives)}, {len(columns)})"
            )
        bad = np.argwhere(~np.isfinite(values))
        if bad.size:
            row, column = bad[0]
            raise PerformanceTableError(
                f"alternative {alternatives[row]!r}, column {columns[column]!r}: "
                "not a finite number"
            )
        return cls(alternatives, columns, values)

    def column(self, name: str) -> np.ndarray:
        if name not in self.columns:
            raise PerformanceTableError(f"performance table has no column {name!r}")
        return self.values[:, self.columns.index(name)]

    def matrix(self, names: Sequence[str]) -> np.ndarray:
        """Columns `names` as an alternatives × len(names) array, in that order."""
        return np.column_stack([self.column(name) for name in names])


def _check_names(alternatives: tuple[str, ...]) -> None:
    if not alternatives:
        raise PerformanceTableError("performance table: no alternatives (no data rows)")
    seen: set[str] = set()
    for name in alternatives:
        if not name.strip():
            raise PerformanceTableError("performance table: an alternative has an empty name")
        if name in seen:
            raise PerformanceTableError(f"alternative {name!r} appears twice")
        seen.add(name)


def _parse_cell(text: str, where: str) -> float:
    cell = text.strip()
    if not cell:
        raise PerformanceTableError(f"{where}: missing value")
    try:
        number = float(cell)
    except ValueError:
        raise PerformanceTableError(f"{where}: {cell!r} is not a number") from None
    if not math.isfinite(number):
        raise PerformanceTableError(f"{where}: {cell!r} is not a finite number")
    return number


def parse_performance_csv(
    text: str, required_columns: Sequence[str], name: str = "performance table"
) -> PerformanceTable:
    """Parse CSV text, keeping `required_columns`; errors name the line, alternative, column."""
    rows = [row for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if row]
    if not rows:
        raise PerformanceTableError(f"{name} is empty")
    header = [cell.strip() for cell in rows[0]]
    if header[0] != ALTERNATIVE_COLUMN:
        raise PerformanceTableError(
            f"{name}: the first column must be {ALTERNATIVE_COLUMN!r} (got {header[0]!r})"
        )
    duplicates = [column for column in header if header.count(column) > 1]
    if duplicates:
        raise PerformanceTableError(f"{name}: column {duplicates[0]!r} appears twice")
    missing = [column for column in required_columns if column not in header]
    if missing:
        raise PerformanceTableError(f"{name}: no column {missing[0]!r} (needed by the model)")
    positions = [header.index(column) for column in required_columns]
    alternatives: list[str] = []
    lines: dict[str, int] = {}
    values = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise PerformanceTableError(
                f"{name}: line {line} has {len(row)} cells, the header has {len(header)}"
            )
        alternative = row[0].strip()
        if not alternative:
            raise PerformanceTableError(f"{name}: line {line}: the alternative name is empty")
        if alternative in lines:
            raise PerformanceTableError(
                f"{name}: alternative {alternative!r} appears twice "
                f"(lines {lines[alternative]} and {line})"
            )
        lines[alternative] = line
        alternatives.append(alternative)
        values.append(
            [
                _parse_cell(
                    row[position],
                    f"{name}: line {line}, alternative {alternative!r}, column {column!r}",
                )
                for position, column in zip(positions, required_columns, strict=True)
            ]
        )
    if not alternatives:
        raise PerformanceTableError(f"{name}: no alternatives (the header has no data rows)")
    ignored = tuple(column for column in header[1:] if column not in required_columns)
    return PerformanceTable(
        tuple(alternatives),
        tuple(required_columns),
        np.array(values, dtype=float).reshape(len(alternatives), len(required_columns)),
        ignored,
    )


def read_performance_csv(path: str | Path, required_columns: Sequence[str]) -> PerformanceTable:
    """Read a CSV performance table file (see `parse_performance_csv`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PerformanceTableError(
            f"cannot read performance table {path.name}: {error}"
        ) from error
    return parse_performance_csv(text, required_columns, path.name)
