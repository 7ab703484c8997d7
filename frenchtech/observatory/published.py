"""The Django side's one entry to the observatory's published figures.

Every Django reader goes through this module: the calls' pre-fill, the committee's
performance table, the labels' yearly reports, the public observatory and label pages,
the API and the demo. It reads the engine's file-based store (atomic publishing) in the
directory the settings name (`OBSERVATORY_DIR`), adds the territory reference (to rank
every territory, not only those with a value) and caches per store and snapshot id, so a
newly published snapshot is picked up at once.

**Which year a figure is** (docs/methodology/indicators.md, "Which year a figure is"): a
figure of the programme is the indicator's value in its *programme year*, the latest year
that is both complete (it ended on or before the snapshot's stock date) and published for
that indicator; the same year for every territory. The indicators measured at the stock
date (active companies, employers, scale-ups) have only the stock's year, which they
carry. A territory without a row that year has 0 for a count or an amount (a row exists
only where a value exists) and no figure for a ratio. Only pages that draw a time series
show the stock's partial year, as one point of the series.

**When the store is broken** (a missing or corrupt file: the engine's `SnapshotError`),
the reader logs an ERROR naming what is broken, for the operators' alerting, and gets no
figures: an applicant or a visitor is never blocked. Any other error is a bug and raises.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.observatory.engine.snapshots import Snapshot, SnapshotError, SnapshotStore
from frenchtech.observatory.ranking import RankedTerritory, rank_territories
from frenchtech.territories.enums import EpciKind
from frenchtech.territories.models import Departement, Epci, Region

logger = logging.getLogger(__name__)

RANKABLE_LEVELS = ("epci", "departement", "region")


@dataclass(frozen=True)
class PublishedSnapshot:
    id: str
    manifest: dict
    stock_day: dt.date

    @property
    def synthetic(self) -> bool:
        return bool(self.manifest.get("synthetic"))

    @property
    def stock_date(self) -> str:
        return self.stock_day.isoformat()

    @property
    def last_complete_year(self) -> int:
        """The last calendar year that ended on or before the stock date."""
        ends_a_year = (self.stock_day.month, self.stock_day.day) == (12, 31)
        return self.stock_day.year if ends_a_year else self.stock_day.year - 1

    @property
    def source(self) -> str:
        """How a copied figure names where it comes from (kept with the figure)."""
        source = f"Observatoire French Tech — instantané {self.id}"
        return source + (" (données synthétiques)" if self.synthetic else "")


@dataclass(frozen=True)
class Figure:
    """One indicator of one territory in its programme year; value None: no figure."""

    indicator: str
    value: float | None
    year: int | None


@dataclass(frozen=True)
class TerritoryFigures:
    """A territory's figures in one snapshot (`snapshot` None: nothing readable)."""

    snapshot: PublishedSnapshot | None
    figures: dict[str, Figure]
    series: dict[str, list[tuple[int, float]]]


def store() -> SnapshotStore:
    """The store the settings name; the command line resolves the same directory."""
    return SnapshotStore(settings.OBSERVATORY_DIR)


def _alert(error: SnapshotError) -> None:
    logger.error("Observatory store broken, no figures are served: %s", error)


def latest(snapshot_store=None) -> PublishedSnapshot | None:
    """The latest published snapshot; None when nothing is published or the store is broken.

    `snapshot_store` replaces the settings' store (anything with the `latest()` and
    `read_indicators(...)` of the engine's `SnapshotStore`); it is read without caching."""
    try:
        if snapshot_store is not None:
            snapshot = snapshot_store.latest()
            return None if snapshot is None else _published(snapshot.id, snapshot.manifest())
        snapshot = store().latest()
        return None if snapshot is None else _load(str(settings.OBSERVATORY_DIR), snapshot.id)
    except SnapshotError as error:
        _alert(error)
        return None


@lru_cache(maxsize=4)
def _load(directory: str, snapshot_id: str) -> PublishedSnapshot:
    # Read this id's own files: LATEST may already point elsewhere.
    path = SnapshotStore(directory).snapshots_directory / snapshot_id
    return _published(snapshot_id, Snapshot(snapshot_id, path).manifest())


def _published(snapshot_id: str, manifest: dict) -> PublishedSnapshot:
    try:
        stock_day = dt.date.fromisoformat(str(manifest["stock_date"])[:10])
    except (KeyError, TypeError, ValueError) as error:  # TypeError: not a JSON object
        raise SnapshotError(f"snapshot {snapshot_id}: no valid stock_date ({error})") from error
    return PublishedSnapshot(snapshot_id, manifest, stock_day)


# --- the year rule ----------------------------------------------------------------------
def _years_by_indicator(france_rows) -> dict[str, tuple[int, ...]]:
    # France holds a row wherever any territory does (unmapped codes count there too).
    found = {}
    for row in france_rows:
        found.setdefault(row["indicator"], set()).add(row["year"])
    return {name: tuple(sorted(values)) for name, values in found.items()}


@lru_cache(maxsize=8)
def _published_years(directory: str, snapshot_id: str) -> dict[str, tuple[int, ...]]:
    rows = SnapshotStore(directory).read_indicators(level="france", as_records=True)
    return _years_by_indicator(rows)


def _programme_year(snapshot, indicator: str, published_years: dict) -> int | None:
    if CATALOGUE[indicator].measured_at_stock_date:
        wanted = [y for y in published_years.get(indicator, ()) if y == snapshot.stock_day.year]
    else:
        wanted = [y for y in published_years.get(indicator, ()) if y <= snapshot.last_complete_year]
    return wanted[-1] if wanted else None


def programme_year(snapshot: PublishedSnapshot, indicator: str) -> int | None:
    """The year a figure of the programme is for `indicator` (see this module's docstring);
    None when the snapshot has no such year or the store is broken."""
    try:
        published_years = _published_years(str(settings.OBSERVATORY_DIR), snapshot.id)
    except SnapshotError as error:
        _alert(error)
        return None
    return _programme_year(snapshot, indicator, published_years)


# --- one territory ----------------------------------------------------------------------
def territory_figures(level: str, code: str, snapshot_store=None) -> TerritoryFigures:
    """Every indicator's figure of one territory in its programme year, and its series.

    `snapshot_store` as in `latest()`."""
    empty = TerritoryFigures(None, {name: Figure(name, None, None) for name in CATALOGUE}, {})
    snapshot = latest(snapshot_store)
    if snapshot is None:
        return empty
    try:
        if snapshot_store is None:
            directory = str(settings.OBSERVATORY_DIR)
            rows = _territory_rows(directory, snapshot.id, level, code)
            published_years = _published_years(directory, snapshot.id)
        else:
            rows = _projected(snapshot_store.read_indicators(
                level=level, territory=code, as_records=True
            ))  # fmt: skip
            published_years = _years_by_indicator(
                snapshot_store.read_indicators(level="france", as_records=True)
            )
    except SnapshotError as error:
        _alert(error)
        return empty
    all_series = _series_of(rows)
    figures = {}
    for name, info in CATALOGUE.items():
        year = _programme_year(snapshot, name, published_years)
        value = dict(all_series[name]).get(year) if year is not None else None
        if value is None and year is not None and info.missing_means_zero:
            value = 0.0  # a row exists only where a value exists
        figures[name] = Figure(name, value, year if value is not None else None)
    return TerritoryFigures(snapshot, figures, all_series)


def _projected(rows) -> tuple[tuple[str, int, float], ...]:
    return tuple((row["indicator"], row["year"], row["value"]) for row in rows)


@lru_cache(maxsize=64)
def _territory_rows(directory: str, snapshot_id: str, level: str, code: str):
    rows = SnapshotStore(directory).read_indicators(level=level, territory=code, as_records=True)
    return _projected(rows)


def _series_of(rows) -> dict[str, list[tuple[int, float]]]:
    result = {name: [] for name in CATALOGUE}
    for name, year, value in rows:
        if name in result:
            result[name].append((year, value))
    return {name: sorted(points) for name, points in result.items()}


# --- rankings and rows, for the public pages and the API (the settings' store) -----------
@lru_cache(maxsize=64)
def _values(directory: str, snapshot_id: str, level: str, indicator: str, year: int | None):
    rows = SnapshotStore(directory).read_indicators(
        level=level, indicator=indicator, year=year, as_records=True
    )
    return tuple((row["territory_code"], row["year"], row["value"]) for row in rows)


def _values_or_alert(snapshot, level, indicator, year) -> tuple | None:
    try:
        return _values(str(settings.OBSERVATORY_DIR), snapshot.id, level, indicator, year)
    except SnapshotError as error:
        _alert(error)
        return None


def years(snapshot: PublishedSnapshot, level: str, indicator: str) -> list[int]:
    """Every year `indicator` has at `level`, the stock's partial year included (for pages
    that let the visitor choose a year); empty when the store is broken."""
    values = _values_or_alert(snapshot, level, indicator, None) or ()
    return sorted({year for _code, year, _value in values})


def indicator_rows(**filters) -> list[dict]:
    """Rows of the latest snapshot matching `filters` (level, indicator, year, territory;
    None: any), as dicts, for exports over years; empty when the store is broken."""
    try:
        return store().read_indicators(as_records=True, **filters)
    except SnapshotError as error:
        _alert(error)
        return []


def territories_of(level: str) -> list[tuple[str, str, bool]]:
    """(code, name, is_metropole) of every territory of a rankable level: one query."""
    if level == "epci":
        return [
            (code, name, kind == EpciKind.METROPOLE)
            for code, name, kind in Epci.objects.values_list("code", "name", "kind")
        ]
    model = {"departement": Departement, "region": Region}[level]
    return [(code, name, False) for code, name in model.objects.values_list("code", "name")]


def ranking(
    snapshot: PublishedSnapshot,
    level: str,
    indicator: str,
    year: int,
    territories: list[tuple[str, str, bool]] | None = None,
) -> list[RankedTerritory]:
    """Every territory of `level` with its value, rank and percentile (also among métropoles);
    empty when the store is broken.

    Pass `territories` (from `territories_of`) when ranking several indicators at once.
    """
    found = _values_or_alert(snapshot, level, indicator, year)
    if found is None:
        return []
    values = {code: value for code, _year, value in found}
    fill = 0.0 if CATALOGUE[indicator].missing_means_zero else None
    if territories is None:
        territories = territories_of(level)
    ranked = [
        RankedTerritory(code, name, values.get(code, fill), is_metropole=is_metropole)
        for code, name, is_metropole in territories
    ]
    return rank_territories(ranked)
