"""A published snapshot with a planted effect, and the labels that match it."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache

from frenchtech.accounts.enums import Role
from frenchtech.labels import actions
from frenchtech.labels.enums import AuditOutcome
from tests.calls.factories import consortium
from tests.factories import UserWithRoleFactory
from tests.labels.conftest import make_label

BORDEAUX, NANTES, LYON = "243300316", "244400404", "200046977"
PLANTED_SHARE = 0.5


@pytest.fixture(scope="session")
def planted_store(tmp_path_factory):
    """A snapshot of a synthetic registry where Bordeaux and Nantes (labelled in 2015)
    got +50 % digital creations from 2015 on."""
    from frenchtech.observatory.engine.compute import run_engine
    from frenchtech.observatory.engine.generator import PlantedEffect, generate_registry
    from frenchtech.observatory.engine.snapshots import SnapshotStore

    directory = tmp_path_factory.mktemp("evaluation")
    registry = generate_registry(
        directory / "registry",
        companies=300_000,
        seed=15,
        file_format="parquet",
        reference_directory=settings.TERRITORY_REFERENCE_DIR,
        planted=PlantedEffect({BORDEAUX: 2015, NANTES: 2015}, PLANTED_SHARE),
    )
    store = SnapshotStore(directory / "store")
    store.publish(
        run_engine(registry.paths(), reference_directory=settings.TERRITORY_REFERENCE_DIR)
    )
    return store


@pytest.fixture
def planted(settings, planted_store):
    settings.OBSERVATORY_DIR = planted_store.directory
    cache.clear()  # results are cached per snapshot and labels: start each test cold
    yield planted_store
    cache.clear()


@pytest.fixture
def mission(db):
    return UserWithRoleFactory(Role.MISSION_OFFICER)


@pytest.fixture
def labelled(mission):
    """Bordeaux (2015, confirmed), Nantes (2015, withdrawn at its audit), Lyon (2025: after
    the snapshot's last complete year)."""
    bordeaux = make_label(
        consortium("French Tech Bordeaux (test)", "bordeaux"), dt.date(2015, 6, 1)
    )
    actions.record_audit(label=bordeaux, by=mission, outcome=AuditOutcome.CONFIRM,
                         reasons="Jalons tenus.", public_reason="Audit favorable.",
                         on=dt.date(2016, 6, 10))  # fmt: skip
    nantes = make_label(consortium("French Tech Nantes (test)", "nantes"), dt.date(2015, 3, 2))
    actions.record_audit(label=nantes, by=mission, outcome=AuditOutcome.WITHDRAW,
                         reasons="Aucun jalon.", public_reason="Feuille de route non engagée.",
                         on=dt.date(2016, 3, 10))  # fmt: skip
    lyon = make_label(consortium("French Tech Lyon (test)", "lyon"), dt.date(2025, 2, 1))
    return {"bordeaux": bordeaux, "nantes": nantes, "lyon": lyon}
