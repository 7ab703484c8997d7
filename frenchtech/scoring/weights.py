"""Checking and normalising criterion weights."""

from collections.abc import Sequence

import numpy as np

from frenchtech.scoring.errors import ModelError


def normalise_weights(weights: Sequence[float], ids: Sequence[str] | None = None) -> np.ndarray:
    """Return the weights divided by their sum, after checking they are finite and ≥ 0.

    Only ratios of weights matter to every method here, so weights may be given as points
    (3, 2, 1) or fractions; `ids` name the criteria in error messages.
    """
    weights = np.asarray(weights, dtype=float)
    if weights.ndim != 1 or weights.size == 0:
        raise ModelError("weights must be a non-empty list of numbers")
    names = list(ids) if ids is not None else [f"#{index + 1}" for index in range(weights.size)]
    for name, weight in zip(names, weights, strict=True):
        if not np.isfinite(weight):
            raise ModelError(f"criterion {name!r}: weight must be a finite number")
        if weight < 0:
            raise ModelError(f"criterion {name!r}: weight must not be negative (got {weight:g})")
    total = weights.sum()
    if total <= 0:
        raise ModelError("weights: at least one criterion must have a positive weight")
    return weights / total
