"""The file-based snapshot store the web application reads (no Django, no server).

Layout under the store directory (always given by the caller: the settings'
`OBSERVATORY_DIR`, or the command line's `--store`, both resolved by
`frenchtech/settings/directories.py`):

    snapshots/<id>/indicators.parquet   long form + typed columns
    snapshots/<id>/diagnostics.json
    snapshots/<id>/manifest.json        inputs, stock date, definitions version, created_at
    LATEST                              the id of the snapshot to serve

A run writes `snapshots/<id>.tmp/`, fsyncs it, renames it to `snapshots/<id>/`, then
replaces LATEST atomically (os.replace). Readers resolve LATEST once and read a complete
directory, so they never see a half-written snapshot; a failed run removes its `.tmp`
directory and the previous snapshot keeps serving.

Reading a published snapshot that is missing or corrupt raises `SnapshotError`, the only
error readers need to catch.
"""

import datetime as dt
import json
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from frenchtech.observatory.engine.run_steps import EngineResult
from frenchtech.observatory.engine.schema import DEFINITIONS_VERSION
from frenchtech.observatory.engine.sources import fingerprint

LATEST_POINTER = "LATEST"
TEMPORARY_SUFFIX = ".tmp"


class SnapshotError(Exception):
    """The published snapshot cannot be read: a missing or corrupt file of the store."""


@dataclass(frozen=True)
class Snapshot:
    """One published snapshot."""

    id: str
    path: Path

    @property
    def indicators_path(self) -> Path:
        return self.path / "indicators.parquet"

    def manifest(self) -> dict:
        return _read_json(self.path / "manifest.json")

    def diagnostics(self) -> dict:
        return _read_json(self.path / "diagnostics.json")


class SnapshotStore:
    """Publishes and reads indicator snapshots in `directory`; creates what it needs."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.snapshots_directory = self.directory / "snapshots"

    def work_directory(self) -> Path:
        """Scratch space for runs (DuckDB spill files, extracted zips)."""
        path = self.directory / "work"
        path.mkdir(parents=True, exist_ok=True)
        return path

    # --- writing ------------------------------------------------------------------------
    def publish(self, result: EngineResult) -> Snapshot:
        """Write `result` as a new snapshot and make it the latest, atomically."""
        self.snapshots_directory.mkdir(parents=True, exist_ok=True)
        created_at = dt.datetime.now(dt.UTC)
        snapshot_id = f"{created_at:%Y%m%dT%H%M%S}Z-{secrets.token_hex(3)}"
        temporary = self.snapshots_directory / f"{snapshot_id}{TEMPORARY_SUFFIX}"
        final = self.snapshots_directory / snapshot_id
        try:
            temporary.mkdir()
            table = result.indicators.replace_schema_metadata(
                {
                    "definitions_version": DEFINITIONS_VERSION,
                    "synthetic": "true" if result.synthetic else "false",
                    "stock_date": result.stock_date.isoformat(),
                }
            )
            pq.write_table(table, temporary / "indicators.parquet", compression="zstd")
            _write_json(temporary / "diagnostics.json", result.diagnostics)
            _write_json(temporary / "manifest.json", _manifest(snapshot_id, created_at, result))
            for name in ("indicators.parquet", "diagnostics.json", "manifest.json"):
                _fsync_file(temporary / name)
            _fsync_directory(temporary)
            os.rename(temporary, final)
            _fsync_directory(self.snapshots_directory)
            self._point_latest_to(snapshot_id)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        return Snapshot(snapshot_id, final)

    def _point_latest_to(self, snapshot_id: str) -> None:
        pointer = self.directory / LATEST_POINTER
        staged = self.directory / f"{LATEST_POINTER}.{snapshot_id}{TEMPORARY_SUFFIX}"
        try:
            with staged.open("w", encoding="utf-8") as handle:
                handle.write(snapshot_id + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(staged, pointer)
        finally:
            staged.unlink(missing_ok=True)
        _fsync_directory(self.directory)

    # --- reading ------------------------------------------------------------------------
    def latest(self) -> Snapshot | None:
        """The snapshot LATEST points to, or None when nothing was published yet.

        Raises `SnapshotError` when LATEST is unreadable or names no snapshot directory."""
        pointer = self.directory / LATEST_POINTER
        try:
            snapshot_id = pointer.read_text("utf-8").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as error:
            raise SnapshotError(f"{pointer}: {error}") from error
        path = self.snapshots_directory / snapshot_id
        if not snapshot_id or not path.is_dir():
            raise SnapshotError(f"{pointer} names {snapshot_id!r}, which is not in {path.parent}")
        return Snapshot(snapshot_id, path)

    def read_indicators(
        self,
        *,
        level: str | None = None,
        year: int | None = None,
        indicator: str | None = None,
        territory: str | None = None,
        as_records: bool = False,
    ) -> pa.Table | list[dict]:
        """Rows of the latest snapshot matching the given filters (all when None), as an
        Arrow table, or a list of dicts with `as_records`. Empty when nothing is published."""
        snapshot = self.latest()
        if snapshot is None:
            return [] if as_records else pa.table({})
        filters = {
            "territory_level": level,
            "year": year,
            "indicator": indicator,
            "territory_code": territory,
        }
        conditions = [f"{column} = ?" for column, value in filters.items() if value is not None]
        parameters = [value for value in filters.values() if value is not None]
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        try:
            with duckdb.connect() as connection:
                table = connection.sql(
                    f"SELECT * FROM read_parquet(?) {where}",  # noqa: S608
                    params=[str(snapshot.indicators_path), *parameters],
                ).to_arrow_table()
        except duckdb.Error as error:
            raise SnapshotError(f"{snapshot.indicators_path}: {error}") from error
        return table.to_pylist() if as_records else table


def _manifest(snapshot_id: str, created_at: dt.datetime, result: EngineResult) -> dict:
    return {
        "id": snapshot_id,
        "created_at": created_at.isoformat(),
        "definitions_version": DEFINITIONS_VERSION,
        "stock_date": result.stock_date.isoformat(),
        "synthetic": result.synthetic,
        "rows": result.indicators.num_rows,
        "inputs": [
            {
                "name": source.name,
                "kind": source.kind,
                "format": source.format,
                "size_bytes": source.size_bytes,
                "fingerprint": fingerprint(source.path),
            }
            for source in result.sources
        ],
    }


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:  # ValueError: invalid JSON or UTF-8
        raise SnapshotError(f"{path}: {error}") from error


def _write_json(path: Path, document: dict) -> None:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
