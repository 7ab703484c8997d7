import pytest
from django.conf import settings

from frenchtech.observatory.engine.compute import run_engine
from frenchtech.observatory.engine.generator import generate_registry
from frenchtech.observatory.engine.snapshots import SnapshotStore


@pytest.fixture(scope="session")
def published_store(tmp_path_factory):
    """A store holding one snapshot computed from a small synthetic registry."""
    directory = tmp_path_factory.mktemp("observatory")
    registry = generate_registry(
        directory / "registry",
        companies=20_000,
        seed=7,
        file_format="parquet",
        reference_directory=settings.TERRITORY_REFERENCE_DIR,
    )
    store = SnapshotStore(directory / "store")
    store.publish(
        run_engine(registry.paths(), reference_directory=settings.TERRITORY_REFERENCE_DIR)
    )
    return store


@pytest.fixture
def observatory(settings, published_store):
    settings.OBSERVATORY_DIR = published_store.directory
    return published_store
