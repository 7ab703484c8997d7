"""Weighted sum of normalised criterion values."""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.ranks import competition_ranks
from frenchtech.scoring.weights import normalise_weights


@dataclass(frozen=True)
class WeightedSumOutcome:
    """Scores, ranks, and each criterion's contribution w_j·n_ij (rows sum to the score)."""

    weights: np.ndarray
    scores: np.ndarray
    ranks: np.ndarray
    contributions: np.ndarray

    def to_dict(self) -> dict:
        return {
            "weights": self.weights.tolist(),
            "scores": self.scores.tolist(),
            "ranks": self.ranks.tolist(),
            "contributions": self.contributions.tolist(),
        }


def weighted_sum(values: np.ndarray, weights: np.ndarray) -> WeightedSumOutcome:
    """Score_i = Σ_j w_j·n_ij with weights normalised to sum 1.

    `values` (alternatives × criteria) must already be normalised and oriented so that more
    is better on every criterion.
    """
    values = np.asarray(values, dtype=float)
    normalised = normalise_weights(weights)
    contributions = values * normalised
    scores = contributions.sum(axis=1)
    return WeightedSumOutcome(normalised, scores, competition_ranks(scores), contributions)
