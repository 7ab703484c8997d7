import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frenchtech.committee.assignment import AssignmentError, assign_reviewers


def check(result, conflicts, n):
    for a, reviewers in enumerate(result.reviewers):
        assert len(reviewers) == n
        assert len(set(reviewers)) == n
        assert not conflicts[a, reviewers].any()
    loads = np.bincount([m for r in result.reviewers for m in r], minlength=conflicts.shape[1])
    assert (loads == result.loads).all()


@pytest.mark.parametrize("seed", range(5))
def test_40_applications_15_members_random_conflicts(seed):
    rng = np.random.default_rng(seed)
    conflicts = rng.random((40, 15)) < 0.15
    result = assign_reviewers(conflicts, 3, affinity=rng.random((40, 15)))
    check(result, conflicts, 3)
    assert result.load_spread <= 1
    assert result.loads.sum() == 120


def test_expertise_is_preferred_when_loads_allow():
    conflicts = np.zeros((2, 2), bool)
    affinity = np.array([[1.0, 0.0], [0.0, 1.0]])
    result = assign_reviewers(conflicts, 1, affinity=affinity)
    assert result.reviewers == [[0], [1]]


def test_balance_comes_before_expertise():
    conflicts = np.zeros((2, 2), bool)
    affinity = np.array([[1.0, 0.0], [1.0, 0.0]])  # both prefer member 0
    result = assign_reviewers(conflicts, 1, affinity=affinity)
    assert sorted(result.loads.tolist()) == [1, 1]


def test_pairs_fixed_by_hand_are_kept():
    conflicts = np.zeros((3, 3), bool)
    fixed = np.zeros((3, 3), bool)
    fixed[0, 2] = True
    result = assign_reviewers(conflicts, 1, fixed=fixed)
    assert result.reviewers[0] == [2]


def test_too_many_conflicts_names_the_application():
    conflicts = np.zeros((3, 4), bool)
    conflicts[1, :3] = True
    with pytest.raises(AssignmentError, match="application 1: only 1 member"):
        assign_reviewers(conflicts, 2)


def test_a_hand_fixed_conflicted_pair_is_refused():
    conflicts = np.eye(2, dtype=bool)
    with pytest.raises(AssignmentError, match="application 0: a reviewer fixed by hand"):
        assign_reviewers(conflicts, 1, fixed=np.eye(2, dtype=bool))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 12),
    st.integers(2, 8),
    st.integers(1, 3),
    st.floats(0, 0.3),
    st.integers(0, 2**32 - 1),
)
def test_any_feasible_problem_is_solved_without_conflicts(apps, members, n, density, seed):
    n = min(n, members)
    rng = np.random.default_rng(seed)
    conflicts = rng.random((apps, members)) < density
    if ((~conflicts).sum(axis=1) < n).any():
        # Only refused when some application truly lacks enough free members.
        with pytest.raises(AssignmentError, match="member"):
            assign_reviewers(conflicts, n)
        return
    check(assign_reviewers(conflicts, n), conflicts, n)
