"""The output of an evaluation: a JSON document and CSV rows, keyed by alternative name."""

from typing import TYPE_CHECKING

import numpy as np

from frenchtech.scoring import ENGINE_VERSION
from frenchtech.scoring.explain import (
    by_name,
    electre_tri_contributions,
    electre_tri_credibilities,
    smaa_2_central_weights,
    smaa_2_contributions,
    smaa_tri_central_weights,
    topsis_contributions,
    weighted_sum_contributions,
)

if TYPE_CHECKING:
    from frenchtech.scoring.evaluate import Evaluation


def _per_alternative(alternatives, values, cast=float) -> dict:
    return {name: cast(value) for name, value in zip(alternatives, values, strict=True)}


def most_acceptable(acceptability: np.ndarray) -> np.ndarray:
    """Index of each row's largest acceptability; a tie goes to the worse (earlier) category."""
    return acceptability.argmax(axis=1)


def build_document(evaluation: "Evaluation") -> dict:
    """JSON output: method, model echo, engine version, then the method's results."""
    model, outcome = evaluation.model, evaluation.outcome
    alternatives, criteria = evaluation.alternatives, model.criterion_ids
    document: dict = {
        "engine_version": ENGINE_VERSION,
        "method": model.method,
        "model": model.to_dict(),
        "alternatives": list(alternatives),
        "ignored_columns": list(evaluation.table.ignored_columns),
    }
    method = model.method
    if method in ("weighted-sum", "topsis"):
        scores = outcome.scores if method == "weighted-sum" else outcome.closeness
        explain = weighted_sum_contributions if method == "weighted-sum" else topsis_contributions
        document.update(
            weights=by_name(criteria, outcome.weights),
            scores=_per_alternative(alternatives, scores),
            ranks=_per_alternative(alternatives, outcome.ranks, int),
            contributions=explain(outcome, alternatives, criteria),
        )
    elif method == "electre-tri-b":
        categories = model.categories
        profiles = [profile.id for profile in model.profiles]

        def names(indexes) -> dict:
            return {a: categories[int(i)] for a, i in zip(alternatives, indexes, strict=True)}

        document.update(
            weights=by_name(criteria, outcome.weights),
            assignments=names(outcome.assignments),
            assignments_by_rule={
                "pessimistic": names(outcome.pessimistic),
                "optimistic": names(outcome.optimistic),
            },
            credibility=electre_tri_credibilities(outcome, alternatives, profiles),
            contributions=electre_tri_contributions(
                outcome, alternatives, criteria, profiles, categories
            ),
        )
    elif method == "smaa-2":
        ranks = [str(rank) for rank in range(1, len(alternatives) + 1)]
        document.update(
            samples=outcome.samples,
            seed=model.seed,
            acceptability={
                name: by_name(ranks, row)
                for name, row in zip(alternatives, outcome.rank_acceptability, strict=True)
            },
            central_weights=smaa_2_central_weights(outcome, alternatives, criteria),
            confidence={
                name: None if np.isnan(value) else float(value)
                for name, value in zip(alternatives, outcome.confidence, strict=True)
            },
            contributions=smaa_2_contributions(outcome, alternatives, criteria),
        )
    else:
        categories = model.categories
        document.update(
            samples=outcome.samples,
            seed=model.seed,
            assignments={
                name: categories[int(index)]
                for name, index in zip(
                    alternatives, most_acceptable(outcome.acceptability), strict=True
                )
            },
            acceptability={
                name: by_name(categories, row)
                for name, row in zip(alternatives, outcome.acceptability, strict=True)
            },
            contributions=smaa_tri_central_weights(outcome, alternatives, criteria, categories),
        )
    return document


def build_rows(evaluation: "Evaluation") -> tuple[list[str], list[list]]:
    """CSV output: a header and one row per alternative, in table order."""
    model, outcome = evaluation.model, evaluation.outcome
    alternatives, criteria = evaluation.alternatives, model.criterion_ids
    method = model.method
    if method in ("weighted-sum", "topsis"):
        if method == "weighted-sum":
            scores, parts, prefix = outcome.scores, outcome.contributions, "contribution"
        else:
            scores, parts, prefix = outcome.closeness, outcome.gap_to_ideal, "gap_to_ideal"
        header = ["alternative", "score", "rank", *[f"{prefix}:{c}" for c in criteria]]
        rows = [
            [name, float(scores[i]), int(outcome.ranks[i]), *map(float, parts[i])]
            for i, name in enumerate(alternatives)
        ]
    elif method == "electre-tri-b":
        categories = model.categories
        profiles = [profile.id for profile in model.profiles]
        header = [
            "alternative",
            "category",
            "category_pessimistic",
            "category_optimistic",
            "deciding_profile",
            *[f"credibility:{profile}" for profile in profiles],
            *[f"concordance:{c}" for c in criteria],
            "vetoes",
        ]
        explained = electre_tri_contributions(outcome, alternatives, criteria, profiles, categories)
        rows = []
        for i, name in enumerate(alternatives):
            detail = explained[name]
            rows.append(
                [
                    name,
                    categories[int(outcome.assignments[i])],
                    categories[int(outcome.pessimistic[i])],
                    categories[int(outcome.optimistic[i])],
                    detail["deciding_profile"],
                    *map(float, outcome.outranking.credibility_alternative_profile[i]),
                    *detail["concordance"].values(),
                    ";".join(detail["vetoes"]),
                ]
            )
    elif method == "smaa-2":
        count = len(alternatives)
        header = [
            "alternative",
            "confidence",
            *[f"acceptability:rank_{rank}" for rank in range(1, count + 1)],
            *[f"central_weight:{c}" for c in criteria],
        ]
        rows = [
            [
                name,
                _blank_nan(outcome.confidence[i]),
                *map(float, outcome.rank_acceptability[i]),
                *map(_blank_nan, outcome.central_weights[i]),
            ]
            for i, name in enumerate(alternatives)
        ]
    else:
        categories = model.categories
        header = ["alternative", "most_acceptable", *[f"acceptability:{c}" for c in categories]]
        best = most_acceptable(outcome.acceptability)
        rows = [
            [name, categories[int(best[i])], *map(float, outcome.acceptability[i])]
            for i, name in enumerate(alternatives)
        ]
    return header, rows


def _blank_nan(value) -> float | str:
    return "" if np.isnan(value) else float(value)
