"""Normalisations of criterion values.

Two families, applied in this order to one criterion:

* value transforms (`log1p`, `per-capita`) change each value on its own; they never depend
  on the other alternatives, so sorting methods (ELECTRE TRI-B, SMAA-TRI) may use them;
* scale transforms (`min-max`, `z-score`, `percentile-rank`, `vector`) put a criterion on a
  common scale by looking at all alternatives; they work along the last axis, so a batch of
  simulated tables of shape (draws, alternatives) is normalised in one call.

A column where every alternative has the same value gets the middle of the scale (0.5 for
min-max and percentile rank, 0 for z-score): a criterion that does not discriminate must not
favour anyone.
"""

from dataclasses import dataclass

import numpy as np

VALUE_TRANSFORMS = ("log1p", "per-capita")
SCALE_TRANSFORMS = ("min-max", "z-score", "percentile-rank", "vector")
DEFAULT_POPULATION_COLUMN = "population"
DEFAULT_PER_CAPITA_UNIT = 100_000.0


@dataclass(frozen=True)
class NormalisationStep:
    """One step of a criterion's normalisation; `population` and `per` serve `per-capita`."""

    kind: str
    population: str = DEFAULT_POPULATION_COLUMN
    per: float = DEFAULT_PER_CAPITA_UNIT

    @property
    def is_scale(self) -> bool:
        return self.kind in SCALE_TRANSFORMS

    def to_dict(self) -> str | dict:
        if self.kind == "per-capita":
            return {"kind": self.kind, "population": self.population, "per": self.per}
        return self.kind


def log1p(values: np.ndarray) -> np.ndarray:
    """log(1 + x), for skewed counts (funds raised, creations). Values must be > -1."""
    values = np.asarray(values, dtype=float)
    if np.any(values <= -1):
        raise ValueError("log1p needs values greater than -1")
    return np.log1p(values)


def per_capita(values: np.ndarray, population: np.ndarray, per: float = 1.0) -> np.ndarray:
    """values / population × per (e.g. per=100 000 for "per 100 000 inhabitants")."""
    population = np.asarray(population, dtype=float)
    if np.any(population <= 0):
        raise ValueError("per-capita needs populations greater than 0")
    return np.asarray(values, dtype=float) / population * per


def min_max(values: np.ndarray) -> np.ndarray:
    """(x - min) / (max - min) along the last axis; 0.5 for a constant column."""
    values = np.asarray(values, dtype=float)
    low = values.min(axis=-1, keepdims=True)
    spread = values.max(axis=-1, keepdims=True) - low
    constant = spread == 0
    return np.where(constant, 0.5, (values - low) / np.where(constant, 1.0, spread))


def z_score(values: np.ndarray) -> np.ndarray:
    """(x - mean) / standard deviation (population, ddof=0) along the last axis; 0 if constant."""
    values = np.asarray(values, dtype=float)
    centred = values - values.mean(axis=-1, keepdims=True)
    deviation = np.sqrt((centred**2).mean(axis=-1, keepdims=True))
    constant = deviation == 0
    return np.where(constant, 0.0, centred / np.where(constant, 1.0, deviation))


def percentile_rank(values: np.ndarray) -> np.ndarray:
    """Share of the other alternatives below, ties counting half, in [0, 1], along the last axis.

    (#{k: x_k < x_i} + ½ #{k ≠ i: x_k = x_i}) / (n − 1); 0.5 when there is one alternative.
    """
    values = np.asarray(values, dtype=float)
    count = values.shape[-1]
    if count == 1:
        return np.full(values.shape, 0.5)
    # Pairwise comparison: exact tie handling, and the alternatives are tens to a few thousands.
    below = (values[..., :, None] > values[..., None, :]).sum(axis=-1)
    equal = (values[..., :, None] == values[..., None, :]).sum(axis=-1) - 1
    return (below + 0.5 * equal) / (count - 1)


def vector(values: np.ndarray) -> np.ndarray:
    """x / sqrt(Σ x²) along the last axis (TOPSIS's normalisation); 0 for an all-zero column."""
    values = np.asarray(values, dtype=float)
    norm = np.sqrt((values**2).sum(axis=-1, keepdims=True))
    zero = norm == 0
    return np.where(zero, 0.0, values / np.where(zero, 1.0, norm))


SCALE_FUNCTIONS = {
    "min-max": min_max,
    "z-score": z_score,
    "percentile-rank": percentile_rank,
    "vector": vector,
}


def apply_scale(values: np.ndarray, step: NormalisationStep | None) -> np.ndarray:
    """Apply a scale step along the last axis (alternatives); no step returns the values."""
    if step is None:
        return np.asarray(values, dtype=float)
    return SCALE_FUNCTIONS[step.kind](values)
