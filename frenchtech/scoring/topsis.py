"""TOPSIS: closeness to the ideal alternative (Hwang & Yoon, 1981)."""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.ranks import competition_ranks
from frenchtech.scoring.weights import normalise_weights


@dataclass(frozen=True)
class TopsisOutcome:
    """Closeness, ranks, and per-criterion squared gaps to the ideal and the anti-ideal.

    Σ_j gap_to_ideal[i, j] = S_i⁺², Σ_j gap_to_anti_ideal[i, j] = S_i⁻²: the gaps show
    which criteria keep an alternative away from the ideal.
    """

    weights: np.ndarray
    closeness: np.ndarray
    ranks: np.ndarray
    distance_to_ideal: np.ndarray
    distance_to_anti_ideal: np.ndarray
    gap_to_ideal: np.ndarray
    gap_to_anti_ideal: np.ndarray

    def to_dict(self) -> dict:
        return {name: getattr(self, name).tolist() for name in self.__dataclass_fields__}


def topsis(values: np.ndarray, weights: np.ndarray) -> TopsisOutcome:
    """Closeness C_i = S_i⁻ / (S_i⁺ + S_i⁻) of weighted values v_ij = w_j·n_ij.

    `values` must be normalised (TOPSIS's usual choice is the vector normalisation) and
    oriented so that more is better. The ideal takes the best value of each criterion, the
    anti-ideal the worst; S⁺ and S⁻ are Euclidean distances to them. When both are 0 (all
    alternatives equal) the closeness is 0.5.
    """
    values = np.asarray(values, dtype=float)
    normalised = normalise_weights(weights)
    weighted = values * normalised
    gap_to_ideal = (weighted - weighted.max(axis=0)) ** 2
    gap_to_anti_ideal = (weighted - weighted.min(axis=0)) ** 2
    to_ideal = np.sqrt(gap_to_ideal.sum(axis=1))
    to_anti_ideal = np.sqrt(gap_to_anti_ideal.sum(axis=1))
    total = to_ideal + to_anti_ideal
    closeness = np.where(total == 0, 0.5, to_anti_ideal / np.where(total == 0, 1.0, total))
    return TopsisOutcome(
        normalised,
        closeness,
        competition_ranks(closeness),
        to_ideal,
        to_anti_ideal,
        gap_to_ideal,
        gap_to_anti_ideal,
    )
