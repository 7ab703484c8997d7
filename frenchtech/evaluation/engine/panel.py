"""The balanced EPCI × year panel every estimator reads, and its validation.

A panel is a matrix of outcomes (one row per unit, one column per consecutive year), the
group of each unit (the year of its first label; 0 for a unit never labelled within the
panel) and the cluster of each unit for inference (the EPCI itself by default).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from frenchtech.evaluation.engine.errors import EvaluationInputError

NEVER = 0  # the group of units never labelled within the panel
SCALES = ("relative", "level")
FIRST_YEAR = 2008  # NAF rév. 2, which defines the digital sector, is in force from 2008


@dataclass(frozen=True)
class Panel:
    """A balanced panel. `outcome[i, j]` is unit `units[i]` in year `years[j]`."""

    units: np.ndarray  # unit codes (str)
    years: np.ndarray  # consecutive years (int)
    outcome: np.ndarray  # float, units × years
    group: np.ndarray  # int: first labelled year, NEVER (0) if never labelled in the panel
    clusters: np.ndarray | None = None  # cluster of each unit; None: each unit its own
    dropped: tuple[str, ...] = field(default_factory=tuple)  # units left out (a missing value)

    @property
    def treated_groups(self) -> list[int]:
        return sorted({int(g) for g in self.group if g != NEVER})

    def year_index(self, year: int) -> int:
        return int(year - self.years[0])

    def cluster_codes(self) -> np.ndarray:
        """Integer cluster codes 0..C-1 (the unit itself when no cluster is given)."""
        labels = self.units if self.clusters is None else self.clusters
        return np.unique(labels, return_inverse=True)[1]

    def restricted_to_years(self, first: int, last: int) -> "Panel":
        """The same units over `first`..`last` (groups are kept as they are)."""
        start, stop = self.year_index(first), self.year_index(last) + 1
        return Panel(
            self.units,
            self.years[start:stop],
            self.outcome[:, start:stop],
            self.group,
            self.clusters,
            self.dropped,
        )


def build_panel(
    values: Iterable[tuple[str, int, float | None]],
    units: Iterable[str],
    groups: Mapping[str, int],
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    missing_means_zero: bool = False,
    clusters: Mapping[str, str] | None = None,
    scale: str = "level",
) -> Panel:
    """A validated panel from (unit, year, value) rows.

    `units` is the pool (rows of other units are ignored); `groups` maps a labelled unit
    to the year of its first label (units absent from it are never labelled). Years span
    `first_year`..`last_year` (default: the years of the rows). A missing cell is zero when
    `missing_means_zero` (counts), else its unit is dropped and listed in `dropped`.
    Raises EvaluationInputError for anything the estimators cannot use.
    """
    pool = list(dict.fromkeys(units))
    position = {code: i for i, code in enumerate(pool)}
    rows = [(u, int(y), v) for u, y, v in values if u in position and v is not None]
    seen_years = sorted({y for _, y, _ in rows})
    if not seen_years:
        raise EvaluationInputError("too_few_years", count=0)
    first = first_year if first_year is not None else seen_years[0]
    last = last_year if last_year is not None else seen_years[-1]
    if last - first < 1 or len(seen_years) < 2:
        raise EvaluationInputError("too_few_years", count=len(seen_years))
    years = np.arange(first, last + 1)
    present = set(seen_years)
    for year in years:
        if int(year) not in present:
            raise EvaluationInputError("missing_year", year=int(year), first=first, last=last)
    matrix = np.full((len(pool), len(years)), 0.0 if missing_means_zero else np.nan)
    for unit, year, value in rows:
        if first <= year <= last:
            matrix[position[unit], year - first] = float(value)
    complete = ~np.isnan(matrix).any(axis=1)
    dropped = tuple(code for code, keep in zip(pool, complete, strict=True) if not keep)
    kept = [code for code, keep in zip(pool, complete, strict=True) if keep]
    group = np.array([int(groups.get(code, NEVER) or NEVER) for code in kept], dtype=np.int64)
    panel = Panel(
        units=np.array(kept, dtype=object),
        years=years,
        outcome=matrix[complete],
        group=group,
        clusters=np.array([clusters[c] for c in kept], dtype=object) if clusters else None,
        dropped=dropped,
    )
    validate(panel, scale)
    return panel


def validate(panel: Panel, scale: str = "level") -> None:
    """Raise EvaluationInputError unless the estimators can run on `panel`."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}")
    first, last = int(panel.years[0]), int(panel.years[-1])
    if len(panel.years) < 2:
        raise EvaluationInputError("too_few_years", count=len(panel.years))
    if not np.array_equal(panel.years, np.arange(first, last + 1)):
        missing = sorted(set(range(first, last + 1)) - {int(y) for y in panel.years})
        raise EvaluationInputError("missing_year", year=missing[0], first=first, last=last)
    if np.isnan(panel.outcome).any():
        row, column = np.argwhere(np.isnan(panel.outcome))[0]
        raise EvaluationInputError(
            "missing_year", year=int(panel.years[column]), first=first, last=last
        )
    for code, group in zip(panel.units, panel.group, strict=True):
        if group != NEVER and not first < group <= last:
            raise EvaluationInputError(
                "label_outside_panel", unit=code, year=int(group), first=first, last=last
            )
    groups = set(panel.group.tolist())
    if len(groups) < 2:
        raise EvaluationInputError("too_few_groups", count=len(groups))
    if not panel.treated_groups:
        raise EvaluationInputError("no_treated_group")
    if np.ptp(panel.outcome) == 0:
        raise EvaluationInputError("no_variation")
    if scale == "relative" and (panel.outcome < 0).any():
        row, column = np.argwhere(panel.outcome < 0)[0]
        raise EvaluationInputError(
            "negative_values",
            unit=panel.units[row],
            value=float(panel.outcome[row, column]),
            year=int(panel.years[column]),
        )


def scale_of(kind: str) -> str:
    """Counts and amounts: proportional effects (they grow multiplicatively and have
    zeros); ratios and shares: effects in their own unit."""
    return "relative" if kind in {"count", "amount"} else "level"


def snapshot_panel(
    rows: Iterable[tuple[str, int, float | None]],
    units: Iterable[str],
    label_years: Mapping[str, int],
    *,
    stock_year: int,
    kind: str,
    first_year: int = FIRST_YEAR,
) -> tuple[Panel, list[str]]:
    """The panel of one indicator of a published snapshot, and the labelled units left
    among the comparison units because their label comes after the panel.

    Years: from `first_year` (or the indicator's first year in the pool, if later) to the
    last complete year before the stock date (the stock's own year is only partly
    observed). A missing count is zero; a unit missing a ratio is left out. `kind` is the
    indicator's kind in the observatory's schema (count, amount, ratio).
    """
    units = list(units)
    wanted = set(units)
    rows = [row for row in rows if row[0] in wanted]
    seen = sorted({year for _unit, year, value in rows if value is not None and year < stock_year})
    if seen:
        first, last = max(first_year, seen[0]), seen[-1]
    else:  # observed at the stock date only, or not at all
        first = last = stock_year
    groups = {unit: year for unit, year in label_years.items() if unit in wanted and year <= last}
    after = sorted(unit for unit in label_years if unit in wanted and unit not in groups)
    panel = build_panel(
        rows,
        units,
        groups,
        first_year=first,
        last_year=last,
        missing_means_zero=kind in {"count", "amount"},
        scale=scale_of(kind),
    )
    return panel, after
