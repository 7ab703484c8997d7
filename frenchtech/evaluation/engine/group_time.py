"""Callaway & Sant'Anna group-time effects ATT(g, t), with their influence functions.

Without covariates, ATT(g, t) compares the change of the outcome from a base year to year
t in group g (units first labelled in g) with the same change in a comparison group:
units never labelled ("never") or, also, those not labelled yet by t ("not_yet").

* Base year: g − 1 − anticipation for every t (the "universal" base: pre-period effects
  are then read like post-period ones, as distances from the last year before the label;
  Roth 2024, "Interpreting event-studies from recent difference-in-differences methods").
* Scale "level": differences of means, in the indicator's unit (Callaway & Sant'Anna 2021).
* Scale "relative": the log of the ratio of ratios of group means,
  log(Ȳ_g,t / Ȳ_g,b) − log(Ȳ_c,t / Ȳ_c,b): the proportional effect on the group's
  expected count, exp(θ) − 1, identified by parallel trends in ratios; it keeps zeros,
  unlike a log of each value (Wooldridge 2023; Chen & Roth 2024).

Each estimate θ comes with its influence function ψ (one value per unit) such that
θ̂ − θ ≈ mean(ψ): inference sums ψ by cluster (docs/methodology/evaluation.md).
"""

from dataclasses import dataclass

import numpy as np

from frenchtech.evaluation.engine.errors import EvaluationInputError
from frenchtech.evaluation.engine.panel import NEVER, Panel

CONTROLS = ("never", "not_yet")


@dataclass(frozen=True)
class GroupTimeEffects:
    """ATT(g, t) for every estimable cell, in (group, year) order."""

    groups: np.ndarray  # int, one per cell
    years: np.ndarray  # int, one per cell
    estimates: np.ndarray  # θ per cell (log-ratio for the relative scale)
    influence: np.ndarray  # units × cells
    treated_counts: np.ndarray  # units in the group, per cell
    control_counts: np.ndarray  # comparison units, per cell
    group_shares: dict[int, float]  # P(G = g) among all units, per labelled group
    unit_group: np.ndarray  # each unit's group (to aggregate with estimated weights)
    scale: str
    control: str
    anticipation: int

    @property
    def event_times(self) -> np.ndarray:
        return self.years - self.groups


def group_time_effects(
    panel: Panel,
    *,
    scale: str = "relative",
    control: str = "never",
    anticipation: int = 0,
    leverage_correction: bool = True,
) -> GroupTimeEffects:
    """ATT(g, t) of every labelled group g and every year t other than its base year.

    `leverage_correction` (HC3) widens the influence of units that weigh much in their
    group's mean; off, ψ is exactly R's did's (and csdid's)."""
    if control not in CONTROLS:
        raise ValueError(f"control must be one of {CONTROLS}")
    y = panel.outcome
    n = y.shape[0]
    group = panel.group
    columns = {name: [] for name in ("g", "t", "theta", "psi", "n_g", "n_c")}
    zero_means = 0
    for g in panel.treated_groups:
        base = g - 1 - anticipation
        if base < panel.years[0]:
            continue
        treated = group == g
        b = panel.year_index(base)
        for t in panel.years:
            t = int(t)
            if t == base:
                continue
            if control == "never":
                comparison = group == NEVER
            else:
                horizon = max(t, base) + anticipation
                comparison = (group == NEVER) | ((group > horizon) & (group != g))
            if not comparison.any():
                continue
            j = panel.year_index(t)
            cell = _cell(y[:, j], y[:, b], treated, comparison, n, scale, leverage_correction)
            if cell is None:
                zero_means += 1
                continue
            theta, psi = cell
            columns["g"].append(g)
            columns["t"].append(t)
            columns["theta"].append(theta)
            columns["psi"].append(psi)
            columns["n_g"].append(int(treated.sum()))
            columns["n_c"].append(int(comparison.sum()))
    if not columns["g"]:
        raise EvaluationInputError("zero_base" if zero_means else "no_comparison_unit")
    return GroupTimeEffects(
        groups=np.array(columns["g"]),
        years=np.array(columns["t"]),
        estimates=np.array(columns["theta"]),
        influence=np.column_stack(columns["psi"]),
        treated_counts=np.array(columns["n_g"]),
        control_counts=np.array(columns["n_c"]),
        group_shares={g: float(np.mean(group == g)) for g in panel.treated_groups},
        unit_group=group.copy(),
        scale=scale,
        control=control,
        anticipation=anticipation,
    )


def _cell(now, base, treated, comparison, n, scale, corrected):
    """θ and ψ of one (g, t) cell, or None when the relative scale has a zero mean."""
    psi = np.zeros(len(now))
    if scale == "level":
        change = now - base
        means = []
        for side, sign in ((treated, 1.0), (comparison, -1.0)):
            count = side.sum()
            mean = change[side].mean()
            scale_down = _shrinkage(np.full(count, 1.0 / count)) if corrected else 1.0
            psi[side] = sign * n / count * (change[side] - mean) / scale_down
            means.append(mean)
        return means[0] - means[1], psi
    ratios = []
    for side, sign in ((treated, 1.0), (comparison, -1.0)):
        count = side.sum()
        total_now, total_base = now[side].sum(), base[side].sum()
        if total_now <= 0 or total_base <= 0:
            return None
        mean_now, mean_base = total_now / count, total_base / count
        residual = (now[side] - mean_now) / mean_now - (base[side] - mean_base) / mean_base
        # A unit's leverage in a ratio of means is its share of the totals.
        leverage = (now[side] / total_now + base[side] / total_base) / 2
        scale_down = _shrinkage(leverage) if corrected else 1.0
        psi[side] = sign * n / count * residual / scale_down
        ratios.append(np.log(mean_now / mean_base))
    return ratios[0] - ratios[1], psi


def _shrinkage(leverage: np.ndarray) -> np.ndarray:
    """1 − h: the HC3 (jackknife) correction of a unit's residual for its leverage h
    (MacKinnon & White 1985): with a few large EPCI in a group, the uncorrected bands
    were a quarter too narrow on simulated panels (docs/methodology/evaluation.md)."""
    return np.clip(1.0 - leverage, 1e-6, None)
