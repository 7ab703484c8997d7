"""Random draws for SMAA: weights, cutting levels, measurement errors.

Every function takes a seeded `numpy.random.Generator`, so a model with a seed gives the same
result on every machine and every run.
"""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.errors import ModelError

# Rejection sampling of bounded weights gives up below this acceptance rate rather than
# running for minutes: such narrow bounds almost fix the weights anyway.
MINIMUM_ACCEPTANCE_RATE = 1e-3
PILOT_DRAWS = 10_000


@dataclass(frozen=True)
class WeightDistribution:
    """How SMAA draws weight vectors (each draw sums to 1).

    * `fixed`: always `fixed` (normalised);
    * `uniform`: uniformly on the simplex {w ≥ 0, Σ w = 1} (no preference information);
    * `intervals`: uniformly on the part of the simplex where lower_j ≤ w_j ≤ upper_j;
    * `dirichlet`: Dirichlet(alpha); alpha = (1, …, 1) is the uniform case, larger alphas
      concentrate the draws around alpha / Σ alpha.
    """

    kind: str
    fixed: np.ndarray | None = None
    lower: np.ndarray | None = None
    upper: np.ndarray | None = None
    alpha: np.ndarray | None = None


def sample_uniform_simplex(criteria: int, count: int, rng: np.random.Generator) -> np.ndarray:
    """`count` weight vectors uniform on the simplex (normalised exponentials = Dirichlet(1))."""
    draws = rng.standard_exponential((count, criteria))
    return draws / draws.sum(axis=1, keepdims=True)


def sample_bounded_simplex(
    lower: np.ndarray, upper: np.ndarray, count: int, rng: np.random.Generator
) -> np.ndarray:
    """Uniform draws on {Σ w = 1, lower ≤ w ≤ upper}.

    Lower bounds are met exactly by shifting (w = lower + (1 − Σ lower)·u with u uniform on
    the simplex, an affine map that keeps uniformity); upper bounds by rejection.
    """
    lower = np.asarray(lower, dtype=float)
    upper = np.asarray(upper, dtype=float)
    free = 1.0 - lower.sum()
    if free < -1e-12 or upper.sum() < 1.0 - 1e-12 or np.any(lower > upper):
        raise ModelError("weight bounds: need min ≤ max, Σ min ≤ 1 and Σ max ≥ 1")
    free = max(free, 0.0)
    accepted: list[np.ndarray] = []
    found = 0
    batch = PILOT_DRAWS
    rate = None
    while found < count:
        candidates = lower + free * sample_uniform_simplex(lower.size, batch, rng)
        keep = candidates[np.all(candidates <= upper + 1e-12, axis=1)]
        accepted.append(keep)
        found += len(keep)
        if rate is None:
            rate = len(keep) / batch
            if rate < MINIMUM_ACCEPTANCE_RATE:
                raise ModelError(
                    f"weight bounds leave too small a share of the simplex to sample "
                    f"(acceptance {rate:.2g}); widen the intervals or fix the weights"
                )
        batch = int((count - found) / rate * 1.1) + 100
    return np.concatenate(accepted)[:count]


def sample_weights(
    distribution: WeightDistribution, criteria: int, count: int, rng: np.random.Generator
) -> np.ndarray:
    """`count` × `criteria` weight draws, each row summing to 1."""
    kind = distribution.kind
    if kind == "fixed":
        fixed = np.asarray(distribution.fixed, dtype=float)
        return np.broadcast_to(fixed / fixed.sum(), (count, criteria)).copy()
    if kind == "uniform":
        return sample_uniform_simplex(criteria, count, rng)
    if kind == "intervals":
        return sample_bounded_simplex(distribution.lower, distribution.upper, count, rng)
    if kind == "dirichlet":
        return rng.dirichlet(np.asarray(distribution.alpha, dtype=float), size=count)
    raise ModelError(f"unknown weight distribution {kind!r}")


def sample_cutting_levels(
    low: float, high: float, count: int, rng: np.random.Generator
) -> np.ndarray:
    """λ uniform on [low, high] (a constant when low = high)."""
    if low == high:
        return np.full(count, float(low))
    return rng.uniform(low, high, size=count)


@dataclass(frozen=True)
class MeasurementUncertainty:
    """Per-criterion errors added to the (oriented, value-transformed) performance table.

    `half_width[j]` > 0: uniform error on [−h, h]; `sd[j]` > 0: normal error N(0, sd²);
    both 0: the criterion is exact. Uniform and normal errors come from two generators so
    that drawing in batches of any size gives the same numbers.
    """

    half_width: np.ndarray
    sd: np.ndarray

    @property
    def active(self) -> bool:
        return bool(np.any(self.half_width > 0) or np.any(self.sd > 0))


class Perturbation:
    """Stream of perturbed copies of a performance table, drawn batch after batch."""

    def __init__(
        self, values: np.ndarray, uncertainty: MeasurementUncertainty, rng: np.random.Generator
    ) -> None:
        self.values = np.asarray(values, dtype=float)
        self.uncertainty = uncertainty
        self._uniform_rng, self._normal_rng = rng.spawn(2)
        self._uniform_columns = np.flatnonzero(uncertainty.half_width > 0)
        self._normal_columns = np.flatnonzero(uncertainty.sd > 0)

    def draw(self, count: int) -> np.ndarray:
        """The next `count` perturbed tables, shape (count, alternatives, criteria)."""
        tables = np.broadcast_to(self.values, (count, *self.values.shape)).copy()
        alternatives = self.values.shape[0]
        if self._uniform_columns.size:
            columns = self._uniform_columns
            noise = self._uniform_rng.uniform(-1.0, 1.0, (count, alternatives, columns.size))
            tables[:, :, columns] += noise * self.uncertainty.half_width[columns]
        if self._normal_columns.size:
            columns = self._normal_columns
            noise = self._normal_rng.standard_normal((count, alternatives, columns.size))
            tables[:, :, columns] += noise * self.uncertainty.sd[columns]
        return tables


# Largest number of array elements one batch of draws may hold (8 MB of float64 each):
# enough to vectorise well, small enough for a web worker.
BATCH_ELEMENTS = 1_000_000
# Multiply-adds per matrix product in one batch. Below about 2¹⁸ OpenBLAS runs a product on one
# thread; above, its threads spin against each other as soon as the machine is busy (measured:
# 5 ms single-threaded against 800 ms threaded for the same SMAA-TRI products on 2 loaded
# cores). Small batches also keep the working set in cache.
PRODUCT_BUDGET = 2**18
MINIMUM_BATCH = 64


def batch_slices(
    total: int,
    elements_per_draw: int,
    batch_size: int | None = None,
    budget: int = BATCH_ELEMENTS,
):
    """Slices cutting `total` draws into batches of `budget` elements (or `batch_size` draws)."""
    if batch_size is None:
        batch_size = max(MINIMUM_BATCH, budget // max(1, elements_per_draw))
    for start in range(0, total, batch_size):
        yield slice(start, min(start + batch_size, total))
