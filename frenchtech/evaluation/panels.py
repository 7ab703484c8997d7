"""The EPCI × year panel of one indicator, from the latest published snapshot and the
labels' history (docs/methodology/evaluation.md, "The panel").

Years: from FIRST_YEAR (NAF rév. 2, which defines the digital sector, is in force from
2008) to the last complete year before the stock date (the stock's own year is only
partly observed); an indicator published for fewer years is cut to its own years.
Units: the pool's EPCI and every labelled EPCI. A label granted after the panel's last
year leaves its EPCI among the comparison units (not labelled yet within the panel).
"""

from dataclasses import dataclass, field

from frenchtech.evaluation.engine import Panel, build_panel
from frenchtech.evaluation.history import LabelledEpci
from frenchtech.evaluation.pools import Pool
from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.territories.models import Epci

FIRST_YEAR = 2008


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


def scale_of(indicator: str) -> str:
    """Counts and amounts: proportional effects (they grow multiplicatively and have
    zeros); ratios and shares: effects in their own unit."""
    return "relative" if CATALOGUE[indicator].kind in {"count", "amount"} else "level"


def territories() -> dict[str, Territory]:
    """Every EPCI (one query)."""
    return {
        code: Territory(code, name, kind, population)
        for code, name, kind, population in Epci.objects.values_list(
            "code", "name", "kind", "population"
        )
    }


def years_of(snapshot, rows) -> tuple[int | None, int | None]:
    """The panel's span for these rows: FIRST_YEAR (or later) to the last complete year."""
    seen = sorted({year for _code, year, _value in rows if year < snapshot.stock_year})
    if not seen:
        return None, None
    return max(FIRST_YEAR, seen[0]), seen[-1]


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
    wanted = set(in_pool) | set(labelled)
    rows = [row for row in indicator_rows(snapshot, indicator) if row[0] in wanted]
    first, last = years_of(snapshot, rows)
    if first is None:  # observed at the stock date only, or not at all
        first = last = snapshot.stock_year
    groups = {code: history[code].group for code in labelled if history[code].group <= last}
    units = sorted(wanted)
    scale = scale_of(indicator)
    panel = build_panel(
        rows,
        units,
        groups,
        first_year=first,
        last_year=last,
        missing_means_zero=CATALOGUE[indicator].missing_means_zero,
        scale=scale,
    )
    return BuiltPanel(
        panel,
        scale,
        {code: epci[code] for code in units},
        labelled_after=sorted(code for code in labelled if code not in groups),
        outside_pool=sorted(set(labelled) - set(in_pool)),
    )
