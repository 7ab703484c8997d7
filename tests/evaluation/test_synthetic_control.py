"""Synthetic control per labelled métropole: weights, fit, permutation p-value."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from frenchtech.evaluation.engine.panel import Panel
from frenchtech.evaluation.engine.simulation import LYON, real_waves, simulate_panel
from frenchtech.evaluation.engine.synthetic_control import (
    NEAREST_DONORS,
    penalised_weights,
    synthetic_control,
)
from tests.evaluation.support import populations

SEEDS = range(10)


def lyon(effect, seed):
    simulated = simulate_panel(populations(), real_waves(), effect=effect, seed=seed)
    return synthetic_control(simulated.panel, LYON)


def test_a_planted_effect_on_lyon_has_a_small_permutation_p_value():
    assert lyon(0.15, seed=0).p_value <= 0.1
    detected = sum(lyon(0.15, seed).p_value <= 0.1 for seed in SEEDS)
    assert detected >= 8, f"+15 % detected (p ≤ 0.1) in {detected} of {len(SEEDS)} panels"


def test_without_a_planted_effect_lyon_s_p_value_is_not_small():
    assert lyon(0.0, seed=0).p_value > 0.1
    quiet = sum(lyon(0.0, seed).p_value > 0.1 for seed in SEEDS)
    assert quiet >= 8, f"no effect, yet p ≤ 0.1 in {len(SEEDS) - quiet} of {len(SEEDS)} panels"


def test_the_synthetic_control_reports_its_donors_gap_and_placebos():
    control = lyon(0.15, seed=0)
    assert control.group == 2014
    assert control.placebos == 232  # every never-labelled EPCI of the pool
    assert 1 <= len(control.donors) <= NEAREST_DONORS
    assert sum(control.donors.values()) == pytest.approx(1.0, abs=0.01)
    assert list(control.donors.values()) == sorted(control.donors.values(), reverse=True)
    assert LYON not in control.donors
    pre = control.years < 2014
    # Normalised by its own pre-label mean: the actual series averages 1 before the label.
    assert control.actual[pre].mean() == pytest.approx(1.0)
    assert 0.05 < control.effect < 0.30
    assert control.pre_rmspe < 0.05


def test_a_unit_labelled_in_the_panel_s_first_year_has_no_synthetic_control():
    units = np.array(["a", "b", "c"], dtype=object)
    panel = Panel(
        units, np.arange(2010, 2014), np.ones((3, 4)) + np.eye(3, 4), np.array([2010, 0, 0])
    )
    assert synthetic_control(panel, "a") is None


@settings(max_examples=60, deadline=None)
@given(
    donors=arrays(np.float64, (5, 8), elements=st.floats(0.2, 3.0)),
    penalty=st.sampled_from([0.0, 0.1, 1.0]),
    mix=arrays(np.float64, 8, elements=st.floats(0.0, 1.0)),
)
def test_weights_are_on_the_simplex_and_no_worse_than_simple_choices(donors, penalty, mix):
    target = donors @ (mix / mix.sum()) if mix.sum() > 0 else donors[:, 0]
    weights = penalised_weights(donors, target, penalty)
    assert (weights >= 0).all()
    assert weights.sum() == pytest.approx(1.0)

    def objective(w):
        distances = ((donors - target[:, None]) ** 2).sum(axis=0)
        return ((donors @ w - target) ** 2).sum() + penalty * distances @ w

    found = objective(weights)
    assert found <= objective(np.full(8, 1 / 8)) + 1e-7
    for j in range(8):
        assert found <= objective(np.eye(8)[j]) + 1e-7
    if penalty == 0.0:  # the target is a convex combination of the donors: fit exactly
        assert np.sqrt(((donors @ weights - target) ** 2).mean()) < 1e-4
