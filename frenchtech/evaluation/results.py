"""The evaluation of an indicator on the latest published snapshot, cached.

Results change only when a snapshot or a label is published: the cache key is the
snapshot id, a fingerprint of the labels' rows, the indicator, the pool and the method's
version (Django's cache, without expiry). A page costs one query (the labels) when cached.
"""

from dataclasses import dataclass, field

from django.core.cache import cache

from frenchtech.evaluation import panels
from frenchtech.evaluation.engine import (
    METHOD_VERSION,
    Evaluation,
    EvaluationInputError,
    Settings,
    evaluate,
)
from frenchtech.evaluation.history import LabelledEpci, label_history
from frenchtech.evaluation.messages import explain
from frenchtech.evaluation.pools import DEFAULT_POOL, POOLS
from frenchtech.observatory import published

DRAWS = 999
SEED = 2014


@dataclass
class Outcome:
    """An evaluation, or why there is none (`error`: one translated sentence)."""

    indicator: str
    pool: str
    snapshot: object = None
    evaluation: Evaluation | None = None
    error_code: str = ""
    error_details: dict = field(default_factory=dict)
    territories: dict = field(default_factory=dict)
    history: dict[str, LabelledEpci] = field(default_factory=dict)
    labelled_after: list[str] = field(default_factory=list)
    outside_pool: list[str] = field(default_factory=list)

    def name(self, code: str) -> str:
        territory = self.territories.get(code)
        return territory.name if territory else code

    @property
    def error(self) -> str:
        """Why there is no evaluation, in the active language ("" when there is one)."""
        if not self.error_code:
            return ""
        names = {code: territory.name for code, territory in self.territories.items()}
        return explain(self.error_code, self.error_details, names)


def evaluation_for(indicator: str, pool: str = DEFAULT_POOL, *, draws: int = DRAWS) -> Outcome:
    """The cached evaluation of `indicator` (a catalogue name) with `pool`."""
    snapshot = published.latest()
    if snapshot is None:
        return Outcome(indicator, pool, error_code="no_snapshot")
    history, fingerprint = label_history()
    key = f"evaluation:{METHOD_VERSION}:{snapshot.id}:{fingerprint}:{indicator}:{pool}:{draws}"
    outcome = cache.get(key)
    if outcome is None:
        outcome = _compute(snapshot, indicator, POOLS[pool], history, draws)
        cache.set(key, outcome, None)
    return outcome


def _compute(snapshot, indicator, pool, history, draws) -> Outcome:
    epci = panels.territories()
    outcome = Outcome(indicator, pool.name, snapshot, history=history)
    try:
        built = panels.build(snapshot, indicator, pool, history, epci)
    except EvaluationInputError as error:
        return _failed(outcome, error, epci)
    outcome.territories = built.territories
    outcome.labelled_after = built.labelled_after
    outcome.outside_pool = built.outside_pool
    settings = Settings(scale=built.scale, draws=draws, seed=SEED)
    try:
        outcome.evaluation = evaluate(built.panel, settings)
    except EvaluationInputError as error:
        return _failed(outcome, error, epci)
    return outcome


def _failed(outcome: Outcome, error: EvaluationInputError, epci: dict) -> Outcome:
    outcome.error_code = error.code
    outcome.error_details = error.details
    named = {error.details.get("unit"), *outcome.history}
    if not outcome.territories:
        outcome.territories = {code: epci[code] for code in named if code in epci}
    return outcome
