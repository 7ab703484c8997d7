import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from frenchtech.funding.simulator import Candidate, evaluate, propose


def test_the_best_combination_under_the_envelope_and_a_cap_is_found():
    candidates = [
        Candidate(1, "A", "Lyon", 6_000_00, 6_000_00, 80),
        Candidate(2, "B", "Lyon", 5_000_00, 5_000_00, 90),
        Candidate(3, "C", "Nantes", 4_000_00, 8_000_00, 60),
        Candidate(4, "D", "Bordeaux", 9_000_00, 0, 40),
    ]
    result = propose(candidates, remaining_cents=15_000_00, caps={"Lyon": 6_000_00})
    # Lyon may take only one of A (0.8 × 12 000 = 9 600) and B (0.9 × 10 000 = 9 000): A, plus C.
    assert result.selected == {1, 3}
    assert result.public_cents == 10_000_00
    assert result.status == "optimal"


def test_no_candidates_gives_an_empty_proposal():
    assert propose([], 1_00, {}).selected == frozenset()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 50), st.integers(0, 50), st.integers(0, 100), st.sampled_from("LNB")
        ),
        min_size=1,
        max_size=7,
    ),
    st.integers(0, 150),
    st.integers(0, 80),
)
def test_the_proposal_is_feasible_and_as_good_as_any_other_selection(rows, remaining, cap):
    candidates = [
        Candidate(i, str(i), eco, a * 1000_00, p * 1000_00, s)
        for i, (a, p, s, eco) in enumerate(rows)
    ]
    caps = {"L": cap * 1000_00}
    result = propose(candidates, remaining * 1000_00, caps)
    assert result.public_cents <= remaining * 1000_00
    assert (
        sum(c.amount_cents for c in candidates if c.key in result.selected and c.consortium == "L")
        <= cap * 1000_00
    )
    best = 0.0
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(candidates, size):
            public = sum(c.amount_cents for c in subset)
            lyon = sum(c.amount_cents for c in subset if c.consortium == "L")
            if public <= remaining * 1000_00 and lyon <= cap * 1000_00:
                best = max(best, evaluate(candidates, [c.key for c in subset]).objective)
    assert result.objective >= best - 1e-6 * max(best, 1)
