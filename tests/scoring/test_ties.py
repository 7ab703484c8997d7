"""Exact ties share a rank: two alternatives whose scores are mathematically equal, but
computed along different paths (one unit in the last place apart), get the same rank in
TOPSIS and the weighted sum; scores further apart than the tolerance do not."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from frenchtech.scoring.ranks import RANK_TOLERANCE, competition_ranks
from frenchtech.scoring.topsis import topsis
from frenchtech.scoring.weighted_sum import weighted_sum

PROPERTY = settings(database=None, deadline=None, max_examples=300)
values = st.floats(0, 1, allow_nan=False, allow_infinity=False, allow_subnormal=False)


@st.composite
def symmetric_problems(draw):
    """Alternatives closed under turning criteria 0, 1 and 2 (a, b, c → b, c, a), with equal
    weights on those three: every alternative and its turned twins have mathematically equal
    scores in both methods (the ideal and anti-ideal of TOPSIS do not change either), summed
    in another order: (a + b) + c and (b + c) + a may differ in the last place."""
    criteria = draw(st.integers(3, 5))
    originals = draw(st.lists(st.lists(values, min_size=criteria, max_size=criteria),
                              min_size=1, max_size=5))  # fmt: skip
    table = []
    for row in originals:
        a, b, c, *rest = row
        table += [[a, b, c, *rest], [b, c, a, *rest], [c, a, b, *rest]]
    shared = draw(st.floats(0.01, 5))
    weights = [shared] * 3 + [draw(st.floats(0, 5)) for _ in range(criteria - 3)]
    return np.array(table), weights


def _twins_share_ranks(ranks) -> bool:
    return all(len(set(ranks[i : i + 3])) == 1 for i in range(0, len(ranks), 3))


@PROPERTY
@given(symmetric_problems())
def test_weighted_sum_twins_share_a_rank(problem):
    table, weights = problem
    assert _twins_share_ranks(weighted_sum(table, weights).ranks.tolist())


@PROPERTY
@given(symmetric_problems())
def test_topsis_twins_share_a_rank(problem):
    table, weights = problem
    assert _twins_share_ranks(topsis(table, weights).ranks.tolist())


def test_a_tie_one_unit_in_the_last_place_apart_shares_the_best_rank():
    # 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last place.
    first, second = (0.1 + 0.2) + 0.3, (0.3 + 0.2) + 0.1
    assert first != second
    assert competition_ranks(np.array([first, second, 0.5])).tolist() == [1, 1, 3]
    # The public rankings apply the same rule.
    from frenchtech.observatory.ranking import competition_ranks as territory_ranks

    ranks, percentiles = territory_ranks([first, second, 0.5])
    assert ranks == [1, 1, 3]
    assert percentiles[0] == percentiles[1]


@PROPERTY
@given(
    st.lists(st.integers(0, 6), min_size=1, max_size=8),
    st.floats(1e-300, 1e6, allow_nan=False, allow_infinity=False),
)
def test_ranks_follow_the_definition_with_the_tolerance(levels, scale):
    # Scores on a grid of `scale`, each nudged by less than the tolerance.
    rng = np.random.default_rng(len(levels))
    scores = np.array(levels, dtype=float) * scale
    nudged = scores + rng.uniform(-0.4, 0.4, len(scores)) * RANK_TOLERANCE * np.maximum(
        1.0, np.abs(scores)
    )
    margin = RANK_TOLERANCE * np.maximum(1.0, np.abs(nudged))
    expected = 1 + (nudged[None, :] > (nudged + margin)[:, None]).sum(axis=1)
    ranks = competition_ranks(nudged)
    assert ranks.tolist() == expected.tolist()
    if scale > 1e-6:  # grid steps beyond the tolerance: ties exactly where levels are equal
        assert ranks.tolist() == competition_ranks(scores, tolerance=0).tolist()


def test_a_batch_ranks_each_row_alone():
    batch = np.array([[0.3, 0.3 + 1e-12, 0.1], [1.0, 2.0, 2.0 - 1e-11]])
    assert competition_ranks(batch).tolist() == [[1, 1, 3], [3, 1, 1]]
    assert competition_ranks(batch, tolerance=0).tolist() == [[2, 1, 3], [3, 1, 2]]
