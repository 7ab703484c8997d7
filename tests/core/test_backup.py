"""backup_database / restore_database: the embedded database backed up while in use,
restored into a fresh checkout's database, where the audit log and the ledger verify."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from frenchtech.core import audit
from frenchtech.core.audit_anchor import write_anchor
from tests.funding.factories import make_envelope

sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="the embedded (SQLite) database's backup"
)


def _manage(*arguments, environment):
    """manage.py in another process, as on a fresh checkout with its own var/ directory."""
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_checkout_and_verifies(tmp_path, settings):
    settings.FRENCHTECH_AUDIT_ANCHOR = str(tmp_path / "anchor.json")
    make_envelope(amount_cents=1_000_000_00)
    for index in range(3):
        audit.record("tests.write", object_type="tests.thing", object_id=index)
    write_anchor()

    backup = tmp_path / "backup.sqlite3"
    call_command("backup_database", str(backup))
    with pytest.raises(CommandError, match="exists"):
        call_command("backup_database", str(backup))

    fresh = tmp_path / "fresh"
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "frenchtech.settings.dev",
        "FRENCHTECH_ALLOW_DEV_SECRET": "1",
        "FRENCHTECH_VAR_DIR": str(fresh),
        "DATABASE_URL": f"sqlite:///{fresh / 'frenchtech.sqlite3'}",
        "FRENCHTECH_AUDIT_ANCHOR": str(tmp_path / "anchor.json"),
    }
    restored = _manage("restore_database", str(backup), environment=environment)
    assert restored.returncode == 0, restored.stderr
    # A second restore over the now-existing database needs --replace.
    assert _manage("restore_database", str(backup), environment=environment).returncode != 0

    verified = _manage("verify_audit_log", "--anchor", environment=environment)
    assert verified.returncode == 0, verified.stderr
    assert "audit log intact" in verified.stdout
    reconciled = _manage("reconcile_ledger", environment=environment)
    assert reconciled.returncode == 0, reconciled.stderr
    assert "1 envelopes" in reconciled.stdout


@sqlite_only
@pytest.mark.django_db
def test_a_damaged_backup_is_refused(tmp_path):
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database" * 100)
    with pytest.raises(CommandError, match="not an intact SQLite database"):
        call_command("restore_database", str(damaged), "--replace")


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="pg_dump of PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_postgresql_is_backed_up_with_pg_dump(tmp_path):
    audit.record("tests.write", object_type="tests.thing")
    backup = tmp_path / "backup.dump"
    call_command("backup_database", str(backup))
    assert backup.read_bytes()[:5] == b"PGDMP"
    assert connection.vendor == "postgresql"
