"""Normalisations, ranks, weighted sum and TOPSIS on hand-computed values."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.normalise import (
    log1p,
    min_max,
    per_capita,
    percentile_rank,
    vector,
    z_score,
)
from frenchtech.scoring.ranks import competition_ranks
from frenchtech.scoring.topsis import topsis
from frenchtech.scoring.weighted_sum import weighted_sum

PROPERTY = settings(database=None, deadline=None, max_examples=100)


def test_min_max():
    assert min_max(np.array([2.0, 4.0, 6.0])).tolist() == [0.0, 0.5, 1.0]
    assert min_max(np.array([3.0, 3.0])).tolist() == [0.5, 0.5]


def test_z_score_uses_population_deviation():
    assert z_score(np.array([1.0, 3.0])).tolist() == [-1.0, 1.0]
    assert z_score(np.array([7.0, 7.0, 7.0])).tolist() == [0.0, 0.0, 0.0]


def test_percentile_rank_counts_ties_half():
    # 10 is above nobody; the two 20s are above one and tied with one; 30 above three.
    assert percentile_rank(np.array([10.0, 20.0, 20.0, 30.0])).tolist() == [
        0.0,
        0.5,
        0.5,
        1.0,
    ]
    assert percentile_rank(np.array([5.0])).tolist() == [0.5]


def test_vector_normalisation():
    assert vector(np.array([3.0, 4.0])).tolist() == [0.6, 0.8]
    assert vector(np.array([0.0, 0.0])).tolist() == [0.0, 0.0]


def test_value_transforms():
    assert log1p(np.array([0.0, np.e - 1])).tolist() == pytest.approx([0.0, 1.0])
    with pytest.raises(ValueError, match="greater than -1"):
        log1p(np.array([-1.0]))
    assert per_capita(np.array([30.0]), np.array([150_000.0]), 100_000).tolist() == [20.0]
    with pytest.raises(ValueError, match="populations greater than 0"):
        per_capita(np.array([1.0]), np.array([0.0]))


@PROPERTY
@given(arrays(float, (4, 5), elements=st.integers(-5, 5).map(float)))
def test_scales_work_row_by_row_on_batches(batch):
    for scale in (min_max, z_score, percentile_rank, vector):
        together = scale(batch)
        for row in range(batch.shape[0]):
            assert np.allclose(together[row], scale(batch[row]))


def test_competition_ranks():
    assert competition_ranks(np.array([0.2, 0.9, 0.5, 0.9])).tolist() == [4, 1, 3, 1]
    batch = np.array([[1.0, 2.0, 3.0], [3.0, 3.0, 1.0]])
    assert competition_ranks(batch).tolist() == [[3, 2, 1], [1, 1, 3]]


@PROPERTY
@given(arrays(float, (3, 6), elements=st.integers(0, 3).map(float)))
def test_competition_ranks_match_the_definition(scores):
    expected = 1 + (scores[:, None, :] > scores[:, :, None]).sum(axis=2)
    assert competition_ranks(scores).tolist() == expected.tolist()


def test_weighted_sum_by_hand():
    values = np.array([[1.0, 0.0], [0.5, 1.0]])
    outcome = weighted_sum(values, [3, 1])  # weights 0.75, 0.25
    assert outcome.scores.tolist() == [0.75, 0.625]
    assert outcome.ranks.tolist() == [1, 2]
    assert outcome.contributions.tolist() == [[0.75, 0.0], [0.375, 0.25]]
    assert outcome.contributions.sum(axis=1).tolist() == outcome.scores.tolist()


def test_weighted_sum_refuses_negative_weights():
    with pytest.raises(ModelError, match="'#2': weight must not be negative"):
        weighted_sum(np.ones((2, 2)), [1, -1])
    with pytest.raises(ModelError, match="at least one criterion must have a positive weight"):
        weighted_sum(np.ones((2, 2)), [0, 0])


def test_topsis_by_hand():
    # Weights 0.75/0.25; weighted values A = (0.75, 0), B = (0, 0.25), C = (0.375, 0.125).
    # Ideal (0.75, 0.25), anti-ideal (0, 0): A 0.25/0.75 → 0.75; B → 0.25; C equidistant → 0.5.
    values = np.array([[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    outcome = topsis(values, [0.75, 0.25])
    assert outcome.closeness.tolist() == pytest.approx([0.75, 0.25, 0.5])
    assert outcome.ranks.tolist() == [1, 3, 2]
    assert outcome.gap_to_ideal.sum(axis=1) == pytest.approx(outcome.distance_to_ideal**2)


def test_topsis_all_equal_is_half():
    assert topsis(np.ones((3, 2)), [1, 1]).closeness.tolist() == [0.5, 0.5, 0.5]
