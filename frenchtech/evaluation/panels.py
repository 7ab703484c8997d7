"""The EPCI × year panel of one indicator, from the latest published snapshot and the
labels' history (the rules are the engine's `snapshot_panel`; docs/methodology/evaluation.md).

Units: the pool's EPCI and every labelled EPCI. A label granted after the panel's last
year leaves its EPCI among the comparison units (not labelled yet within the panel).
"""

from dataclasses import dataclass, field

from frenchtech.evaluation.engine import Panel
from frenchtech.evaluation.engine.panel import scale_of, snapshot_panel
from frenchtech.evaluation.history import LabelledEpci
from frenchtech.evaluation.pools import Pool
from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.territories.models import Epci


@dataclass(frozen=True)
class Territory:
    code: str
    name: str
    kind: str
    population: int


@dataclass
class BuiltPanel:
    panel: Panel
    scale: str
    territories: dict[str, Territory]
    labelled_after: list[str] = field(default_factory=list)  # labelled after the panel
    outside_pool: list[str] = field(default_factory=list)  # labelled, not of the pool


def territories() -> dict[str, Territory]:
    """Every EPCI (one query)."""
    return {
        code: Territory(code, name, kind, population)
        for code, name, kind, population in Epci.objects.values_list(
            "code", "name", "kind", "population"
        )
    }


def indicator_rows(snapshot, indicator: str) -> list[tuple[str, int, float]]:
    records = published.store().read_indicators(level="epci", indicator=indicator, as_records=True)
    return [(r["territory_code"], r["year"], r["value"]) for r in records]


def build(
    snapshot,
    indicator: str,
    pool: Pool,
    history: dict[str, LabelledEpci],
    epci: dict[str, Territory],
) -> BuiltPanel:
    """The validated panel; raises EvaluationInputError when it cannot be evaluated."""
    in_pool = [
        code for code, t in epci.items() if t.kind in pool.kinds and t.population >= pool.floor
    ]
    labelled = [code for code in history if code in epci]
    units = sorted(set(in_pool) | set(labelled))
    kind = CATALOGUE[indicator].kind
    panel, after = snapshot_panel(
        indicator_rows(snapshot, indicator),
        units,
        {code: history[code].group for code in labelled},
        stock_year=snapshot.stock_day.year,
        kind=kind,
    )
    return BuiltPanel(
        panel,
        scale_of(kind),
        {code: epci[code] for code in units},
        labelled_after=after,
        outside_pool=sorted(set(labelled) - set(in_pool)),
    )
