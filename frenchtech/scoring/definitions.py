"""The parsed evaluation model: `Model`, `Criterion`, `Profile`, and what they imply.

Build one with `frenchtech.scoring.model.parse_model` (or `load_model`), which validates the
JSON format; the classes here only hold checked values and derive arrays from them.
"""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.electre_tri import Thresholds
from frenchtech.scoring.normalise import NormalisationStep
from frenchtech.scoring.sampling import MeasurementUncertainty, WeightDistribution

METHODS = ("weighted-sum", "topsis", "electre-tri-b", "smaa-2", "smaa-tri")
SORTING_METHODS = ("electre-tri-b", "smaa-tri")
STOCHASTIC_METHODS = ("smaa-2", "smaa-tri")
# Scale step applied when a criterion says nothing about normalisation (ranking methods need
# commensurable criteria; sorting methods compare each criterion with its own thresholds).
DEFAULT_SCALE = {"weighted-sum": "min-max", "topsis": "vector", "smaa-2": "min-max"}
DEFAULT_SAMPLES = 10_000
# Weight and λ draws are held in memory (samples × (criteria + 1) floats): 1 000 000 draws
# of 10 criteria is 88 MB. The per-draw work itself is batched.
MAX_SAMPLES = 1_000_000
DEFAULT_SEED = 0
UNCERTAINTY_SIZES = {"uniform": "half_width", "normal": "sd"}


@dataclass(frozen=True)
class WeightBounds:
    """Bounds of a criterion's weight as a fraction of the total (SMAA only)."""

    min: float
    max: float


@dataclass(frozen=True)
class Uncertainty:
    """Measurement error on one criterion: uniform on [−half_width, half_width] or N(0, sd²)."""

    distribution: str
    size: float

    def to_dict(self) -> dict:
        return {"distribution": self.distribution, UNCERTAINTY_SIZES[self.distribution]: self.size}


@dataclass(frozen=True)
class Criterion:
    """One criterion; `normalisation` holds its steps, the method's default when not given."""

    id: str
    direction: str = "max"
    weight: float | WeightBounds | None = None
    q: float = 0.0
    p: float = 0.0
    v: float | None = None
    normalisation: tuple[NormalisationStep, ...] = ()
    uncertainty: Uncertainty | None = None
    label: str | None = None
    description: str | None = None

    @property
    def maximise(self) -> bool:
        return self.direction == "max"


@dataclass(frozen=True)
class Profile:
    """A reference profile; `values` in the order of the model's criteria."""

    id: str
    values: tuple[float, ...]
    label: str | None = None


@dataclass(frozen=True)
class Model:
    """A validated evaluation model (build it with `parse_model`)."""

    method: str
    criteria: tuple[Criterion, ...]
    name: str | None = None
    description: str | None = None
    profiles: tuple[Profile, ...] = ()
    categories: tuple[str, ...] = ()
    cutting_level: float | tuple[float, float] | None = None
    rule: str = "pessimistic"
    profile_separation: str = "dominance"
    weight_distribution: str | None = None
    dirichlet_alpha: tuple[float, ...] | None = None
    samples: int | None = None
    seed: int | None = None

    @property
    def criterion_ids(self) -> tuple[str, ...]:
        return tuple(criterion.id for criterion in self.criteria)

    @property
    def maximise(self) -> np.ndarray:
        return np.array([criterion.maximise for criterion in self.criteria])

    def steps(self, criterion: Criterion) -> tuple[NormalisationStep, ...]:
        """The normalisation steps applied to a criterion (defaults resolved when parsed)."""
        return criterion.normalisation

    def value_steps(self, criterion: Criterion) -> tuple[NormalisationStep, ...]:
        return tuple(step for step in self.steps(criterion) if not step.is_scale)

    def scale_step(self, criterion: Criterion) -> NormalisationStep | None:
        return next((step for step in self.steps(criterion) if step.is_scale), None)

    def required_columns(self) -> tuple[str, ...]:
        """Criterion columns, then the population columns per-capita steps read."""
        populations = [
            step.population
            for criterion in self.criteria
            for step in self.steps(criterion)
            if step.kind == "per-capita"
        ]
        extra = [name for name in dict.fromkeys(populations) if name not in self.criterion_ids]
        return self.criterion_ids + tuple(extra)

    def fixed_weights(self) -> np.ndarray:
        return np.array([float(criterion.weight) for criterion in self.criteria])

    def weight_sampling(self) -> WeightDistribution:
        """How SMAA draws weights."""
        weights = [criterion.weight for criterion in self.criteria]
        if all(isinstance(weight, WeightBounds) for weight in weights):
            return WeightDistribution(
                "intervals",
                lower=np.array([weight.min for weight in weights]),
                upper=np.array([weight.max for weight in weights]),
            )
        if all(isinstance(weight, int | float) for weight in weights):
            return WeightDistribution("fixed", fixed=self.fixed_weights())
        if self.weight_distribution == "dirichlet":
            return WeightDistribution("dirichlet", alpha=np.array(self.dirichlet_alpha))
        return WeightDistribution("uniform")

    def thresholds(self) -> Thresholds:
        return Thresholds.build(
            [criterion.q for criterion in self.criteria],
            [criterion.p for criterion in self.criteria],
            [criterion.v for criterion in self.criteria],
            self.criterion_ids,
        )

    def profile_matrix(self) -> np.ndarray:
        """Profiles (K × m) in the criteria's own units and directions."""
        return np.array([profile.values for profile in self.profiles], dtype=float)

    def cutting_level_range(self) -> tuple[float, float]:
        if isinstance(self.cutting_level, tuple):
            return self.cutting_level
        return (float(self.cutting_level), float(self.cutting_level))

    def measurement_uncertainty(self) -> MeasurementUncertainty:
        def sizes(distribution: str) -> np.ndarray:
            return np.array(
                [
                    c.uncertainty.size
                    if c.uncertainty and c.uncertainty.distribution == distribution
                    else 0.0
                    for c in self.criteria
                ]
            )

        return MeasurementUncertainty(half_width=sizes("uniform"), sd=sizes("normal"))

    def to_dict(self) -> dict:
        """The model in canonical JSON form (defaults filled in, normalisations resolved)."""
        document: dict = {"method": self.method}
        if self.name is not None:
            document["name"] = self.name
        if self.description is not None:
            document["description"] = self.description
        document["criteria"] = [self._criterion_dict(criterion) for criterion in self.criteria]
        if self.method in SORTING_METHODS:
            document["profiles"] = [self._profile_dict(profile) for profile in self.profiles]
            document["categories"] = list(self.categories)
            level = self.cutting_level
            document["lambda"] = list(level) if isinstance(level, tuple) else level
            document["rule"] = self.rule
            document["profile_separation"] = self.profile_separation
        if self.method in STOCHASTIC_METHODS:
            if self.weight_distribution == "dirichlet":
                document["weights"] = {
                    "distribution": "dirichlet",
                    "alpha": dict(zip(self.criterion_ids, self.dirichlet_alpha, strict=True)),
                }
            elif self.weight_distribution == "uniform":
                document["weights"] = {"distribution": "uniform"}
            document["samples"] = self.samples
            document["seed"] = self.seed
        return document

    def _profile_dict(self, profile: Profile) -> dict:
        entry: dict = {"id": profile.id}
        if profile.label is not None:
            entry["label"] = profile.label
        entry["values"] = dict(zip(self.criterion_ids, profile.values, strict=True))
        return entry

    def _criterion_dict(self, criterion: Criterion) -> dict:
        entry: dict = {"id": criterion.id}
        if criterion.label is not None:
            entry["label"] = criterion.label
        if criterion.description is not None:
            entry["description"] = criterion.description
        entry["direction"] = criterion.direction
        if isinstance(criterion.weight, WeightBounds):
            entry["weight"] = {"min": criterion.weight.min, "max": criterion.weight.max}
        elif criterion.weight is not None:
            entry["weight"] = criterion.weight
        if self.method in SORTING_METHODS:
            entry.update(q=criterion.q, p=criterion.p)
            if criterion.v is not None:
                entry["v"] = criterion.v
        steps = self.steps(criterion)
        entry["normalisation"] = [step.to_dict() for step in steps] if steps else "none"
        if criterion.uncertainty is not None:
            entry["uncertainty"] = criterion.uncertainty.to_dict()
        return entry
