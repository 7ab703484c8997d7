"""The event study's pre-period test and the placebo on fake label dates."""

import numpy as np

from frenchtech.evaluation.engine import Settings, evaluate
from tests.evaluation.support import PANELS, panels

SETTINGS = Settings(synthetic_controls=False)


def test_pre_period_coefficients_are_jointly_insignificant_without_anticipation():
    tests = [evaluate(s.panel, SETTINGS).main.pre_trend for s in panels(0.15)]
    assert all(test.leads == 6 for test in tests)  # 2008 … 2012 before the 2014/2015 waves
    flagged = sum(test.rejected for test in tests)
    assert flagged <= 5, f"no anticipation, yet the pre-trend test flagged {flagged} of {PANELS}"


def test_an_anticipation_planted_one_year_early_is_flagged():
    tests = [evaluate(s.panel, SETTINGS).main.pre_trend for s in panels(0.15, anticipation=True)]
    flagged = sum(test.rejected for test in tests)
    assert flagged >= 45, f"the anticipation was flagged in {flagged} panels of {PANELS}"


def test_declaring_the_anticipation_moves_the_base_year_and_recovers_the_effect():
    settings = Settings(synthetic_controls=False, anticipation=1)
    results = [evaluate(s.panel, settings) for s in panels(0.15, count=20, anticipation=True)]
    # Effects from g − 1 on: the overall effect averages t ≥ g, all at +15 %.
    mean = 100 * np.mean([np.expm1(r.main.overall.estimate) for r in results])
    assert abs(mean - 15.0) <= 2.0
    assert sum(r.main.pre_trend.rejected for r in results) <= 2


def test_the_placebo_on_fake_label_dates_finds_nothing_where_nothing_was_planted():
    placebos = [evaluate(s.panel, SETTINGS).placebo for s in panels(0.15)]
    covered = sum(band.lower <= 0 <= band.upper for band in placebos)
    assert covered >= 45, f"the placebo's band covered 0 in {covered} panels of {PANELS}"


def test_the_placebo_detects_a_trend_that_started_before_the_label():
    # An "effect" planted three years early is what the placebo is there to catch.
    placebos = []
    for simulated in panels(0.0, count=20):
        panel = simulated.panel
        outcome = panel.outcome.copy()
        early = (panel.group != 0)[:, None] & (panel.years[None, :] >= panel.group[:, None] - 3)
        outcome[early] *= 1.25
        shifted = type(panel)(panel.units, panel.years, outcome, panel.group)
        placebos.append(evaluate(shifted, SETTINGS).placebo)
    assert sum(band.lower > 0 for band in placebos) >= 15
