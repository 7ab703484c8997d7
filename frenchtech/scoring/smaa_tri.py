"""SMAA-TRI: ELECTRE TRI-B under uncertain weights, cutting level and measurements.

Tervonen, Figueira, Lahdelma, Almeida Dias & Salminen (2009). For each draw d (weights w_d,
cutting level λ_d, optionally a perturbed table) every alternative is sorted by ELECTRE
TRI-B; the category acceptability index π_i^h is the share of draws that put alternative i in
category h. The category-wise central weight vector is the mean of the weights of those draws.

Draws are processed in batches; without measurement uncertainty the partial concordances and
discordances are computed once and each batch costs one matrix product per direction.
"""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.electre_tri import (
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
from frenchtech.scoring.sampling import Perturbation, batch_slices


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


class _DiscordanceProducts:
    """σ for many concordance values of fixed pairs (alternative, profile), vectorised.

    With a pair's discordances sorted in decreasing order d_(1) ≥ d_(2) ≥ …, the criteria
    with d_j > C are the first t of them, so σ = C · P_t / (1 − C)^t where P_t is the
    running product of (1 − d_(s)). Only the pairs with some discordance need this.
    """

    def __init__(self, discordances: np.ndarray) -> None:
        positive = (discordances > 0).sum(axis=1)
        self.pairs = np.flatnonzero(positive)
        depth = int(positive.max()) if self.pairs.size else 0
        ordered = -np.sort(-discordances[self.pairs], axis=1)[:, :depth]
        self.ordered = ordered
        self.running_products = np.ones((self.pairs.size, depth + 1))
        self.running_products[:, 1:] = np.cumprod(1.0 - ordered, axis=1)

    def credibility(self, concordance: np.ndarray) -> np.ndarray:
        """σ for concordances of shape (draws, pairs)."""
        result = concordance.copy()
        if not self.pairs.size:
            return result
        level = concordance[:, self.pairs]
        lowering = (self.ordered[None, :, :] > level[:, :, None]).sum(axis=2)
        products = self.running_products[np.arange(self.pairs.size), lowering]
        result[:, self.pairs] = level * products / (1.0 - level) ** lowering
        return result


def _categories(ab: np.ndarray, ba: np.ndarray, rule: str) -> np.ndarray:
    return assign_pessimistic(ab) if rule == "pessimistic" else assign_optimistic(ab, ba)


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
    weight_sums = np.zeros((alternatives * categories, criteria))
    offsets = np.arange(alternatives) * categories
    q, p, v = thresholds.indifference, thresholds.preference, thresholds.veto
    pairs = alternatives * profile_count

    if perturbation is None:
        advantage = (performance[:, None, :] - profiles[None, :, :]).reshape(pairs, criteria)
        concordance_ab = partial_concordance(advantage, q, p)
        concordance_ba = partial_concordance(-advantage, q, p)
        products_ab = _DiscordanceProducts(discordance(advantage, p, v))
        products_ba = _DiscordanceProducts(discordance(-advantage, p, v))
        per_draw = pairs * (1 + products_ab.ordered.shape[1]) + alternatives * categories
    else:
        per_draw = pairs * criteria

    for part in batch_slices(samples, per_draw, batch_size):
        weights = weight_draws[part]
        draws = len(weights)
        levels = cutting_levels[part][:, None, None]
        if perturbation is None:
            sigma_ab = products_ab.credibility(weights @ concordance_ab.T)
            sigma_ba = products_ba.credibility(weights @ concordance_ba.T)
            sigma_ab = sigma_ab.reshape(draws, alternatives, profile_count)
            sigma_ba = sigma_ba.reshape(draws, alternatives, profile_count)
        else:
            tables = perturbation.draw(draws)
            advantage = tables[:, :, None, :] - profiles[None, None, :, :]
            global_ab = np.einsum("dakm,dm->dak", partial_concordance(advantage, q, p), weights)
            global_ba = np.einsum("dakm,dm->dak", partial_concordance(-advantage, q, p), weights)
            sigma_ab = credibility(global_ab, discordance(advantage, p, v))
            sigma_ba = credibility(global_ba, discordance(-advantage, p, v))
        assigned = _categories(outranks(sigma_ab, levels), outranks(sigma_ba, levels), rule)
        cells = (assigned + offsets).ravel()
        counts += np.bincount(cells, minlength=alternatives * categories)
        # One-hot (draws × cells) times weights sums each cell's weights in one product.
        one_hot = np.zeros((draws, alternatives * categories))
        one_hot[np.repeat(np.arange(draws), alternatives), cells] = 1.0
        weight_sums += one_hot.T @ weights

    counts = counts.reshape(alternatives, categories)
    with np.errstate(invalid="ignore", divide="ignore"):
        central = weight_sums.reshape(alternatives, categories, criteria) / counts[:, :, None]
    return SmaaTriOutcome(rule, samples, counts, counts / samples, central)
