"""From ATT(g, t) to what is published: the event study (effect by years since the label),
the overall effect, the pre-trend test, and their multiplier-bootstrap bands clustered by
EPCI (Callaway & Sant'Anna 2021, section 4; as R's `did::aggte`).

Aggregates weight groups by their size P(G = g), estimated from the panel; the influence
function of an aggregate carries the estimation of those weights too (R's "wif" term).
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

from frenchtech.evaluation.engine.group_time import GroupTimeEffects

CONFIDENCE = 0.95
_Z = stats.norm.ppf(0.5 + CONFIDENCE / 2)
# R's did: the bootstrap standard error is the interquartile range of the draws over that
# of a standard normal, robust to a few extreme draws.
_NORMAL_IQR = stats.norm.ppf(0.75) - stats.norm.ppf(0.25)
_SQRT5 = np.sqrt(5.0)


@dataclass(frozen=True)
class Aggregate:
    """A weighted average of cells: its value and influence function (one per unit)."""

    value: float
    influence: np.ndarray


@dataclass(frozen=True)
class Band:
    """An estimate with its bootstrap standard error and bands."""

    estimate: float
    standard_error: float
    lower: float  # pointwise 95 %
    upper: float
    uniform_lower: float  # simultaneous 95 % over the family it was computed with
    uniform_upper: float
    p_value: float  # two-sided, H0: effect = 0


def combine(effects: GroupTimeEffects, parts: dict[int, np.ndarray]) -> Aggregate | None:
    """Σ_g w_g · mean(θ over the cells `parts[g]`), w_g ∝ P(G = g) among the parts given."""
    parts = {g: cells for g, cells in parts.items() if len(cells)}
    if not parts:
        return None
    shares = np.array([effects.group_shares[g] for g in parts])
    total = shares.sum()
    weights = shares / total
    part_values = np.array([effects.estimates[cells].mean() for cells in parts.values()])
    value = float(weights @ part_values)
    influence = sum(
        w * effects.influence[:, cells].mean(axis=1)
        for w, cells in zip(weights, parts.values(), strict=True)
    )
    # The weights are estimated: add their own influence (R's did, "wif").
    for g, part_value, share in zip(parts, part_values, shares, strict=True):
        indicator = (effects.unit_group == g).astype(float)
        influence = influence + (indicator - share) * (part_value - value) / total
    return Aggregate(value, influence)


def event_study(effects: GroupTimeEffects) -> dict[int, Aggregate]:
    """e → the average effect e years after the label (e < 0: before), over the groups
    observed at e, weighted by group size."""
    result = {}
    times = effects.event_times
    for e in sorted(set(times.tolist())):
        parts = {
            int(g): np.flatnonzero((times == e) & (effects.groups == g))
            for g in np.unique(effects.groups[times == e])
        }
        aggregate = combine(effects, parts)
        if aggregate is not None:
            result[int(e)] = aggregate
    return result


def overall(effects: GroupTimeEffects) -> Aggregate | None:
    """The overall effect: each group's average over its years from its label on, then the
    groups averaged by size (R's `aggte(type = "group")`)."""
    post = effects.years >= effects.groups
    parts = {int(g): np.flatnonzero(post & (effects.groups == g)) for g in set(effects.groups)}
    return combine(effects, parts)


def by_group(effects: GroupTimeEffects) -> dict[int, Aggregate]:
    """g → the group's average effect over its years from its label on."""
    post = effects.years >= effects.groups
    result = {}
    for g in sorted(set(effects.groups.tolist())):
        aggregate = combine(effects, {g: np.flatnonzero(post & (effects.groups == g))})
        if aggregate is not None:
            result[int(g)] = aggregate
    return result


class Bootstrap:
    """Mammen multiplier draws, one per cluster and draw, shared by every quantity of an
    evaluation so that their bands are consistent with one another."""

    def __init__(self, cluster_codes: np.ndarray, draws: int, seed: int):
        self.cluster_codes = cluster_codes
        self.clusters = int(cluster_codes.max()) + 1
        self.units = len(cluster_codes)
        rng = np.random.default_rng(seed)
        heads = rng.random((draws, self.clusters)) < (_SQRT5 + 1) / (2 * _SQRT5)
        self.weights = np.where(heads, -(_SQRT5 - 1) / 2, (_SQRT5 + 1) / 2)

    def _cluster_sums(self, influence: np.ndarray) -> np.ndarray:
        sums = np.zeros((self.clusters, influence.shape[1]))
        np.add.at(sums, self.cluster_codes, influence)
        return sums

    def draws(self, influence: np.ndarray) -> np.ndarray:
        """Bootstrap draws of θ* − θ̂, draws × quantities (influence: units × quantities)."""
        return self.weights @ self._cluster_sums(influence) / self.units

    def bands(self, aggregates: list[Aggregate]) -> list[Band]:
        """Pointwise and simultaneous 95 % bands of a family of estimates."""
        if not aggregates:
            return []
        influence = np.column_stack([a.influence for a in aggregates])
        values = np.array([a.value for a in aggregates])
        draws = self.draws(influence)
        q25, q75 = np.quantile(draws, [0.25, 0.75], axis=0)
        se = (q75 - q25) / _NORMAL_IQR
        se = np.where(se > 0, se, np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            sup = np.nanmax(np.abs(draws) / se, axis=1) if np.isfinite(se).any() else None
        critical = float(np.quantile(sup, CONFIDENCE)) if sup is not None else np.nan
        critical = max(critical, _Z) if np.isfinite(critical) else np.nan
        p_values = 2 * stats.norm.sf(np.abs(values / se))
        return [
            Band(
                float(v),
                float(s),
                float(v - _Z * s),
                float(v + _Z * s),
                float(v - critical * s),
                float(v + critical * s),
                float(p),
            )
            for v, s, p in zip(values, se, p_values, strict=True)
        ]

    def sup_t_test(self, aggregates: list[Aggregate]) -> tuple[float, float]:
        """Joint test that every estimate is zero: max |t| and its bootstrap p-value."""
        influence = np.column_stack([a.influence for a in aggregates])
        values = np.array([a.value for a in aggregates])
        draws = self.draws(influence)
        q25, q75 = np.quantile(draws, [0.25, 0.75], axis=0)
        se = (q75 - q25) / _NORMAL_IQR
        usable = se > 0
        statistic = float(np.max(np.abs(values[usable] / se[usable])))
        sup = np.max(np.abs(draws[:, usable] / se[usable]), axis=1)
        return statistic, float((1 + np.sum(sup >= statistic)) / (1 + len(sup)))
