"""The snapshot store: complete snapshots only, atomic LATEST, cleanup on failure."""

import json

import pytest
from hand_built import STOCK_DATE, write_hand_built

from frenchtech.observatory.engine import snapshots as snapshots_module
from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.snapshots import SnapshotStore


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


def test_store_directory_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FRENCHTECH_OBSERVATORY_DIR", str(tmp_path / "configured"))
    assert SnapshotStore().directory == tmp_path / "configured"
    monkeypatch.delenv("FRENCHTECH_OBSERVATORY_DIR")
    monkeypatch.chdir(tmp_path)
    assert SnapshotStore().directory == tmp_path / "var" / "observatory"


def test_diagnostics_are_json(result, tmp_path):
    snapshot = SnapshotStore(tmp_path / "store").publish(result)
    json.loads((snapshot.path / "diagnostics.json").read_text())
