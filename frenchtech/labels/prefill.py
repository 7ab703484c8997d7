"""Figures of a yearly report pre-filled from the observatory's latest published snapshot.

Read once, when the report is opened, and frozen in the report with their source and
date: a later snapshot does not change what the ecosystem reported on. The figures, their
year (the programme year) and the handling of a broken store are the observatory's
(`frenchtech/observatory/published.py`): no snapshot, or a broken store, gives empty
figures, so an ecosystem is never blocked by the observatory.
"""

from dataclasses import dataclass

from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE

# The observatory's indicators a labelled ecosystem reports on each year.
REPORT_INDICATORS = (
    "digital_company_creations",
    "digital_creations_per_100k",
    "digital_active_companies",
    "digital_employer_companies",
    "digital_scaleups",
    "funds_raised_eur",
    "funding_rounds",
    "accelerated_startups",
)


@dataclass(frozen=True)
class PrefilledFigure:
    indicator: str
    value: float | None
    year: int | None
    source: str
    source_date: str


def indicator_label(name: str) -> str:
    info = CATALOGUE.get(name)
    return str(info.label) if info else name


def observatory_figures(epci_code: str) -> list[PrefilledFigure]:
    found = published.territory_figures("epci", epci_code)
    snapshot = found.snapshot
    if snapshot is None:
        return [PrefilledFigure(name, None, None, "", "") for name in REPORT_INDICATORS]
    return [
        PrefilledFigure(
            name,
            found.figures[name].value,
            found.figures[name].year,
            snapshot.source,
            snapshot.stock_date,
        )
        for name in REPORT_INDICATORS
    ]
