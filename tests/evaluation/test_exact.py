"""Invariants on noiseless panels: every estimator returns the planted effect exactly."""

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from frenchtech.evaluation.engine import aggregation as agg
from frenchtech.evaluation.engine.group_time import group_time_effects
from frenchtech.evaluation.engine.panel import NEVER, Panel
from frenchtech.evaluation.engine.twfe import two_way_fixed_effects

YEARS = np.arange(2010, 2020)


def noiseless(levels, trend, groups, effect, multiplicative):
    """Y_it = a_i · b_t · (1 + effect) where labelled (or a_i + b_t + effect, additive)."""
    a, b = np.array(levels)[:, None], np.array(trend)[None, :]
    group = np.array(groups)
    labelled = (group[:, None] != NEVER) & (YEARS[None, :] >= group[:, None])
    outcome = (
        a * b * np.where(labelled, 1 + effect, 1) if multiplicative else a + b + effect * labelled
    )
    units = np.array([f"u{i}" for i in range(len(group))], dtype=object)
    return Panel(units, YEARS, outcome.astype(float), group)


panels = st.fixed_dictionaries(
    {
        "levels": st.lists(st.floats(1.0, 500.0), min_size=6, max_size=6),
        "trend": st.lists(st.floats(0.5, 3.0), min_size=10, max_size=10),
        "groups": st.lists(st.sampled_from([NEVER, 2013, 2016]), min_size=6, max_size=6).filter(
            lambda g: NEVER in g and (2013 in g or 2016 in g)
        ),
        "effect": st.floats(-0.5, 1.0),
    }
)


@settings(max_examples=40, deadline=None)
@given(data=panels, control=st.sampled_from(["never", "not_yet"]))
# One large labelled unit among small ones: coordinate ascent alone left TWFE 1e-6 off.
@example(
    data={
        "levels": [1.0, 1, 1, 273, 1, 1],
        "trend": [1.0] * 10,
        "groups": [0, 0, 0, 2013, 0, 0],
        "effect": 1.0,
    },
    control="never",
)
def test_relative_effects_are_recovered_exactly(data, control):
    panel = noiseless(**data, multiplicative=True)
    effects = group_time_effects(panel, scale="relative", control=control)
    truth = np.where(effects.years >= effects.groups, np.log1p(data["effect"]), 0.0)
    assert np.allclose(effects.estimates, truth, atol=1e-9)
    assert agg.overall(effects).value == pytest.approx(np.log1p(data["effect"]), abs=1e-9)
    for e, aggregate in agg.event_study(effects).items():
        assert aggregate.value == pytest.approx(
            np.log1p(data["effect"]) if e >= 0 else 0.0, abs=1e-9
        )
    # A homogeneous, constant effect: TWFE Poisson is right too.
    twfe = two_way_fixed_effects(panel, scale="relative")
    assert twfe.estimate == pytest.approx(np.log1p(data["effect"]), abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(data=panels)
def test_level_effects_are_recovered_exactly(data):
    panel = noiseless(**data, multiplicative=False)
    effects = group_time_effects(panel, scale="level")
    truth = np.where(effects.years >= effects.groups, data["effect"], 0.0)
    assert np.allclose(effects.estimates, truth, atol=1e-9)
    assert two_way_fixed_effects(panel, scale="level").estimate == pytest.approx(
        data["effect"], abs=1e-9
    )
