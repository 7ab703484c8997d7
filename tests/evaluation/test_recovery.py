"""Recovery of planted effects on 50 seeded panels (issue 15, "must show")."""

import dataclasses

import numpy as np
import pytest

from frenchtech.evaluation.engine import Settings, evaluate
from frenchtech.evaluation.engine import aggregation as agg
from frenchtech.evaluation.engine.group_time import group_time_effects
from frenchtech.evaluation.engine.simulation import simulate_panel
from frenchtech.evaluation.engine.twfe import two_way_fixed_effects
from tests.evaluation.support import PANELS, large_populations, panels, three_waves

SETTINGS = Settings(synthetic_controls=False)


def overall_results(effect):
    for simulated in panels(effect):
        yield evaluate(simulated.panel, SETTINGS).main.overall


def test_a_planted_15_percent_effect_is_recovered_on_50_panels():
    truth = np.log(1.15)
    results = list(overall_results(0.15))
    covered = sum(band.lower <= truth <= band.upper for band in results)
    mean_percent = 100 * np.mean([np.expm1(band.estimate) for band in results])
    assert covered >= 45, f"the 95 % band covered +15 % in {covered} panels of {PANELS}"
    assert abs(mean_percent - 15.0) <= 2.0, f"mean estimate {mean_percent:.2f} %"


def test_with_no_planted_effect_the_band_covers_zero_on_50_panels():
    results = list(overall_results(0.0))
    covered = sum(band.lower <= 0 <= band.upper for band in results)
    assert covered >= 45, f"the 95 % band covered 0 in {covered} panels of {PANELS}"
    assert abs(100 * np.mean([np.expm1(b.estimate) for b in results])) <= 2.0


def _truth(effects, simulated):
    """The same aggregation of the planted effects instead of the estimates."""
    return dataclasses.replace(effects, estimates=simulated.planted(effects.groups, effects.years))


def test_heterogeneous_effects_by_wave_callaway_santanna_recovers_them_twfe_is_biased():
    # Three waves of métropoles and CU, effects that differ by wave and build up over
    # eight years: the early wave keeps growing while it serves TWFE as a comparison.
    effect = {2010: 0.40, 2014: 0.15, 2018: 0.0}
    cs_errors, twfe_errors, group_errors = [], [], {g: [] for g in effect}
    cs_covers = twfe_covers = 0
    seeds = 20
    for seed in range(seeds):
        simulated = simulate_panel(
            large_populations(), three_waves(), effect=effect, ramp_years=8, seed=seed
        )
        effects = group_time_effects(simulated.panel, scale="relative", control="never")
        truth = agg.overall(_truth(effects, simulated)).value
        overall = agg.overall(effects)
        cs_errors.append(overall.value - truth)
        [band] = agg.Bootstrap(simulated.panel.cluster_codes(), 999, seed).bands([overall])
        cs_covers += band.lower <= truth <= band.upper
        for g, aggregate in agg.by_group(effects).items():
            group_errors[g].append(
                aggregate.value - agg.by_group(_truth(effects, simulated))[g].value
            )
        twfe = two_way_fixed_effects(simulated.panel, scale="relative")
        twfe_errors.append(twfe.estimate - truth)
        twfe_covers += twfe.lower <= truth <= twfe.upper
    # Callaway & Sant'Anna: on average within 2 points overall, 3 points per wave, and its
    # band covers the truth as a 95 % band should.
    assert abs(np.mean(cs_errors)) < 0.02
    assert cs_covers >= 18, f"Callaway & Sant'Anna's band covered the truth {cs_covers} times"
    for g, errors in group_errors.items():
        assert abs(np.mean(errors)) < 0.03, f"wave {g}: mean error {np.mean(errors):.3f}"
    # TWFE: biased down by more than 6 points, its own band often missing the truth.
    assert np.mean(twfe_errors) < -0.06, f"TWFE mean error {np.mean(twfe_errors):.3f}"
    assert twfe_covers <= 14, f"TWFE's band covered the truth {twfe_covers} times"


@pytest.mark.parametrize("control", ["never", "not_yet"])
def test_both_comparison_groups_recover_the_effect(control):
    truth = np.log(1.15)
    estimates = []
    for simulated in panels(0.15, count=20):
        effects = group_time_effects(simulated.panel, control=control)
        estimates.append(agg.overall(effects).value)
    assert abs(np.mean(estimates) - truth) < 0.02
