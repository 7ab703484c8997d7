"""Shared fixtures: the real territory reference loaded once, and one user per role."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import UserWithRoleFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped territory reference into the test database once per session."""
    from frenchtech.territories.reference import load_reference

    with django_db_blocker.unblock():
        load_reference(settings.TERRITORY_REFERENCE_DIR)


@pytest.fixture
def reference_after_flush(transactional_db):
    """For transactional tests (whose flush empties the database): reload the reference."""
    from frenchtech.territories.reference import load_reference

    load_reference(settings.TERRITORY_REFERENCE_DIR, force=True)


@pytest.fixture
def client_for(db):
    """`client_for(role)` → a Client signed in as a fresh user with that role (None: anonymous).

    Staff roles are signed in with their second factor already verified.
    """

    def make(role):
        client = Client()
        if role is None:
            return client
        user = UserWithRoleFactory(role=role)
        client.force_login(user)
        if user.needs_two_factors:
            from django_otp.plugins.otp_totp.models import TOTPDevice

            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
        client.user = user
        return client

    return make


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots-dir",
        default="var/artefacts/screenshots",
        help="where browser tests save their screenshots (kept as CI artefacts)",
    )


@pytest.fixture(scope="session")
def published_store(tmp_path_factory):
    """A store holding one snapshot computed from a small synthetic registry."""
    from frenchtech.observatory.engine.compute import run_engine
    from frenchtech.observatory.engine.generator import generate_registry
    from frenchtech.observatory.engine.snapshots import SnapshotStore

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


@pytest.fixture
def cast(db):
    """One person per persona of `tests.roles.ALL_ROLES`, in organisations of their kind."""
    from tests.roles import cast as build_cast

    return build_cast()


@pytest.fixture(autouse=True)
def audit_chain_intact(request):
    """After every database test, the audit chain verifies (a test that tampers with it
    on purpose is marked `tampers_audit_log`)."""
    uses = {"db", "transactional_db"} & set(request.fixturenames)
    if not uses or request.node.get_closest_marker("tampers_audit_log"):
        yield
        return
    request.getfixturevalue(uses.pop())  # set up before this check, torn down after it
    yield
    from django.db.utils import InterfaceError, ProgrammingError

    from frenchtech.core.audit import verify_chain

    try:
        breaks = verify_chain()
    except (InterfaceError, ProgrammingError):
        return  # the test closed the connection (a streamed download): nothing to read
    assert not breaks, f"the audit chain breaks after this test: {breaks[:3]}"
