"""Reading the latest published observatory snapshot for the web.

The snapshot store is the engine's (file-based, atomic publishing); this module adds the
territory reference (to rank every territory, not only those with a value) and caches
per snapshot id, so a newly published snapshot is picked up at once.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from frenchtech.observatory.catalogue import CATALOGUE
from frenchtech.observatory.engine.snapshots import Snapshot, SnapshotStore
from frenchtech.observatory.ranking import RankedTerritory, rank_territories
from frenchtech.territories.enums import EpciKind
from frenchtech.territories.models import Departement, Epci, Region

RANKABLE_LEVELS = ("epci", "departement", "region")


@dataclass(frozen=True)
class PublishedSnapshot:
    id: str
    manifest: dict
    diagnostics: dict

    @property
    def synthetic(self) -> bool:
        return bool(self.manifest.get("synthetic"))

    @property
    def stock_date(self) -> str:
        return self.manifest.get("stock_date", "")

    @property
    def stock_year(self) -> int:
        return int(self.stock_date[:4])


def store() -> SnapshotStore:
    return SnapshotStore(settings.OBSERVATORY_DIR)


def latest() -> PublishedSnapshot | None:
    snapshot = store().latest()
    if snapshot is None:
        return None
    return _load(snapshot.id)


@lru_cache(maxsize=4)
def _load(snapshot_id: str) -> PublishedSnapshot:
    # Read this id's own files: LATEST may already point elsewhere.
    snapshot = Snapshot(snapshot_id, store().snapshots_directory / snapshot_id)
    return PublishedSnapshot(snapshot_id, snapshot.manifest(), snapshot.diagnostics())


@lru_cache(maxsize=64)
def _values(snapshot_id: str, level: str, indicator: str, year: int | None, territory: str | None):
    rows = store().read_indicators(
        level=level, indicator=indicator, year=year, territory=territory, as_records=True
    )
    return tuple((row["territory_code"], row["year"], row["value"]) for row in rows)


def years(snapshot: PublishedSnapshot, level: str, indicator: str) -> list[int]:
    return sorted(
        {year for _code, year, _value in _values(snapshot.id, level, indicator, None, None)}
    )


def default_year(snapshot: PublishedSnapshot, available: list[int]) -> int | None:
    """The last complete year: the stock's year is only partly observed."""
    complete = [year for year in available if year < snapshot.stock_year]
    if complete:
        return complete[-1]
    return available[-1] if available else None


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
    """Every territory of `level` with its value, rank and percentile (also among métropoles).

    Pass `territories` (from `territories_of`) when ranking several indicators at once.
    """
    values = {
        code: value for code, _year, value in _values(snapshot.id, level, indicator, year, None)
    }
    fill = 0.0 if CATALOGUE[indicator].missing_means_zero else None
    if territories is None:
        territories = territories_of(level)
    ranked = [
        RankedTerritory(code, name, values.get(code, fill), is_metropole=is_metropole)
        for code, name, is_metropole in territories
    ]
    return rank_territories(ranked)


@lru_cache(maxsize=64)
def _territory_rows(snapshot_id: str, level: str, code: str):
    rows = store().read_indicators(level=level, territory=code, as_records=True)
    return tuple((row["indicator"], row["year"], row["value"]) for row in rows)


def series(
    snapshot: PublishedSnapshot, level: str, code: str
) -> dict[str, list[tuple[int, float]]]:
    """indicator → [(year, value)] for one territory, years ascending (one read)."""
    result = {name: [] for name in CATALOGUE}
    for name, year, value in _territory_rows(snapshot.id, level, code):
        if name in result:
            result[name].append((year, value))
    return {name: sorted(points) for name, points in result.items()}
