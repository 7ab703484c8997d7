"""The snapshot store: complete snapshots only, atomic LATEST, cleanup on failure."""

import json

import pytest
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.observatory.engine import snapshots as snapshots_module
from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.snapshots import SnapshotError, SnapshotStore


@pytest.fixture(scope="module")
def result(tmp_path_factory, reference_directory):
    inputs = write_hand_built(tmp_path_factory.mktemp("snapshots"))
    return run_engine(
        inputs.values(), reference_directory=reference_directory, stock_date=STOCK_DATE
    )


def test_nothing_published_yet(tmp_path):
    store = SnapshotStore(tmp_path / "store")
    assert store.latest() is None
    assert store.read_indicators(level="france", as_records=True) == []


def test_publish_then_read(result, tmp_path):
    store = SnapshotStore(tmp_path / "store")
    snapshot = store.publish(result)
    assert store.latest() == snapshot
    assert (tmp_path / "store" / "LATEST").read_text().strip() == snapshot.id
    manifest = snapshot.manifest()
    assert manifest["definitions_version"] == "ft-indicators-1"
    assert manifest["stock_date"] == "2020-06-30"
    assert manifest["synthetic"] is False
    assert {entry["name"] for entry in manifest["inputs"]} >= {"ul.csv", "etab.csv"}
    assert all(entry["fingerprint"].startswith("sha256-sample:") for entry in manifest["inputs"])
    assert snapshot.diagnostics()["definitions_version"] == "ft-indicators-1"
    rows = store.read_indicators(level="commune", year=2015, indicator="digital_company_creations",
                                 territory="75056", as_records=True)  # fmt: skip
    assert [(r["territory_name"], r["value"], r["integer_value"]) for r in rows] == [
        ("Paris", 1.0, 1)
    ]
    table = store.read_indicators(level="epci")
    assert set(table.column("territory_level").to_pylist()) == {"epci"}
    assert table.schema.field("year").type == "int32"


def test_a_newer_snapshot_replaces_latest(result, tmp_path):
    store = SnapshotStore(tmp_path / "store")
    first = store.publish(result)
    second = store.publish(result)
    assert first != second
    assert store.latest() == second
    assert first.path.is_dir()  # older snapshots stay readable


def test_failed_publish_leaves_no_temporary_directory(result, tmp_path, monkeypatch):
    store = SnapshotStore(tmp_path / "store")
    previous = store.publish(result)

    def broken(path, document):
        raise OSError("disk full")

    monkeypatch.setattr(snapshots_module, "_write_json", broken)
    with pytest.raises(OSError, match="disk full"):
        store.publish(result)
    assert store.latest() == previous
    assert [p.name for p in (tmp_path / "store" / "snapshots").iterdir()] == [previous.id]
    assert not list((tmp_path / "store").glob("LATEST.*"))


def test_the_store_has_no_directory_of_its_own():
    # The settings and the command line pass it (frenchtech/settings/directories.py).
    with pytest.raises(TypeError):
        SnapshotStore()


def test_a_latest_pointer_to_nothing_is_a_snapshot_error(tmp_path):
    store = SnapshotStore(tmp_path)
    (tmp_path / "LATEST").write_text("20240101T000000Z-gone\n")
    with pytest.raises(SnapshotError, match="20240101T000000Z-gone"):
        store.latest()


def test_a_corrupt_manifest_or_parquet_is_a_snapshot_error(result, tmp_path):
    store = SnapshotStore(tmp_path / "store")
    snapshot = store.publish(result)
    snapshot.indicators_path.write_bytes(b"not parquet")
    with pytest.raises(SnapshotError, match=r"indicators\.parquet"):
        store.read_indicators(level="france")
    (snapshot.path / "manifest.json").write_text("{truncated")
    with pytest.raises(SnapshotError, match=r"manifest\.json"):
        snapshot.manifest()
    (snapshot.path / "manifest.json").unlink()
    with pytest.raises(SnapshotError, match=r"manifest\.json"):
        snapshot.manifest()


def test_diagnostics_are_json(result, tmp_path):
    snapshot = SnapshotStore(tmp_path / "store").publish(result)
    json.loads((snapshot.path / "diagnostics.json").read_text())
