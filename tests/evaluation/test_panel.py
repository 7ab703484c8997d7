"""Building and validating panels: every bad input gives one EvaluationInputError."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frenchtech.evaluation.engine import EvaluationInputError, Settings, build_panel, evaluate
from frenchtech.evaluation.engine.group_time import group_time_effects
from frenchtech.evaluation.engine.panel import Panel
from frenchtech.evaluation.engine.report import ROW_FIELDS, rows, to_dict
from frenchtech.evaluation.engine.simulation import real_waves, simulate_panel
from tests.evaluation.support import populations

UNITS = ["a", "b", "c", "d"]


def long_rows(values: dict[str, list[float]], first=2010):
    return [(u, first + j, v) for u, series in values.items() for j, v in enumerate(series)]


def test_a_panel_from_long_rows_fills_counts_with_zero_and_drops_incomplete_ratios():
    rows_in = long_rows({"a": [1, 2, 3], "b": [4, 5, 6], "c": [7, 8, 9], "x": [1, 1, 1]})
    rows_in.remove(("c", 2011, 8))
    counts = build_panel(rows_in, ["a", "b", "c", "d"], {"a": 2012}, missing_means_zero=True)
    assert counts.outcome.tolist() == [[1, 2, 3], [4, 5, 6], [7, 0, 9], [0, 0, 0]]
    assert counts.group.tolist() == [2012, 0, 0, 0]
    ratios = build_panel(rows_in, ["a", "b", "c", "d"], {"a": 2012})
    assert ratios.units.tolist() == ["a", "b"]
    assert ratios.dropped == ("c", "d")


@pytest.mark.parametrize(
    ("values", "groups", "options", "code"),
    [
        ({u: [1, 2, 3] for u in UNITS}, {}, {}, "too_few_groups"),
        ({u: [1, 2, 3] for u in UNITS}, dict.fromkeys(UNITS, 2012), {}, "too_few_groups"),
        ({u: [1, 2, 3] for u in UNITS}, {"a": 2010}, {}, "label_outside_panel"),
        ({u: [1, 2, 3] for u in UNITS}, {"a": 2015}, {}, "label_outside_panel"),
        ({u: [5, 5, 5] for u in UNITS}, {"a": 2011}, {}, "no_variation"),
        ({u: [1, 2, 3] for u in UNITS}, {"a": 2011}, {"last_year": 2013}, "missing_year"),
        ({u: [1, 2, 3] for u in UNITS}, {"a": 2011}, {"first_year": 2008}, "missing_year"),
        ({u: [3] for u in UNITS}, {"a": 2011}, {}, "too_few_years"),
        ({u: [1, -2, 3] for u in UNITS}, {"a": 2011}, {"scale": "relative"}, "negative_values"),
    ],
)
def test_bad_input_gives_one_clear_error(values, groups, options, code):
    with pytest.raises(EvaluationInputError) as caught:
        build_panel(long_rows(values), UNITS, groups, **options)
    assert caught.value.code == code
    message = str(caught.value)
    assert "\n" not in message
    assert "{" not in message


def test_a_year_missing_in_the_middle_is_named():
    rows_in = [r for r in long_rows({u: [1, 2, 3, 4] for u in UNITS}) if r[1] != 2012]
    with pytest.raises(EvaluationInputError, match="no value for year 2012"):
        build_panel(rows_in, UNITS, {"a": 2011})


def test_without_never_labelled_units_the_not_yet_labelled_ones_compare():
    values = {"a": [1, 2, 4, 8], "b": [1, 2, 3, 5], "c": [2, 3, 4, 5], "d": [1, 1, 2, 3]}
    panel = build_panel(long_rows(values), UNITS, {"a": 2011, "b": 2011, "c": 2013, "d": 2013})
    result = evaluate(panel, Settings(draws=99, synthetic_controls=False, scale="level"))
    assert set(result.estimates) == {"not_yet"}
    assert result.main.control == "not_yet"


def test_the_report_is_plain_json_and_rows():
    simulated = simulate_panel(populations(), real_waves(), effect=0.15, seed=0)
    result = evaluate(simulated.panel, Settings(draws=199))
    document = to_dict(result)
    assert json.loads(json.dumps(document, allow_nan=False)) == document
    assert document["effect_unit"] == "percent"
    assert document["few_labelled"] is False  # waves of 9 and 5 EPCI
    assert 5 < document["overall"]["estimate"] < 25
    assert [g["year"] for g in document["groups"]] == [2014, 2015]
    table = rows(result)
    assert all(tuple(row) == ROW_FIELDS for row in table)
    sections = {row["section"] for row in table}
    assert sections >= {"overall", "event_study", "group_time", "twfe", "placebo",
                        "pre_trend", "synthetic_control", "donor", "synthetic_series"}  # fmt: skip


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    factors=st.lists(st.floats(0.1, 10.0), min_size=6, max_size=6),
    shifts=st.lists(st.floats(-50.0, 50.0), min_size=6, max_size=6),
)
def test_estimates_are_invariant_to_each_unit_s_scale_or_level(seed, factors, shifts):
    """Relative scale: multiplying a comparison unit's series by a constant may change the
    estimate (its weight changes), but multiplying every unit by the same constant does not,
    nor does reordering units. Level scale: adding a constant to a unit's series changes
    nothing (unit fixed effects difference it out)."""
    rng = np.random.default_rng(seed)
    n, t = 6, 5
    outcome = rng.poisson(20, (n, t)).astype(float) + 1
    group = np.array([2012, 2012, 2013, 0, 0, 0])
    units = np.array(list("abcdef"), dtype=object)
    panel = Panel(units, np.arange(2010, 2015), outcome, group)
    base = group_time_effects(panel, scale="level").estimates
    shifted = Panel(units, panel.years, outcome + np.array(shifts)[:, None], group)
    assert np.allclose(group_time_effects(shifted, scale="level").estimates, base)
    relative = group_time_effects(panel, scale="relative").estimates
    scaled = Panel(units, panel.years, outcome * factors[0], group)
    assert np.allclose(group_time_effects(scaled, scale="relative").estimates, relative)
    order = rng.permutation(n)
    permuted = Panel(units[order], panel.years, outcome[order], group[order])
    assert np.allclose(group_time_effects(permuted, scale="relative").estimates, relative)
