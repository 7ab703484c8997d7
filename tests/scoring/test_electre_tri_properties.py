"""ELECTRE TRI-B invariants, and agreement with the literal loop implementation."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frenchtech.scoring.electre_tri import Thresholds, electre_tri_b
from tests.scoring.loop_reference import assign_loop, credibility_loop
from tests.scoring.strategies import Problem, problems

# No example database: the suite must not write files into the work tree.
PROPERTY = settings(
    database=None, deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)


def run(problem: Problem, rule: str | None = None, **changes):
    fields = {
        "performance": problem.performance,
        "profiles": problem.profiles,
        "weights": problem.weights,
        "thresholds": problem.thresholds,
        "cutting_level": problem.cutting_level,
        "rule": rule or problem.rule,
    }
    fields.update(changes)
    return electre_tri_b(**fields)


def loop_assignments(problem: Problem) -> list[int]:
    return [
        assign_loop(
            list(row),
            [list(profile) for profile in problem.profiles],
            problem.weights,
            problem.q,
            problem.p,
            problem.v,
            problem.cutting_level,
            problem.rule,
        )
        for row in problem.performance
    ]


@settings(PROPERTY, max_examples=1500)
@given(problems())
def test_vectorised_agrees_with_loop(problem):
    outcome = run(problem)
    assert outcome.assignments.tolist() == loop_assignments(problem)
    for i, row in enumerate(problem.performance):
        for h, profile in enumerate(problem.profiles):
            expected = credibility_loop(
                row, profile, problem.weights, problem.q, problem.p, problem.v
            )
            got = outcome.outranking.credibility_alternative_profile[i, h]
            assert abs(got - expected) < 1e-12


def random_problem(rng: np.random.Generator) -> Problem:
    """Continuous random problems (no engineered ties), for volume without shrinking."""
    criteria, profile_count, alternatives = rng.integers(1, 7), rng.integers(1, 4), 8
    steps = rng.uniform(0.1, 5, (profile_count, criteria))
    profiles = rng.uniform(0, 10, criteria) + np.cumsum(steps, axis=0)
    q = rng.uniform(0, 1, criteria)
    p = q + rng.uniform(0, 2, criteria)
    v = [None if rng.random() < 0.4 else float(high + rng.uniform(0, 6)) for high in p]
    return Problem(
        performance=rng.uniform(0, 25, (alternatives, criteria)),
        profiles=profiles,
        weights=list(rng.uniform(0, 1, criteria) + 1e-3),
        q=list(q),
        p=list(p),
        v=v,
        cutting_level=float(rng.uniform(0.5, 1.0)),
        rule=str(rng.choice(["pessimistic", "optimistic"])),
    )


def test_vectorised_agrees_with_loop_on_thousands_of_random_problems():
    rng = np.random.default_rng(20131120)
    for _ in range(3000):
        problem = random_problem(rng)
        assert run(problem).assignments.tolist() == loop_assignments(problem)


@PROPERTY
@given(problems())
def test_pessimistic_never_above_optimistic(problem):
    outcome = run(problem)
    assert np.all(outcome.pessimistic <= outcome.optimistic)


@PROPERTY
@given(problems())
def test_each_assignment_ignores_the_other_alternatives(problem):
    together = run(problem)
    for i in range(len(problem.performance)):
        alone = run(problem, performance=problem.performance[i : i + 1])
        assert alone.pessimistic[0] == together.pessimistic[i]
        assert alone.optimistic[0] == together.optimistic[i]
    reversed_order = run(problem, performance=problem.performance[::-1])
    assert reversed_order.assignments.tolist() == together.assignments.tolist()[::-1]


@PROPERTY
@given(problems(), st.data())
def test_improving_a_criterion_never_lowers_the_category(problem, data):
    alternative = data.draw(st.integers(0, len(problem.performance) - 1))
    criterion = data.draw(st.integers(0, problem.performance.shape[1] - 1))
    gain = data.draw(st.one_of(st.integers(1, 20).map(lambda x: x / 2), st.floats(1e-6, 20)))
    improved = problem.performance.copy()
    improved[alternative, criterion] += gain
    before, after = run(problem), run(problem, performance=improved)
    assert after.pessimistic[alternative] >= before.pessimistic[alternative]
    assert after.optimistic[alternative] >= before.optimistic[alternative]


@PROPERTY
@given(problems(), st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(problem, factor):
    scaled = [weight * factor for weight in problem.weights]
    before, after = run(problem), run(problem, weights=scaled)
    assert after.pessimistic.tolist() == before.pessimistic.tolist()
    assert after.optimistic.tolist() == before.optimistic.tolist()


@PROPERTY
@given(problems(), st.floats(0, 0.5))
def test_raising_the_cutting_level_never_raises_the_pessimistic_category(problem, increase):
    higher = min(1.0, problem.cutting_level + increase)
    before, after = run(problem), run(problem, cutting_level=higher)
    assert np.all(after.pessimistic <= before.pessimistic)


def test_a_criterion_with_zero_weight_can_still_veto():
    thresholds = Thresholds.build([0, 0], [1, 1], [None, 2])
    outcome = electre_tri_b(
        np.array([[9.0, 0.0]]), np.array([[5.0, 5.0]]), [1, 0], thresholds, 0.75
    )
    assert outcome.outranking.global_concordance_alternative_profile[0, 0] == 1.0
    assert outcome.outranking.credibility_alternative_profile[0, 0] == 1.0  # d = 1 is not > C = 1
    outcome = electre_tri_b(
        np.array([[9.0, 0.0]]), np.array([[5.0, 5.0]]), [3, 1], thresholds, 0.75
    )
    assert outcome.outranking.credibility_alternative_profile[0, 0] == 0.0


def test_concordance_one_up_to_rounding_keeps_its_meaning():
    # Weights 0.7, 2.1, 0 normalise to a C of 0.9999999999999999, not 1: the zero-weight
    # criterion's full discordance must not turn σ into 0 (it cannot with C = 1 exactly).
    thresholds = Thresholds.build([0, 0, 0], [1, 1, 1], [None, None, 2])
    performance, profile = np.array([[9.0, 9.0, 0.0]]), np.array([[5.0, 5.0, 5.0]])
    for weights in ([1, 3, 0], [0.7, 2.1, 0]):
        outcome = electre_tri_b(performance, profile, weights, thresholds, 0.75)
        assert outcome.outranking.credibility_alternative_profile[0, 0] > 0.99
        assert outcome.pessimistic.tolist() == [1]
