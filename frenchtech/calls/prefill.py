"""Pre-fills an application's quantitative fields from the observatory's latest snapshot.

The store is passed in (anything with `latest()` and `read_indicators(...)`, see
`observatory/engine/snapshots.py`), so tests give a small fake and production the real
file-based store. Any failure of the store degrades to "no observatory figure yet":
an applicant is never blocked because the observatory is not published or broken.
"""

import logging
from dataclasses import asdict, dataclass

from frenchtech.calls.sections import INDICATORS

logger = logging.getLogger(__name__)

SOURCE_LABEL = "Observatoire French Tech"


@dataclass(frozen=True)
class ObservatoryFigure:
    value: float | None
    year: int | None
    source: str
    date: str  # ISO date of the snapshot's data (stock date), else its creation

    def as_json(self) -> dict:
        return asdict(self)


def default_store():
    from frenchtech.observatory.engine.snapshots import SnapshotStore

    return SnapshotStore()


def observatory_figures(epci_code: str, store=None) -> dict[str, dict | None]:
    """{indicator: figure as JSON, or None when the observatory has no figure for it}."""
    empty = dict.fromkeys(INDICATORS)
    try:
        store = store if store is not None else default_store()
        snapshot = store.latest()
        if snapshot is None:
            return empty
        manifest = snapshot.manifest()
        rows = store.read_indicators(level="epci", territory=epci_code, as_records=True)
    except Exception:  # the observatory must never break an application
        logger.exception("observatory unavailable for EPCI %s", epci_code)
        return empty
    source = f"{SOURCE_LABEL} — instantané {snapshot.id}"
    if manifest.get("synthetic"):
        source += " (données synthétiques)"
    date = str(manifest.get("stock_date") or manifest.get("created_at", ""))[:10]
    latest_rows = {}
    for row in rows:
        indicator = row.get("indicator")
        if indicator not in INDICATORS or row.get("value") is None:
            continue
        if indicator not in latest_rows or row["year"] > latest_rows[indicator]["year"]:
            latest_rows[indicator] = row
    figures = dict(empty)
    for indicator, row in latest_rows.items():
        value = row["value"]
        if float(value).is_integer():
            value = int(value)
        figures[indicator] = ObservatoryFigure(value, int(row["year"]), source, date).as_json()
    return figures
