"""A fast EPCI × year panel simulator with a planted effect: the test support of the
estimators (the registry generator plants effects too, but a registry per panel would be
far too slow for the 50-panel recovery tests).

Creations of unit i in year t are negative binomial around
    μ_it = base_i · trend_t · shock_it · (1 + effect_it)
* base_i: `creations_per_100k` (50) creations a year at 100 000 inhabitants, growing as
  population^1.25 (digital creations concentrate in cities), times a lasting unit factor;
* trend_t: +5 % a year with a common yearly shock (parallel trends in ratios hold);
* shock_it: a unit's own persistent deviation (AR(1), ρ = 0.5, σ = 5 %): local cycles,
  which is why inference is clustered by EPCI;
* effect_it: the planted effect from the label year on (or one year early with
  `anticipation`), by wave if `effect` maps label years to effects, ramping up over
  `ramp_years` if given.
"""

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from frenchtech.evaluation.engine.panel import NEVER, Panel

FIRST_YEAR, LAST_YEAR = 2008, 2023
POOL_KINDS = ("metropole", "communaute_urbaine", "communaute_agglomeration")
POOL_FLOOR = 50_000
# The first two waves of French Tech métropoles (November 2014, June 2015), by EPCI code.
FIRST_WAVE = ("243300316", "200040715", "200093201", "200046977", "200054807", "243400017",
              "244400404", "243500139", "243100518")  # fmt: skip
SECOND_WAVE = ("200030195", "246700488", "200023414", "242900314", "245400676")
LYON = "200046977"
CREATIONS_PER_100K = 50.0
CONCENTRATION = 1.25
DISPERSION = 400.0  # negative binomial size: variance μ + μ²/400 (5 % extra noise)


def load_populations(
    reference_directory: str | Path, kinds=POOL_KINDS, floor: int = POOL_FLOOR
) -> dict[str, int]:
    """code → population of the EPCI of `kinds` with at least `floor` inhabitants, from the
    territory reference's epci.csv (the real sizes the simulated counts are drawn around)."""
    with open(Path(reference_directory) / "epci.csv", encoding="utf-8", newline="") as handle:
        return {
            row["code"]: int(row["population"])
            for row in csv.DictReader(handle)
            if row["kind"] in kinds and int(row["population"] or 0) >= floor
        }


def real_waves() -> dict[str, int]:
    """The first two waves' label years (as the simulator's default labelled units)."""
    return {**dict.fromkeys(FIRST_WAVE, 2014), **dict.fromkeys(SECOND_WAVE, 2015)}


@dataclass(frozen=True)
class SimulatedPanel:
    panel: Panel
    effects: np.ndarray  # the planted proportional effect, units × years
    expected: np.ndarray  # μ without the effect, units × years

    def planted(self, groups: np.ndarray, years: np.ndarray) -> np.ndarray:
        """The planted effect on the relative scale, log(1 + effect), of each (group, year)
        cell (every unit of a group gets the same effect)."""
        first_unit = {g: int(np.flatnonzero(self.panel.group == g)[0]) for g in set(groups)}
        return np.array(
            [
                np.log1p(self.effects[first_unit[g], self.panel.year_index(t)])
                for g, t in zip(groups, years, strict=True)
            ]
        )


def simulate_panel(
    populations: Mapping[str, int],
    label_years: Mapping[str, int],
    *,
    effect: float | Mapping[int, float] = 0.0,
    anticipation: bool = False,
    ramp_years: int = 0,
    seed: int = 0,
    creations_per_100k: float = CREATIONS_PER_100K,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
) -> SimulatedPanel:
    """A panel of digital creations for the units of `populations` (code → inhabitants);
    `label_years` maps labelled units to their label year."""
    rng = np.random.default_rng(seed)
    units = np.array(list(populations), dtype=object)
    population = np.array([populations[u] for u in units], dtype=float)
    years = np.arange(first_year, last_year + 1)
    n, t = len(units), len(years)
    base = creations_per_100k * (population / 1e5) ** CONCENTRATION * rng.lognormal(0, 0.3, n)
    trend = 1.05 ** (years - first_year) * np.exp(rng.normal(0, 0.03, t))
    shock = np.empty((n, t))
    shock[:, 0] = rng.normal(0, 0.05, n)
    for j in range(1, t):
        shock[:, j] = 0.5 * shock[:, j - 1] + rng.normal(0, 0.05 * np.sqrt(1 - 0.25), n)
    expected = base[:, None] * trend[None, :] * np.exp(shock)
    group = np.array([int(label_years.get(u, NEVER)) for u in units])
    effects = np.zeros((n, t))
    for i in np.flatnonzero(group != NEVER):
        g = group[i]
        size = effect.get(g, 0.0) if isinstance(effect, Mapping) else effect
        start = g - 1 if anticipation else g
        exposure = years - start
        if ramp_years:
            share = np.clip((exposure + 1) / ramp_years, 0, 1)
        else:
            share = (exposure >= 0).astype(float)
        effects[i] = size * share * (exposure >= 0)
    mean = expected * (1 + effects)
    counts = rng.negative_binomial(DISPERSION, DISPERSION / (DISPERSION + mean))
    panel = Panel(units, years, counts.astype(float), group)
    return SimulatedPanel(panel, effects, expected)
