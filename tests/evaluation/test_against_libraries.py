"""The engine against csdid, pyfixest and pysyncon, on the figures those libraries gave for
one seeded panel (tests/evaluation/data/library_reference.json, written by
bench/evaluation_libraries.py; the libraries are not dependencies of the platform)."""

import functools
import json
from pathlib import Path

import numpy as np
import pytest

from frenchtech.evaluation.engine import aggregation as agg
from frenchtech.evaluation.engine.group_time import group_time_effects
from frenchtech.evaluation.engine.panel import Panel
from frenchtech.evaluation.engine.synthetic_control import penalised_weights
from frenchtech.evaluation.engine.twfe import two_way_fixed_effects

REFERENCE = Path(__file__).parent / "data" / "library_reference.json"


@functools.cache
def reference() -> dict:
    return json.loads(REFERENCE.read_text("utf-8"))


def panel() -> Panel:
    data = reference()["panel"]
    return Panel(
        np.array(data["units"], dtype=object),
        np.array(data["years"]),
        np.array(data["outcome"], dtype=float),
        np.array(data["group"]),
    )


@pytest.mark.parametrize("control", ["never", "not_yet"])
def test_group_time_effects_and_aggregates_are_csdid_s(control):
    """Level scale, universal base, no leverage correction: R's did as csdid ports it."""
    theirs = reference()["csdid"][control]
    effects = group_time_effects(panel(), scale="level", control=control, leverage_correction=False)
    n = len(effects.unit_group)
    cells = zip(effects.groups, effects.years, effects.estimates, strict=True)
    ours = {
        f"{g}-{t}": (v, np.sqrt((effects.influence[:, k] ** 2).sum()) / n)
        for k, (g, t, v) in enumerate(cells)
    }
    assert set(ours) == set(theirs["att_gt"])
    for key, (value, se) in ours.items():
        assert value == pytest.approx(theirs["att_gt"][key], rel=1e-9)
        assert se == pytest.approx(theirs["att_gt_se"][key], rel=1e-9)
    study = agg.event_study(effects)
    for e, value in theirs["dynamic"].items():
        aggregate = study[int(e)]
        assert aggregate.value == pytest.approx(value, rel=1e-9)
        se = np.sqrt((aggregate.influence**2).sum()) / n
        assert se == pytest.approx(theirs["dynamic_se"][e], rel=1e-9)
    overall = agg.overall(effects)
    assert overall.value == pytest.approx(theirs["group_overall"], rel=1e-9)
    assert np.sqrt((overall.influence**2).sum()) / n == pytest.approx(
        theirs["group_overall_se"], rel=1e-9
    )


@pytest.mark.parametrize(("kind", "scale"), [("ols", "level"), ("poisson", "relative")])
def test_two_way_fixed_effects_are_pyfixest_s(kind, scale):
    estimate, standard_error = reference()["pyfixest"][kind]
    ours = two_way_fixed_effects(panel(), scale=scale)
    assert ours.estimate == pytest.approx(estimate, rel=1e-8)
    assert ours.standard_error == pytest.approx(standard_error, rel=1e-6)


def test_synthetic_control_weights_reach_pysyncon_s_objective_or_better():
    """pysyncon's penalised synthetic control (SLSQP) on the same problems: our weights give
    an objective at most its own (it stops short of the optimum on two of three)."""
    data = panel()
    penalty = reference()["scm_penalty"]
    pre = data.year_index(2014)
    series = data.outcome / data.outcome[:, :pre].mean(axis=1, keepdims=True)
    donors = np.flatnonzero(data.group == 0)[:40]
    lyon = int(np.flatnonzero(data.units == "200046977")[0])
    targets = [lyon, *[int(i) for i in np.flatnonzero(data.group == 2014) if i != lyon][:2]]
    for target, theirs in zip(targets, reference()["pysyncon"]["scm_weights"], strict=True):
        x0, x1 = series[donors, :pre].T, series[target, :pre]
        distances = ((x0 - x1[:, None]) ** 2).sum(axis=0)

        def objective(w, x0=x0, x1=x1, distances=distances):
            return ((x0 @ w - x1) ** 2).sum() + penalty * distances @ w

        ours = penalised_weights(x0, x1, penalty)
        assert objective(ours) <= objective(np.array(theirs)) + 1e-9
