"""National rankings of territories on one indicator and year.

Ranks are competition ranks (ties share the best rank: 1, 2, 2, 4), highest value first.
Percentiles are "mean" percentile ranks: the share of territories below, counting ties
as half, × 100 — so the median territory sits at 50 whatever the ties.
"""

from dataclasses import dataclass


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
    """Ranks (descending) and mean percentile ranks of `values`, in their order."""
    n = len(values)
    order = sorted(range(n), key=lambda i: -values[i])
    ranks = [0] * n
    for position, index in enumerate(order):
        if position > 0 and values[index] == values[order[position - 1]]:
            ranks[index] = ranks[order[position - 1]]
        else:
            ranks[index] = position + 1
    sorted_values = sorted(values)
    percentiles = []
    for value in values:
        below = _count_below(sorted_values, value)
        equal = _count_below(sorted_values, value, inclusive=True) - below
        percentiles.append(100.0 * (below + 0.5 * equal) / n)
    return ranks, percentiles


def _count_below(sorted_values, value, inclusive=False) -> int:
    import bisect

    return (bisect.bisect_right if inclusive else bisect.bisect_left)(sorted_values, value)


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
