"""Figures of a yearly report pre-filled from the observatory's latest published snapshot.

Read once, when the report is opened, and frozen in the report with their source and
date: a later snapshot does not change what the ecosystem reported on. No snapshot, or a
broken store, gives empty figures: an ecosystem is never blocked by the observatory.
"""

import logging
from dataclasses import dataclass

from frenchtech.observatory import published
from frenchtech.observatory.catalogue import CATALOGUE

logger = logging.getLogger(__name__)

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


def _source(snapshot) -> str:
    source = f"Observatoire French Tech — instantané {snapshot.id}"
    return source + (" (données synthétiques)" if snapshot.synthetic else "")


def observatory_figures(epci_code: str) -> list[PrefilledFigure]:
    try:
        snapshot = published.latest()
        series = published.series(snapshot, "epci", epci_code) if snapshot else {}
    except Exception:  # the observatory must never block a report
        logger.exception("observatory unavailable for EPCI %s", epci_code)
        snapshot, series = None, {}
    if snapshot is None:
        return [PrefilledFigure(name, None, None, "", "") for name in REPORT_INDICATORS]
    figures = []
    for name in REPORT_INDICATORS:
        points = dict(series.get(name, []))
        # The last complete year, as the observatory's own pages show it.
        year = published.default_year(snapshot, sorted(points))
        value = points.get(year) if year is not None else None
        figures.append(
            PrefilledFigure(
                name,
                value,
                year if value is not None else None,
                _source(snapshot),
                snapshot.stock_date[:10],
            )
        )
    return figures
