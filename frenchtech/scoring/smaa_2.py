"""SMAA-2: rank acceptabilities of a weighted sum under uncertain weights and measurements.

Lahdelma & Salminen (2001). For each draw d the utility u_i = Σ_j w_dj·n_ij ranks the
alternatives (equal utilities share the best rank). Outputs:

* rank acceptability b_i^r: share of draws giving alternative i rank r;
* central weight vector w_i^c: mean of the weights of the draws that rank i first;
* confidence factor p_i^c: share of (measurement) draws in which i is first when every
  alternative is judged with i's central weights; without measurement uncertainty it is 1
  or 0. Undefined (NaN) when i is never first.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.normalise import NormalisationStep, apply_scale
from frenchtech.scoring.ranks import competition_ranks, tie_margin
from frenchtech.scoring.sampling import (
    BATCH_ELEMENTS,
    PRODUCT_BUDGET,
    Perturbation,
    batch_slices,
)


@dataclass(frozen=True)
class SmaaTwoOutcome:
    """Rank acceptabilities (n × n, rows sum to 1), central weights (n × m), confidence (n)."""

    samples: int
    rank_counts: np.ndarray
    rank_acceptability: np.ndarray
    central_weights: np.ndarray
    confidence: np.ndarray
    normalised: np.ndarray

    def to_dict(self) -> dict:
        def plain(values: np.ndarray) -> list:
            return np.where(np.isnan(values), None, values).tolist()

        return {
            "samples": self.samples,
            "rank_acceptability": self.rank_acceptability.tolist(),
            "central_weights": plain(self.central_weights),
            "confidence": plain(self.confidence),
        }


def scale_columns(tables: np.ndarray, scales: Sequence[NormalisationStep | None]) -> np.ndarray:
    """Apply each criterion's scale step along the alternatives axis of (…, n, m) tables."""
    result = np.empty(tables.shape)
    for column, step in enumerate(scales):
        result[..., column] = apply_scale(tables[..., column], step)
    return result


def smaa_2(
    values: np.ndarray,
    scales: Sequence[NormalisationStep | None],
    weight_draws: np.ndarray,
    *,
    perturbation: Perturbation | None = None,
    batch_size: int | None = None,
) -> SmaaTwoOutcome:
    """Run SMAA-2 on oriented values (n × m) before scaling; `scales` has one step per criterion.

    Scaling happens per draw, after the measurement perturbation, because min-max, z-score
    and percentile ranks depend on the whole (perturbed) table.
    """
    values = np.asarray(values, dtype=float)
    weight_draws = np.asarray(weight_draws, dtype=float)
    alternatives, criteria = values.shape
    if weight_draws.ndim != 2 or weight_draws.shape[1] != criteria or len(scales) != criteria:
        raise ModelError("values, scales and weight draws need the same criteria")
    samples = len(weight_draws)
    if samples == 0:
        raise ModelError("SMAA-2 needs at least one draw")
    normalised = scale_columns(values, scales)
    rank_counts = np.zeros(alternatives * alternatives, dtype=np.int64)
    first_weight_sums = np.zeros((alternatives, criteria))
    offsets = np.arange(alternatives) * alternatives
    if perturbation is None:
        per_draw, budget = alternatives * criteria, PRODUCT_BUDGET
    else:
        per_draw, budget = alternatives * max(criteria, alternatives), BATCH_ELEMENTS

    for part in batch_slices(samples, per_draw, batch_size, budget):
        weights = weight_draws[part]
        if perturbation is None:
            utilities = weights @ normalised.T
        else:
            tables = scale_columns(perturbation.draw(len(weights)), scales)
            utilities = np.einsum("dam,dm->da", tables, weights)
        ranks = competition_ranks(utilities)
        rank_counts += np.bincount((ranks - 1 + offsets).ravel(), minlength=alternatives**2)
        first_weight_sums += (ranks == 1).T.astype(float) @ weights

    rank_counts = rank_counts.reshape(alternatives, alternatives)
    first_counts = rank_counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = first_weight_sums / first_counts[:, None]
    confidence = _confidence(normalised, central, scales, samples, perturbation, batch_size)
    return SmaaTwoOutcome(
        samples, rank_counts, rank_counts / samples, central, confidence, normalised
    )


def _confidence(
    normalised: np.ndarray,
    central: np.ndarray,
    scales: Sequence[NormalisationStep | None],
    samples: int,
    perturbation: Perturbation | None,
    batch_size: int | None,
) -> np.ndarray:
    alternatives = normalised.shape[0]
    known = ~np.isnan(central[:, 0])
    weights = np.where(known[:, None], central, 0.0)
    diagonal = np.arange(alternatives)
    if perturbation is None:
        utilities = weights @ normalised.T  # row i: every alternative judged with i's weights
        first = _first(utilities[diagonal, diagonal], utilities.max(axis=1))
        return np.where(known, first.astype(float), np.nan)
    wins = np.zeros(alternatives, dtype=np.int64)
    for part in batch_slices(samples, alternatives * alternatives, batch_size):
        tables = scale_columns(perturbation.draw(part.stop - part.start), scales)
        utilities = np.einsum("dkm,im->dik", tables, weights)
        wins += _first(utilities[:, diagonal, diagonal], utilities.max(axis=2)).sum(axis=0)
    return np.where(known, wins / samples, np.nan)


def _first(own: np.ndarray, best: np.ndarray) -> np.ndarray:
    # Ranked first as competition_ranks ranks: no score higher by more than the tie margin.
    return best <= own + tie_margin(own)
