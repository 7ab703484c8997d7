"""Contributions: what each criterion did to each alternative's result, by name.

* weighted sum: w_j·n_ij (sums to the score);
* TOPSIS: (v_ij − v_j⁺)² and (v_ij − v_j⁻)², whose sums are the squared distances to the
  ideal and the anti-ideal;
* ELECTRE TRI-B: for the profile that decided the category, the weighted partial
  concordance w_j·c_j(a, b) of each criterion (sums to C(a, b)) and the criteria whose
  discordance d_j(a, b) exceeds C(a, b), which lowered the credibility (the vetoes; d_j = 1
  forces σ = 0);
* SMAA: central weight vectors; SMAA-2 also gives w_ij^c·n_ij, the weighted-sum contributions
  under alternative i's own central weights.
"""

from collections.abc import Sequence

import numpy as np

from frenchtech.scoring.electre_tri import DISCORDANCE_TOLERANCE, ElectreTriOutcome
from frenchtech.scoring.smaa_2 import SmaaTwoOutcome
from frenchtech.scoring.smaa_tri import SmaaTriOutcome
from frenchtech.scoring.topsis import TopsisOutcome
from frenchtech.scoring.weighted_sum import WeightedSumOutcome


def by_name(names: Sequence[str], values) -> dict[str, float]:
    return {name: float(value) for name, value in zip(names, values, strict=True)}


def weighted_sum_contributions(
    outcome: WeightedSumOutcome, alternatives: Sequence[str], criteria: Sequence[str]
) -> dict:
    return {
        alternative: by_name(criteria, row)
        for alternative, row in zip(alternatives, outcome.contributions, strict=True)
    }


def topsis_contributions(
    outcome: TopsisOutcome, alternatives: Sequence[str], criteria: Sequence[str]
) -> dict:
    return {
        alternative: {
            "to_ideal": by_name(criteria, outcome.gap_to_ideal[index]),
            "to_anti_ideal": by_name(criteria, outcome.gap_to_anti_ideal[index]),
        }
        for index, alternative in enumerate(alternatives)
    }


def electre_tri_contributions(
    outcome: ElectreTriOutcome,
    alternatives: Sequence[str],
    criteria: Sequence[str],
    profiles: Sequence[str],
    categories: Sequence[str],
) -> dict:
    outranking = outcome.outranking
    concordance = outcome.weighted_concordance
    result = {}
    for index, alternative in enumerate(alternatives):
        profile = int(outcome.deciding_profile[index])
        level = outranking.global_concordance_alternative_profile[index, profile]
        discordances = outranking.discordance_alternative_profile[index, profile]
        sigma = float(outranking.credibility_alternative_profile[index, profile])
        result[alternative] = {
            "category": categories[int(outcome.assignments[index])],
            "deciding_profile": profiles[profile],
            "credibility": sigma,
            "concordance": by_name(criteria, concordance[index, profile]),
            "vetoes": {
                name: float(value)
                for name, value in zip(criteria, discordances, strict=True)
                if value > level + DISCORDANCE_TOLERANCE
            },
        }
    return result


def electre_tri_credibilities(
    outcome: ElectreTriOutcome, alternatives: Sequence[str], profiles: Sequence[str]
) -> dict:
    outranking = outcome.outranking
    return {
        alternative: {
            profile: {
                "alternative_over_profile": float(
                    outranking.credibility_alternative_profile[index, column]
                ),
                "profile_over_alternative": float(
                    outranking.credibility_profile_alternative[index, column]
                ),
            }
            for column, profile in enumerate(profiles)
        }
        for index, alternative in enumerate(alternatives)
    }


def _weights_or_none(criteria: Sequence[str], weights: np.ndarray) -> dict | None:
    return None if np.isnan(weights).any() else by_name(criteria, weights)


def smaa_2_contributions(
    outcome: SmaaTwoOutcome, alternatives: Sequence[str], criteria: Sequence[str]
) -> dict:
    return {
        alternative: _weights_or_none(
            criteria, outcome.central_weights[index] * outcome.normalised[index]
        )
        for index, alternative in enumerate(alternatives)
    }


def smaa_2_central_weights(
    outcome: SmaaTwoOutcome, alternatives: Sequence[str], criteria: Sequence[str]
) -> dict:
    return {
        alternative: _weights_or_none(criteria, outcome.central_weights[index])
        for index, alternative in enumerate(alternatives)
    }


def smaa_tri_central_weights(
    outcome: SmaaTriOutcome,
    alternatives: Sequence[str],
    criteria: Sequence[str],
    categories: Sequence[str],
) -> dict:
    return {
        alternative: {
            category: _weights_or_none(criteria, outcome.central_weights[index, column])
            for column, category in enumerate(categories)
        }
        for index, alternative in enumerate(alternatives)
    }
