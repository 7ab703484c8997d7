"""SMAA-2 and SMAA-TRI: invariants, and agreement with a loop over the draws."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frenchtech.scoring.electre_tri import Thresholds, electre_tri_b
from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.normalise import NormalisationStep
from frenchtech.scoring.ranks import competition_ranks
from frenchtech.scoring.sampling import (
    MeasurementUncertainty,
    Perturbation,
    WeightDistribution,
    sample_bounded_simplex,
    sample_uniform_simplex,
    sample_weights,
)
from frenchtech.scoring.smaa_2 import scale_columns, smaa_2
from frenchtech.scoring.smaa_tri import smaa_tri
from tests.scoring.strategies import problems

PROPERTY = settings(
    database=None, deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow]
)


def draws_for(problem, count: int, seed: int):
    rng = np.random.default_rng(seed)
    weights = sample_uniform_simplex(len(problem.weights), count, rng)
    levels = rng.uniform(0.5, 1.0, count)
    return weights, levels


def uncertainty_for(criteria: int, rng: np.random.Generator) -> MeasurementUncertainty:
    kinds = rng.integers(0, 3, criteria)  # 0 exact, 1 uniform, 2 normal
    return MeasurementUncertainty(
        half_width=np.where(kinds == 1, 1.5, 0.0), sd=np.where(kinds == 2, 0.8, 0.0)
    )


# --- weight sampling -------------------------------------------------------------------------


def test_uniform_simplex_draws():
    draws = sample_uniform_simplex(4, 20_000, np.random.default_rng(1))
    assert np.allclose(draws.sum(axis=1), 1)
    assert np.all(draws >= 0)
    assert np.allclose(draws.mean(axis=0), 0.25, atol=0.01)


def test_bounded_draws_respect_bounds():
    lower, upper = np.array([0.1, 0.2, 0.0]), np.array([0.5, 0.6, 0.3])
    draws = sample_bounded_simplex(lower, upper, 5_000, np.random.default_rng(2))
    assert draws.shape == (5_000, 3)
    assert np.allclose(draws.sum(axis=1), 1)
    assert np.all(draws >= lower - 1e-12)
    assert np.all(draws <= upper + 1e-12)


def test_bounds_too_narrow_to_sample_give_a_clear_error():
    lower = np.full(12, 0.0)
    upper = np.full(12, 1 / 12 + 0.002)
    with pytest.raises(ModelError, match="widen the intervals"):
        sample_bounded_simplex(lower, upper, 100, np.random.default_rng(3))


def test_dirichlet_draws_centre_on_alpha():
    distribution = WeightDistribution("dirichlet", alpha=np.array([60.0, 30.0, 10.0]))
    draws = sample_weights(distribution, 3, 20_000, np.random.default_rng(4))
    assert np.allclose(draws.mean(axis=0), [0.6, 0.3, 0.1], atol=0.01)


def test_perturbation_stream_does_not_depend_on_batch_size():
    values = np.arange(12.0).reshape(4, 3)
    uncertainty = MeasurementUncertainty(np.array([1.0, 0.0, 0.0]), np.array([0.0, 0.0, 2.0]))
    whole = Perturbation(values, uncertainty, np.random.default_rng(5)).draw(10)
    pieces = Perturbation(values, uncertainty, np.random.default_rng(5))
    parts = np.concatenate([pieces.draw(3), pieces.draw(1), pieces.draw(6)])
    assert np.array_equal(whole, parts)
    assert np.array_equal(whole[:, :, 1], np.broadcast_to(values[:, 1], (10, 4)))


# --- SMAA-TRI --------------------------------------------------------------------------------


@PROPERTY
@given(problems(), st.integers(0, 2**32 - 1), st.booleans())
def test_smaa_tri_agrees_with_a_loop_over_draws(problem, seed, uncertain):
    weights, levels = draws_for(problem, 40, seed)
    perturbation = loop_perturbation = None
    if uncertain:
        uncertainty = uncertainty_for(len(problem.weights), np.random.default_rng(seed))
        perturbation = Perturbation(problem.performance, uncertainty, np.random.default_rng(seed))
        loop_perturbation = Perturbation(
            problem.performance, uncertainty, np.random.default_rng(seed)
        )
    outcome = smaa_tri(
        problem.performance,
        problem.profiles,
        problem.thresholds,
        weights,
        levels,
        problem.rule,
        perturbation=perturbation,
        batch_size=7,
    )
    categories = len(problem.profiles) + 1
    counts = np.zeros((len(problem.performance), categories), dtype=int)
    sums = np.zeros((*counts.shape, len(problem.weights)))
    for draw in range(len(weights)):
        table = problem.performance if not uncertain else loop_perturbation.draw(1)[0]
        single = electre_tri_b(
            table, problem.profiles, weights[draw], problem.thresholds, levels[draw], problem.rule
        )
        for alternative, category in enumerate(single.assignments):
            counts[alternative, category] += 1
            sums[alternative, category] += weights[draw]
    assert outcome.counts.tolist() == counts.tolist()
    assert np.allclose(outcome.acceptability.sum(axis=1), 1.0)
    seen = counts > 0
    assert np.allclose(outcome.central_weights[seen], sums[seen] / counts[seen][:, None])
    assert np.all(np.isnan(outcome.central_weights[~seen]))


@PROPERTY
@given(problems())
def test_smaa_tri_with_fixed_weights_and_lambda_is_electre_tri(problem):
    weights = np.array(problem.weights) / sum(problem.weights)
    draws = np.tile(weights, (25, 1))
    levels = np.full(25, problem.cutting_level)
    outcome = smaa_tri(
        problem.performance, problem.profiles, problem.thresholds, draws, levels, problem.rule
    )
    single = electre_tri_b(
        problem.performance,
        problem.profiles,
        problem.weights,
        problem.thresholds,
        problem.cutting_level,
        problem.rule,
    )
    assert outcome.acceptability.argmax(axis=1).tolist() == single.assignments.tolist()
    assert np.all(outcome.acceptability.max(axis=1) == 1.0)


def test_smaa_tri_result_does_not_depend_on_batch_size():
    rng = np.random.default_rng(6)
    performance = rng.uniform(0, 10, (30, 4))
    profiles = np.array([[3.0] * 4, [6.0] * 4])
    thresholds = Thresholds.build([0.5] * 4, [1.0] * 4, [4.0, None, None, 5.0])
    weights = sample_uniform_simplex(4, 1_000, rng)
    levels = rng.uniform(0.6, 0.9, 1_000)
    results = [
        smaa_tri(performance, profiles, thresholds, weights, levels, batch_size=size).counts
        for size in (1, 33, None)
    ]
    assert all(np.array_equal(results[0], other) for other in results[1:])


# --- SMAA-2 ----------------------------------------------------------------------------------

MIN_MAX = NormalisationStep("min-max")


@PROPERTY
@given(st.integers(0, 2**32 - 1), st.integers(1, 6), st.integers(1, 4), st.booleans())
def test_smaa_2_agrees_with_a_loop_over_draws(seed, alternatives, criteria, uncertain):
    rng = np.random.default_rng(seed)
    values = rng.integers(0, 4, (alternatives, criteria)).astype(float)
    scales = [MIN_MAX if column % 2 else None for column in range(criteria)]
    weights = sample_uniform_simplex(criteria, 30, rng)
    perturbation = loop_perturbation = None
    if uncertain:
        uncertainty = uncertainty_for(criteria, rng)
        perturbation = Perturbation(values, uncertainty, np.random.default_rng(seed))
        loop_perturbation = Perturbation(values, uncertainty, np.random.default_rng(seed))
    outcome = smaa_2(values, scales, weights, perturbation=perturbation, batch_size=4)
    counts = np.zeros((alternatives, alternatives), dtype=int)
    for draw in weights:
        table = values if not uncertain else loop_perturbation.draw(1)[0]
        utilities = scale_columns(table, scales) @ draw
        for alternative in range(alternatives):
            rank = 1 + sum(u > utilities[alternative] for u in utilities)
            counts[alternative, rank - 1] += 1
    assert outcome.rank_counts.tolist() == counts.tolist()
    assert np.allclose(outcome.rank_acceptability.sum(axis=1), 1.0)
    confidence = outcome.confidence[~np.isnan(outcome.confidence)]
    assert np.all((confidence >= 0) & (confidence <= 1))
    if not uncertain:
        assert set(confidence.tolist()) <= {0.0, 1.0}


@PROPERTY
@given(st.integers(0, 2**32 - 1), st.integers(2, 8), st.integers(1, 5))
def test_dominating_alternative_is_always_first(seed, alternatives, criteria):
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 10, (alternatives, criteria))
    values[0] = values[1:].max(axis=0) + rng.uniform(0.01, 1, criteria)
    weights = sample_uniform_simplex(criteria, 500, rng)
    outcome = smaa_2(values, [MIN_MAX] * criteria, weights)
    assert outcome.rank_acceptability[0, 0] == 1.0
    assert outcome.confidence[0] == 1.0
    assert np.all(outcome.rank_acceptability[1:, 0] == 0.0)
    assert np.all(np.isnan(outcome.central_weights[1:]))


def test_smaa_2_central_weights_are_means_of_winning_draws():
    values = np.array([[1.0, 0.0], [0.0, 1.0]])
    weights = sample_uniform_simplex(2, 4_000, np.random.default_rng(7))
    outcome = smaa_2(values, [None, None], weights)
    first = competition_ranks(weights @ values.T) == 1
    assert np.allclose(outcome.central_weights[0], weights[first[:, 0]].mean(axis=0))
    # By symmetry each alternative wins about half the time, with its own criterion heavier.
    assert outcome.rank_acceptability[0, 0] == pytest.approx(0.5, abs=0.03)
    assert outcome.central_weights[0, 0] > 0.5 > outcome.central_weights[1, 0]
