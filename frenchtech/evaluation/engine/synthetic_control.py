"""A synthetic control per labelled EPCI, its donors, and an in-space permutation p-value.

The synthetic EPCI is a convex combination of never-labelled EPCI that follows the labelled
one before its label (Abadie, Diamond & Hainmueller 2010); its gap after the label is the
estimated effect. Choices, each tested on simulated panels (docs/methodology/evaluation.md):

* Relative scale: each series is divided by its own mean over the years before the label,
  so a métropole can be copied by smaller EPCI (a gap of 0.10 is 10 % of that mean).
* Penalised weights (Abadie & L'Hour 2021): with hundreds of donors and six years before
  the first wave, plain weights copy the past exactly (interpolating noise), which leaves
  nothing to compare the post-period gap with. The penalty λ·Σ w_j‖x_1 − x_j‖² prefers
  donors that are each close to the labelled EPCI; λ = PENALTY.
* Donors: the NEAREST_DONORS never-labelled EPCI whose pre-label path is closest (Abadie
  2021 advises a pool of similar units); fits are then fast and sparse.
* Inference: every donor of the pool in turn plays the labelled EPCI (same procedure, the
  labelled ones excluded); the statistic is |mean post-period gap| / pre-period RMSPE, and
  p = (1 + placebos at least as extreme) / (1 + placebos). It detected a +15 % effect on a
  large métropole three times in four, against one time in two for the usual ratio of
  RMSPEs, with the same size (simulated panels).
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import nnls

from frenchtech.evaluation.engine.panel import NEVER, Panel

PENALTY = 0.1
NEAREST_DONORS = 20
WEIGHT_SHOWN = 0.001  # donors below this weight are not listed
_SUM_TO_ONE = 100.0  # weight of the Σw = 1 row in the least-squares problem


@dataclass(frozen=True)
class SyntheticControl:
    unit: str
    group: int
    years: np.ndarray
    actual: np.ndarray  # the labelled EPCI's series, in the scale's units
    synthetic: np.ndarray
    donors: dict[str, float]  # donor → weight (those of at least WEIGHT_SHOWN), largest first
    pre_rmspe: float
    post_gap: float  # mean post-period gap (relative: share of the pre-period mean)
    effect: float  # relative: mean actual / mean synthetic − 1 after the label; level: gap
    statistic: float
    p_value: float
    placebos: int
    scale: str

    @property
    def gaps(self) -> np.ndarray:
        return self.actual - self.synthetic


def penalised_weights(donors: np.ndarray, target: np.ndarray, penalty: float = PENALTY):
    """Weights w ≥ 0, Σw = 1 minimising ‖X w − x‖² + penalty·Σ_j w_j‖x − X_j‖².

    `donors` is years × donors. Solved as one non-negative least-squares problem: a heavy
    row enforces Σw = 1, and the linear penalty is the limit of a row whose square
    vanishes: (rᵀw − τ)² = penalty·cᵀw + τ² + O(1/τ²) with r = −penalty·c/(2τ).
    """
    distances = ((donors - target[:, None]) ** 2).sum(axis=0)
    tau = 1e4 * max(1.0, penalty * float(distances.max()))
    matrix = np.vstack(
        [donors, np.full(donors.shape[1], _SUM_TO_ONE), -penalty * distances / (2 * tau)]
    )
    right = np.concatenate([target, [_SUM_TO_ONE, tau]])
    weights, _residual = nnls(matrix, right, maxiter=50 * donors.shape[1])
    return weights / weights.sum()


def _normalised(panel: Panel, scale: str, pre: int) -> tuple[np.ndarray, np.ndarray]:
    """The series on the fitting scale, and which units can be used (a positive
    pre-period mean on the relative scale)."""
    if scale == "level":
        return panel.outcome, np.ones(len(panel.units), bool)
    means = panel.outcome[:, :pre].mean(axis=1)
    usable = means > 0
    series = np.zeros_like(panel.outcome)
    series[usable] = panel.outcome[usable] / means[usable, None]
    return series, usable


def _fit(series, target: int, pool: np.ndarray, pre: int):
    distances = ((series[pool, :pre] - series[target, :pre]) ** 2).sum(axis=1)
    nearest = pool[np.argsort(distances, kind="stable")[:NEAREST_DONORS]]
    weights = penalised_weights(series[nearest, :pre].T, series[target, :pre])
    synthetic = weights @ series[nearest]
    gap = series[target] - synthetic
    pre_rmspe = float(np.sqrt(np.mean(gap[:pre] ** 2)))
    post_gap = float(np.mean(gap[pre:]))
    statistic = abs(post_gap) / pre_rmspe if pre_rmspe > 0 else np.inf
    return nearest, weights, synthetic, pre_rmspe, post_gap, statistic


class PlaceboDistribution:
    """The placebo statistics of every never-labelled EPCI for one label year, shared by
    the labelled EPCI of that year (the placebos do not depend on which one is tested)."""

    def __init__(self, panel: Panel, group: int, scale: str, anticipation: int = 0):
        self.pre = panel.year_index(group - anticipation)
        self.series, usable = _normalised(panel, scale, self.pre)
        self.pool = np.flatnonzero((panel.group == NEVER) & usable)
        self.statistics = np.array(
            [_fit(self.series, d, self.pool[self.pool != d], self.pre)[5] for d in self.pool]
        )


def synthetic_control(
    panel: Panel,
    unit: str,
    *,
    scale: str = "relative",
    placebos: PlaceboDistribution | None = None,
    anticipation: int = 0,
) -> SyntheticControl | None:
    """The synthetic control of labelled `unit`, or None when it cannot be built (no year
    before its label, no positive pre-period mean, or fewer than two donors)."""
    index = int(np.flatnonzero(panel.units == unit)[0])
    group = int(panel.group[index])
    if group == NEVER or group - anticipation <= panel.years[0]:
        return None
    if placebos is None:
        placebos = PlaceboDistribution(panel, group, scale, anticipation)
    pre, series = placebos.pre, placebos.series
    if scale == "relative" and panel.outcome[index, :pre].mean() <= 0:
        return None
    if len(placebos.pool) < 2:
        return None
    nearest, weights, synthetic, pre_rmspe, post_gap, statistic = _fit(
        series, index, placebos.pool, pre
    )
    actual = series[index]
    if scale == "relative":
        effect = float(actual[pre:].mean() / synthetic[pre:].mean() - 1)
    else:
        effect = post_gap
    order = np.argsort(-weights, kind="stable")
    donors = {
        str(panel.units[nearest[k]]): float(weights[k]) for k in order if weights[k] >= WEIGHT_SHOWN
    }
    extreme = int(np.sum(placebos.statistics >= statistic))
    return SyntheticControl(
        unit=unit,
        group=group,
        years=panel.years.copy(),
        actual=actual.copy(),
        synthetic=synthetic,
        donors=donors,
        pre_rmspe=pre_rmspe,
        post_gap=post_gap,
        effect=effect,
        statistic=float(statistic),
        p_value=(1 + extreme) / (1 + len(placebos.statistics)),
        placebos=len(placebos.statistics),
        scale=scale,
    )
