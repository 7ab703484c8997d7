"""National rankings of territories on one indicator and year.

Ranks are competition ranks (ties share the best rank: 1, 2, 2, 4), highest value first;
values within the scoring engine's small tolerance are ties (scoring/ranks.py).
Percentiles are "mean" percentile ranks: the share of territories below, counting ties
as half, × 100 — so the median territory sits at 50 whatever the ties.
"""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.ranks import competition_ranks as scoring_ranks
from frenchtech.scoring.ranks import tie_margin


@dataclass
class RankedTerritory:
    code: str
    name: str
    value: float | None
    is_metropole: bool = False
    rank: int | None = None
    percentile: float | None = None
    metropole_rank: int | None = None
    metropole_percentile: float | None = None


def competition_ranks(values: list[float]) -> tuple[list[int], list[float]]:
    """Ranks (descending) and mean percentile ranks of `values`, in their order. Values
    within the scoring engine's tolerance of each other are tied (scoring/ranks.py): two
    ratios equal but for the last unit of their computation share a rank."""
    if not values:
        return [], []
    array = np.asarray(values, dtype=float)
    count = len(array)
    ranks = scoring_ranks(array)
    # Below a value: those it ranks before (it exceeds them by more than their margin).
    raised = np.sort(array + tie_margin(array))
    below = np.searchsorted(raised, array, side="left")
    above = ranks - 1
    equal = count - above - below
    percentiles = 100.0 * (below + 0.5 * equal) / count
    return [int(rank) for rank in ranks], [float(value) for value in percentiles]


def rank_territories(territories: list[RankedTerritory]) -> list[RankedTerritory]:
    """Fill ranks among all territories with a value, and among métropoles; sort by rank."""
    valued = [t for t in territories if t.value is not None]
    ranks, percentiles = competition_ranks([t.value for t in valued])
    for territory, rank, percentile in zip(valued, ranks, percentiles, strict=True):
        territory.rank, territory.percentile = rank, percentile
    metropoles = [t for t in valued if t.is_metropole]
    if metropoles:
        ranks, percentiles = competition_ranks([t.value for t in metropoles])
        for territory, rank, percentile in zip(metropoles, ranks, percentiles, strict=True):
            territory.metropole_rank, territory.metropole_percentile = rank, percentile
    return sorted(territories, key=lambda t: (t.rank is None, t.rank or 0, t.name))
