"""SMAA-TRI: ELECTRE TRI-B under uncertain weights, cutting level and measurements.

Tervonen, Figueira, Lahdelma, Almeida Dias & Salminen (2009). For each draw d (weights w_d,
cutting level λ_d, optionally a perturbed table) every alternative is sorted by ELECTRE
TRI-B; the category acceptability index π_i^h is the share of draws that put alternative i in
category h. The category-wise central weight vector is the mean of the weights of those draws.

Draws are processed in batches; without measurement uncertainty the partial concordances and
discordances are computed once, each batch costs one matrix product per direction, and the
discordance product is only evaluated where it can change the answer.
"""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.electre_tri import (
    CUTTING_LEVEL_TOLERANCE,
    DISCORDANCE_TOLERANCE,
    RULES,
    Thresholds,
    assign_optimistic,
    assign_pessimistic,
    check_profiles,
    credibility,
    discordance,
    outranks,
    partial_concordance,
)
from frenchtech.scoring.errors import ModelError
from frenchtech.scoring.sampling import (
    BATCH_ELEMENTS,
    PRODUCT_BUDGET,
    Perturbation,
    batch_slices,
)


@dataclass(frozen=True)
class SmaaTriOutcome:
    """Category acceptabilities (n × k, rows sum to 1) and category-wise central weights.

    `central_weights[i, h]` is NaN when no draw put alternative i in category h.
    """

    rule: str
    samples: int
    counts: np.ndarray
    acceptability: np.ndarray
    central_weights: np.ndarray

    def to_dict(self) -> dict:
        central = self.central_weights
        return {
            "rule": self.rule,
            "samples": self.samples,
            "acceptability": self.acceptability.tolist(),
            "central_weights": np.where(np.isnan(central), None, central).tolist(),
        }


class _Outranking:
    """Whether a outranks b for many draws of (weights, λ), for fixed pairs (a, b), vectorised.

    σ ≤ C always, and σ = C unless some d_j > C. So for each (draw, pair) the answer is
    C ≥ λ, except where C ≥ λ and the pair's largest discordance exceeds C: only those
    entries, usually few, get the full product Π_{d_j > C} (1 − d_j)/(1 − C).
    """

    def __init__(self, concordance: np.ndarray, discordances: np.ndarray) -> None:
        self.concordance = concordance  # pairs × criteria
        self.discordances = discordances
        self.largest = discordances.max(axis=1)
        self.pairs = np.flatnonzero(self.largest > 0)

    def outranks(self, weights: np.ndarray, cutting_levels: np.ndarray) -> np.ndarray:
        """Booleans (draws × pairs) for weights (draws × criteria), cutting levels (draws)."""
        level = weights @ self.concordance.T
        threshold = (cutting_levels - CUTTING_LEVEL_TOLERANCE)[:, None]
        result = level >= threshold
        if not self.pairs.size:
            return result
        candidates = level[:, self.pairs]
        lowering = self.largest[self.pairs] > candidates + DISCORDANCE_TOLERANCE
        doubtful = (candidates >= threshold) & lowering
        draws, columns = np.nonzero(doubtful)
        if draws.size:
            pairs = self.pairs[columns]
            sigma = credibility(candidates[draws, columns], self.discordances[pairs])
            result[draws, pairs] = sigma >= threshold[draws, 0]
        return result


def smaa_tri(
    performance: np.ndarray,
    profiles: np.ndarray,
    thresholds: Thresholds,
    weight_draws: np.ndarray,
    cutting_levels: np.ndarray,
    rule: str = "pessimistic",
    *,
    perturbation: Perturbation | None = None,
    batch_size: int | None = None,
) -> SmaaTriOutcome:
    """Category acceptabilities of oriented alternatives (n × m) against profiles (K × m).

    `weight_draws` (D × m, rows summing to 1) and `cutting_levels` (D) are the draws; with a
    `perturbation`, draw d also uses the d-th perturbed table of its stream. The result does
    not depend on `batch_size`, which only bounds memory.
    """
    performance = np.asarray(performance, dtype=float)
    profiles = np.asarray(profiles, dtype=float)
    weight_draws = np.asarray(weight_draws, dtype=float)
    cutting_levels = np.asarray(cutting_levels, dtype=float)
    if rule not in RULES:
        raise ModelError(f"rule must be one of {', '.join(RULES)}")
    alternatives, criteria = performance.shape
    profile_count = profiles.shape[0]
    if profiles.shape[1] != criteria or weight_draws.shape[1:] != (criteria,):
        raise ModelError("performance, profiles and weight draws need the same criteria")
    if len(weight_draws) != len(cutting_levels) or len(weight_draws) == 0:
        raise ModelError("weight draws and cutting levels: one of each per draw, at least one")
    check_profiles(profiles, thresholds)
    categories = profile_count + 1
    samples = len(weight_draws)
    counts = np.zeros(alternatives * categories, dtype=np.int64)
    weight_sums = np.zeros((alternatives, categories, criteria))
    offsets = np.arange(alternatives) * categories
    q, p, v = thresholds.indifference, thresholds.preference, thresholds.veto
    pairs = alternatives * profile_count
    # The pessimistic rule only asks whether a outranks b: skip σ(b, a) entirely.
    both_ways = rule == "optimistic"

    if perturbation is None:
        advantage = (performance[:, None, :] - profiles[None, :, :]).reshape(pairs, criteria)
        ab = _Outranking(partial_concordance(advantage, q, p), discordance(advantage, p, v))
        if both_ways:
            ba = _Outranking(partial_concordance(-advantage, q, p), discordance(-advantage, p, v))
        per_draw, budget = pairs * criteria, PRODUCT_BUDGET
    else:
        per_draw, budget = 2 * pairs * criteria, BATCH_ELEMENTS

    for part in batch_slices(samples, per_draw, batch_size, budget):
        weights = weight_draws[part]
        draws = len(weights)
        shape = (draws, alternatives, profile_count)
        if perturbation is None:
            levels = cutting_levels[part]
            outranks_ab = ab.outranks(weights, levels).reshape(shape)
            if both_ways:
                outranks_ba = ba.outranks(weights, levels).reshape(shape)
        else:
            levels = cutting_levels[part][:, None, None]
            tables = perturbation.draw(draws)
            advantage = tables[:, :, None, :] - profiles[None, None, :, :]
            global_ab = np.einsum("dakm,dm->dak", partial_concordance(advantage, q, p), weights)
            outranks_ab = outranks(credibility(global_ab, discordance(advantage, p, v)), levels)
            if both_ways:
                concordance = partial_concordance(-advantage, q, p)
                global_ba = np.einsum("dakm,dm->dak", concordance, weights)
                sigma_ba = credibility(global_ba, discordance(-advantage, p, v))
                outranks_ba = outranks(sigma_ba, levels)
        if both_ways:
            assigned = assign_optimistic(outranks_ab, outranks_ba)
        else:
            assigned = assign_pessimistic(outranks_ab)
        counts += np.bincount((assigned + offsets).ravel(), minlength=alternatives * categories)
        # Per category, (alternatives × draws) indicator times (draws × criteria) weights: small
        # products that stay fast even when the BLAS library's threads compete for the CPU.
        for category in range(categories):
            weight_sums[:, category] += (assigned == category).T.astype(float) @ weights

    counts = counts.reshape(alternatives, categories)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = weight_sums / counts[:, :, None]
    return SmaaTriOutcome(rule, samples, counts, counts / samples, central)
