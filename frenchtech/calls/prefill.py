"""Pre-fills an application's quantitative fields from the observatory.

The figures, their year (the programme year) and the handling of a broken store are the
observatory's (`frenchtech/observatory/published.py`): no snapshot, or a broken store,
gives "no observatory figure yet", so an applicant is never blocked. `store` replaces the
settings' store (tests pass a small fake).
"""

from dataclasses import asdict, dataclass

from frenchtech.calls.sections import INDICATORS
from frenchtech.observatory import published


@dataclass(frozen=True)
class ObservatoryFigure:
    value: float | None
    year: int | None
    source: str
    date: str  # ISO date of the snapshot's data (its stock date)

    def as_json(self) -> dict:
        return asdict(self)


def observatory_figures(epci_code: str, store=None) -> dict[str, dict | None]:
    """{indicator: figure as JSON, or None when the observatory has no figure for it}."""
    found = published.territory_figures("epci", epci_code, snapshot_store=store)
    figures = dict.fromkeys(INDICATORS)
    if found.snapshot is None:
        return figures
    for indicator in INDICATORS:
        figure = found.figures.get(indicator)
        if figure is None or figure.value is None:
            continue
        value = int(figure.value) if float(figure.value).is_integer() else figure.value
        figures[indicator] = ObservatoryFigure(
            value, figure.year, found.snapshot.source, found.snapshot.stock_date
        ).as_json()
    return figures
