"""Run a parsed model on a performance table: the one entry point screens need.

`evaluate(model, table)` prepares the arrays (value transforms, orientation), calls the
method's array function, and returns an `Evaluation` whose `to_dict()` is the documented
JSON output and `rows()` the CSV output. Pure function: no I/O, no global state; SMAA draws
come from the model's seed.
"""

from dataclasses import dataclass

import numpy as np

from frenchtech.scoring.definitions import Model
from frenchtech.scoring.electre_tri import ElectreTriOutcome, electre_tri_b
from frenchtech.scoring.errors import PerformanceTableError
from frenchtech.scoring.normalise import log1p, per_capita
from frenchtech.scoring.report import build_document, build_rows
from frenchtech.scoring.sampling import (
    Perturbation,
    sample_cutting_levels,
    sample_weights,
)
from frenchtech.scoring.smaa_2 import SmaaTwoOutcome, scale_columns, smaa_2
from frenchtech.scoring.smaa_tri import SmaaTriOutcome, smaa_tri
from frenchtech.scoring.table import PerformanceTable
from frenchtech.scoring.topsis import TopsisOutcome, topsis
from frenchtech.scoring.weighted_sum import WeightedSumOutcome, weighted_sum

Outcome = WeightedSumOutcome | TopsisOutcome | ElectreTriOutcome | SmaaTwoOutcome | SmaaTriOutcome


@dataclass(frozen=True)
class Evaluation:
    """A model, the table it ran on, and the method's outcome (arrays, model order)."""

    model: Model
    table: PerformanceTable
    values: np.ndarray
    outcome: Outcome

    @property
    def method(self) -> str:
        return self.model.method

    @property
    def alternatives(self) -> tuple[str, ...]:
        return self.table.alternatives

    def to_dict(self) -> dict:
        """The JSON output document (see docs/methodology/scoring.md)."""
        return build_document(self)

    def rows(self) -> tuple[list[str], list[list]]:
        """The CSV output: header and one row per alternative."""
        return build_rows(self)


def transformed_values(model: Model, table: PerformanceTable) -> np.ndarray:
    """Criterion values after their value transforms (log1p, per-capita), in model order.

    Errors name the alternative and the criterion (or population column).
    """
    columns = []
    for criterion in model.criteria:
        values = table.column(criterion.id)
        for step in model.value_steps(criterion):
            if step.kind == "log1p":
                bad = np.flatnonzero(values <= -1)
                if bad.size:
                    raise PerformanceTableError(
                        f"alternative {table.alternatives[bad[0]]!r}, criterion "
                        f"{criterion.id!r}: log1p needs a value greater than -1 "
                        f"(got {values[bad[0]]:g})"
                    )
                values = log1p(values)
            else:
                population = table.column(step.population)
                bad = np.flatnonzero(population <= 0)
                if bad.size:
                    raise PerformanceTableError(
                        f"alternative {table.alternatives[bad[0]]!r}, column "
                        f"{step.population!r}: a population must be greater than 0 "
                        f"(got {population[bad[0]]:g})"
                    )
                values = per_capita(values, population, step.per)
        columns.append(values)
    return np.column_stack(columns)


def orient(values: np.ndarray, maximise: np.ndarray) -> np.ndarray:
    """Negate the criteria to minimise, so that more is better everywhere."""
    return np.where(maximise, values, -values)


def evaluate(model: Model, table: PerformanceTable, *, batch_size: int | None = None) -> Evaluation:
    """Score, rank or sort the table's alternatives with the model.

    `batch_size` only bounds the memory of SMAA methods; it never changes their result.
    """
    missing = [name for name in model.required_columns() if name not in table.columns]
    if missing:
        raise PerformanceTableError(f"performance table: no column {missing[0]!r}")
    values = transformed_values(model, table)
    oriented = orient(values, model.maximise)
    scales = [model.scale_step(criterion) for criterion in model.criteria]
    method = model.method
    if method == "weighted-sum":
        outcome = weighted_sum(scale_columns(oriented, scales), model.fixed_weights())
    elif method == "topsis":
        outcome = topsis(scale_columns(oriented, scales), model.fixed_weights())
    elif method == "electre-tri-b":
        outcome = electre_tri_b(
            oriented,
            orient(model.profile_matrix(), model.maximise),
            model.fixed_weights(),
            model.thresholds(),
            model.cutting_level,
            model.rule,
        )
    else:
        outcome = _run_smaa(model, oriented, scales, batch_size)
    return Evaluation(model, table, values, outcome)


def _run_smaa(model: Model, oriented: np.ndarray, scales: list, batch_size: int | None):
    # Independent streams per source of randomness: adding measurement uncertainty to a
    # model does not change its weight draws.
    weight_rng, level_rng, measurement_rng = np.random.default_rng(model.seed).spawn(3)
    criteria = len(model.criteria)
    weights = sample_weights(model.weight_sampling(), criteria, model.samples, weight_rng)
    uncertainty = model.measurement_uncertainty()
    perturbation = (
        Perturbation(oriented, uncertainty, measurement_rng) if uncertainty.active else None
    )
    if model.method == "smaa-2":
        return smaa_2(oriented, scales, weights, perturbation=perturbation, batch_size=batch_size)
    low, high = model.cutting_level_range()
    return smaa_tri(
        oriented,
        orient(model.profile_matrix(), model.maximise),
        model.thresholds(),
        weights,
        sample_cutting_levels(low, high, model.samples, level_rng),
        model.rule,
        perturbation=perturbation,
        batch_size=batch_size,
    )
