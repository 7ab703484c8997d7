"""The two-way fixed-effects estimate, shown beside Callaway & Sant'Anna's to show why it
misleads when labels are staggered and their effects differ by wave or grow with time: it
compares late-labelled units with early-labelled ones as if the latter were controls
(Goodman-Bacon 2021; de Chaisemartin & D'Haultfœuille 2020).

Y_it = α_i + λ_t + β·1[labelled by t] + ε_it, on a balanced panel. Level scale: ordinary
least squares. Relative scale: Poisson pseudo-maximum likelihood with the same fixed
effects (exp(β) − 1 is then a proportional effect, and zeros are kept). Standard errors are
clustered (CR1, as pyfixest's defaults: G/(G−1)·(N−1)/(N−K), K counting β and the year
effects; the unit effects are nested in the clusters).
"""

from dataclasses import dataclass

import numpy as np
from scipy import stats

from frenchtech.evaluation.engine.panel import NEVER, Panel

TOLERANCE = 1e-11
MAX_ITERATIONS = 5_000


@dataclass(frozen=True)
class TwoWayFixedEffects:
    estimate: float  # β (log scale for the relative scale)
    standard_error: float
    lower: float
    upper: float
    p_value: float
    observations: int
    clusters: int


def labelled(panel: Panel) -> np.ndarray:
    """1 where a unit is labelled by year t (from its group on), units × years."""
    group = panel.group[:, None]
    return ((group != NEVER) & (panel.years[None, :] >= group)).astype(float)


def two_way_fixed_effects(panel: Panel, *, scale: str = "relative") -> TwoWayFixedEffects:
    if scale == "level":
        return _ordinary_least_squares(panel)
    return _poisson(panel)


def _cluster_score_sums(panel: Panel, keep: np.ndarray, scores: np.ndarray) -> np.ndarray:
    codes = panel.cluster_codes()[keep]
    sums = np.zeros(int(codes.max()) + 1)
    np.add.at(sums, codes, scores.sum(axis=1))
    return sums[np.unique(codes)]


def _result(beta, variance, n_obs, clusters, distribution) -> TwoWayFixedEffects:
    se = float(np.sqrt(variance))
    critical = distribution.ppf(0.975)
    p = float(2 * distribution.sf(abs(beta / se))) if se > 0 else float("nan")
    return TwoWayFixedEffects(
        float(beta),
        se,
        float(beta - critical * se),
        float(beta + critical * se),
        p,
        n_obs,
        clusters,
    )


def _ordinary_least_squares(panel: Panel) -> TwoWayFixedEffects:
    y, d = panel.outcome, labelled(panel)
    n, t = y.shape

    def within(x):  # exact on a balanced panel
        return x - x.mean(axis=1, keepdims=True) - x.mean(axis=0, keepdims=True) + x.mean()

    d_tilde, y_tilde = within(d), within(y)
    denominator = float((d_tilde**2).sum())
    beta = float((d_tilde * y_tilde).sum() / denominator)
    residuals = y_tilde - beta * d_tilde
    sums = _cluster_score_sums(panel, np.ones(n, bool), d_tilde * residuals)
    g = len(sums)
    observations, parameters = n * t, n + t - 1 + 1
    # Unit effects are nested in the clusters: pyfixest (fixef_k="nested") does not count
    # them; the year effects and β are counted.
    correction = g / (g - 1) * (observations - 1) / (observations - (parameters - n + 1))
    variance = correction * float((sums**2).sum()) / denominator**2
    return _result(beta, variance, observations, g, stats.t(df=g - 1))


def _poisson(panel: Panel) -> TwoWayFixedEffects:
    # Units whose outcome is zero every year carry no information (their unit effect
    # would be −∞): Poisson drops them, as pyfixest does.
    keep = panel.outcome.sum(axis=1) > 0
    y, d = panel.outcome[keep], labelled(panel)[keep]
    a = np.log(y.mean(axis=1))
    lam = np.zeros(y.shape[1])
    beta = 0.0
    treated = d > 0
    y_treated = y[treated].sum()
    for _ in range(MAX_ITERATIONS):
        previous = (a.copy(), lam.copy(), beta)
        a = np.log(y.sum(axis=1)) - np.log(np.exp(lam[None, :] + beta * d).sum(axis=1))
        lam = np.log(y.sum(axis=0)) - np.log(np.exp(a[:, None] + beta * d).sum(axis=0))
        if y_treated > 0:
            beta = np.log(y_treated) - np.log(np.exp(a[:, None] + lam[None, :])[treated].sum())
        change = max(
            np.abs(a - previous[0]).max(), np.abs(lam - previous[1]).max(), abs(beta - previous[2])
        )
        if change < TOLERANCE:
            break
    if y_treated > 0:
        a, lam, beta = _newton(y, d, a, lam, beta)
    mu = np.exp(a[:, None] + lam[None, :] + beta * d)
    d_tilde = _weighted_within(d, mu)
    hessian = float((mu * d_tilde**2).sum())
    sums = _cluster_score_sums(panel, keep, d_tilde * (y - mu))
    g = len(sums)
    correction = g / (g - 1) * (y.size - 1) / (y.size - (y.shape[1] + 1))
    variance = correction * float((sums**2).sum()) / hessian**2
    return _result(beta, variance, y.size, g, stats.norm)


def _newton(y, d, a, lam, beta, steps: int = 50):
    """Polish the coordinate ascent with full Newton steps.

    Coordinate ascent crawls when a unit's effect and β are nearly collinear (one large
    labelled unit among small ones: 5,000 sweeps leave β 1e-6 off). The Hessian of the unit
    effects is diagonal, so each Newton step eliminates them (Schur complement) and solves a
    system of the year effects and β only; the first year effect is held fixed (the unit
    and year effects share one free constant).
    """
    for _ in range(steps):
        mu = np.exp(a[:, None] + lam[None, :] + beta * d)
        residual = y - mu
        g_a = residual.sum(axis=1)
        g_r = np.append(residual.sum(axis=0)[1:], (d * residual).sum())
        h_a = mu.sum(axis=1)
        h_ar = np.column_stack([mu[:, 1:], (mu * d).sum(axis=1)])
        h_rr = np.diag(np.append(mu.sum(axis=0)[1:], (mu * d * d).sum()))
        h_rr[:-1, -1] = h_rr[-1, :-1] = (mu * d).sum(axis=0)[1:]
        schur = h_rr - h_ar.T @ (h_ar / h_a[:, None])
        try:
            step_r = np.linalg.solve(schur, g_r - h_ar.T @ (g_a / h_a))
        except np.linalg.LinAlgError:
            break  # β not identified beyond the fixed effects: keep the ascent's answer
        step_a = (g_a - h_ar @ step_r) / h_a
        a, lam, beta = a + step_a, lam + np.append(0.0, step_r[:-1]), beta + step_r[-1]
        if max(np.abs(step_a).max(), np.abs(step_r).max()) < TOLERANCE:
            break
    return a, lam, beta


def _weighted_within(x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """x minus its weighted projection on unit and year dummies (alternating projections)."""
    residual = x.copy()
    for _ in range(MAX_ITERATIONS):
        by_unit = (weights * residual).sum(axis=1, keepdims=True) / weights.sum(
            axis=1, keepdims=True
        )
        residual = residual - by_unit
        by_year = (weights * residual).sum(axis=0, keepdims=True) / weights.sum(
            axis=0, keepdims=True
        )
        residual = residual - by_year
        if max(np.abs(by_unit).max(), np.abs(by_year).max()) < TOLERANCE:
            break
    return residual
