"""ELECTRE TRI-B on cases computed by hand.

One profile b = (10, 10, 10) between categories "low" and "high"; weights 5, 3, 2
(0.5, 0.3, 0.2); q = 1, p = 3 on every criterion; a veto v = 6 on the third criterion only.
"""

import numpy as np
import pytest

from frenchtech.scoring.electre_tri import (
    Thresholds,
    credibility,
    discordance,
    electre_tri_b,
    partial_concordance,
)
from frenchtech.scoring.errors import ModelError

PROFILE = np.array([[10.0, 10.0, 10.0]])
WEIGHTS = [5, 3, 2]
THRESHOLDS = Thresholds.build([1, 1, 1], [3, 3, 3], [None, None, 6])


def sort(alternative, cutting_level=0.75, rule="pessimistic", profiles=PROFILE):
    outcome = electre_tri_b(
        np.array([alternative], dtype=float), profiles, WEIGHTS, THRESHOLDS, cutting_level, rule
    )
    return outcome


def test_partial_concordance_pieces():
    # advantage = g(a) − g(b): shortfalls 0.5 (≤ q), 2 (between), 3 (= p), 5 (> p)
    advantage = np.array([0.5, -0.5, -2.0, -3.0, -5.0])
    assert partial_concordance(advantage, 1.0, 3.0).tolist() == [1.0, 1.0, 0.5, 0.0, 0.0]


def test_discordance_pieces():
    # shortfalls 3 (= p), 4.5 (half-way to v), 6 (= v), 9; no veto → always 0
    advantage = np.array([-3.0, -4.5, -6.0, -9.0])
    assert discordance(advantage, 3.0, 6.0).tolist() == [0.0, 0.5, 1.0, 1.0]
    assert discordance(advantage, 3.0, np.inf).tolist() == [0.0, 0.0, 0.0, 0.0]


def test_credibility_formula():
    # C = 0.8; d = (0.5, 0.9): only 0.9 > C lowers σ, by (1 − 0.9)/(1 − 0.8) = 0.5
    assert credibility(np.array(0.8), np.array([0.5, 0.9])) == pytest.approx(0.4)
    assert credibility(np.array(0.8), np.array([0.0, 1.0])) == 0.0
    assert credibility(np.array(1.0), np.array([1.0, 0.0])) == 1.0


def test_tie_on_the_profile_outranks_both_ways():
    outcome = sort([10, 10, 10])
    assert outcome.outranking.credibility_alternative_profile[0, 0] == 1.0
    assert outcome.outranking.credibility_profile_alternative[0, 0] == 1.0
    assert outcome.pessimistic.tolist() == [1]
    assert outcome.optimistic.tolist() == [1]


def test_difference_within_indifference_threshold_is_ignored():
    outcome = sort([9.2, 10, 10])  # shortfall 0.8 ≤ q = 1
    assert outcome.outranking.credibility_alternative_profile[0, 0] == 1.0
    assert outcome.pessimistic.tolist() == [1]


def test_difference_between_q_and_p_counts_partly():
    # shortfall 2 on criterion 1: c₁ = (3 − 2)/(3 − 1) = 0.5; C = 0.5·0.5 + 0.3 + 0.2 = 0.75
    outcome = sort([8, 10, 10])
    assert outcome.outranking.global_concordance_alternative_profile[0, 0] == pytest.approx(0.75)
    assert outcome.weighted_concordance[0, 0].tolist() == pytest.approx([0.25, 0.3, 0.2])
    # σ = λ exactly: a tie at the cutting level outranks
    assert outcome.pessimistic.tolist() == [1]
    # λ = 0.8: no longer; the profile is better on criterion 1 only, C(b, a) = 1 ⇒ b ≻ a
    stricter = sort([8, 10, 10], cutting_level=0.8)
    assert stricter.pessimistic.tolist() == [0]
    assert stricter.optimistic.tolist() == [0]


def test_full_veto_by_one_criterion():
    # Much better on criteria 1–2, but 6 below the profile on criterion 3 (= v): d₃ = 1, σ = 0.
    outcome = sort([15, 15, 4])
    outranking = outcome.outranking
    assert outranking.global_concordance_alternative_profile[0, 0] == pytest.approx(0.8)
    assert outranking.discordance_alternative_profile[0, 0].tolist() == [0, 0, 1]
    assert outranking.credibility_alternative_profile[0, 0] == 0.0
    assert outcome.pessimistic.tolist() == [0]
    # The profile does not outrank a either (C(b, a) = 0.2): incomparable, optimistic = high.
    assert outranking.credibility_profile_alternative[0, 0] == pytest.approx(0.2)
    assert outcome.optimistic.tolist() == [1]


def test_partial_veto_lowers_credibility_only_above_concordance():
    # shortfall 4.5 on criterion 3: d₃ = 0.5 < C = 0.8, no effect
    assert sort([15, 15, 5.5]).outranking.credibility_alternative_profile[0, 0] == pytest.approx(
        0.8
    )
    # shortfall 5.7: d₃ = 0.9 > 0.8 ⇒ σ = 0.8 · 0.1 / 0.2 = 0.4
    outcome = sort([15, 15, 4.3])
    assert outcome.outranking.credibility_alternative_profile[0, 0] == pytest.approx(0.4)
    assert outcome.pessimistic.tolist() == [0]


def test_three_categories_pessimistic_and_optimistic():
    profiles = np.array([[10.0, 10.0, 10.0], [20.0, 20.0, 20.0]])
    # Outranks b₁ (C = 1); against b₂: c = (0, 1, 1) ⇒ C(a, b₂) = 0.5 < 0.75;
    # b₂ against a: c = (1, 0, 0)... b₂ is better on criterion 1 only ⇒ C(b₂, a) = 0.5.
    outcome = sort([25, 20, 20], profiles=profiles)
    assert outcome.pessimistic.tolist() == [2]
    outcome = sort([12, 25, 25], profiles=profiles)
    # C(a, b₂) = 0.5·0 + 0.3 + 0.2 = 0.5: pessimistic stops at b₁ (middle category).
    # b₂ S a? c(b₂, a) = (1, 0, 0) ⇒ 0.5 < λ: no profile preferred to a ⇒ optimistic = best.
    assert outcome.pessimistic.tolist() == [1]
    assert outcome.optimistic.tolist() == [2]
    assert outcome.deciding_profile.tolist() == [0]


def test_rule_selects_assignments_and_deciding_profile():
    outcome = sort([15, 15, 4], rule="optimistic")
    assert outcome.assignments.tolist() == [1]
    assert outcome.deciding_profile.tolist() == [0]


@pytest.mark.parametrize(
    ("q", "p", "v", "message"),
    [
        ([2], [1], None, "q (2) must not be greater than p (1)"),
        ([-1], [1], None, "q must not be negative"),
        ([0], [2], [1], "v (1) must not be smaller than p (2)"),
    ],
)
def test_bad_thresholds(q, p, v, message):
    with pytest.raises(ModelError, match=message.replace("(", r"\(").replace(")", r"\)")):
        Thresholds.build(q, p, v, ["creations"])


def test_unordered_profiles_are_refused():
    profiles = np.array([[10.0, 10.0, 10.0], [20.0, 9.0, 20.0]])
    with pytest.raises(ModelError, match="not ordered on criterion '#2'"):
        sort([1, 1, 1], profiles=profiles)


def test_cutting_level_outside_range_is_refused():
    with pytest.raises(ModelError, match=r"lambda must be a number between 0\.5 and 1"):
        sort([1, 1, 1], cutting_level=0.4)
