"""The anchored audit log: an HMAC chain (key outside the database) and an anchor file.

Each way of hiding a change is tried: rewriting a row and recomputing the chain without
the key, cutting the tail, emptying the table, forging the anchor, TRUNCATE on PostgreSQL.
"""

import hashlib
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from frenchtech.core import audit
from frenchtech.core.audit_anchor import read_anchor, write_anchor
from frenchtech.core.models import AuditEntry

pytestmark = pytest.mark.django_db
on_postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="TRUNCATE triggers exist on PostgreSQL only"
)


@pytest.fixture(autouse=True)
def anchor_file(settings, tmp_path):
    settings.FRENCHTECH_AUDIT_ANCHOR = str(tmp_path / "audit" / "anchor.json")
    return tmp_path / "audit" / "anchor.json"


def _tamper(*statements) -> None:
    """Change rows behind the application's back, as a database administrator could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def _rows(count):
    return [
        audit.record("tests.write", object_type="tests.thing", object_id=i, after={"n": i})
        for i in range(count)
    ]


def _verify(*options):
    call_command("verify_audit_log", *options)


def test_an_intact_log_verifies_against_its_anchor(anchor_file):
    _rows(3)
    _verify("--write-anchor")
    anchor = json.loads(anchor_file.read_text())
    last = AuditEntry.objects.order_by("-id").first()
    assert anchor["last_id"] == last.id
    assert anchor["last_hash"] == last.entry_hash
    assert anchor["count"] == AuditEntry.objects.count()
    _verify("--anchor")


def test_the_anchor_is_written_when_an_audited_write_commits(
    anchor_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        _rows(3)
    # One anchor write per transaction, however many rows it wrote.
    assert len(callbacks) == 1
    assert read_anchor().last_id == AuditEntry.objects.order_by("-id").first().id
    _verify("--anchor")


def test_a_rewritten_row_with_a_recomputed_chain_is_detected():
    """Without the key, the forger can only recompute bare hashes (or HMACs with a guess)."""
    entries = _rows(3)
    _verify("--write-anchor")
    forged_previous = entries[0].entry_hash
    statements = []
    for entry in entries[1:]:
        entry.refresh_from_db()
        if entry.id == entries[1].id:
            entry.action = "forged"
        entry.previous_hash = forged_previous
        payload = audit.canonical_json(
            {
                "created_at": entry.created_at.isoformat(),
                "actor": entry.actor_id,
                "actor_label": entry.actor_label,
                "action": entry.action,
                "object_type": entry.object_type,
                "object_id": entry.object_id,
                "before": entry.before,
                "after": entry.after,
                "previous_hash": entry.previous_hash,
            }
        )
        forged_previous = hashlib.sha256(payload.encode()).hexdigest()
        statements.append(
            (
                "UPDATE core_auditentry SET action = %s, previous_hash = %s, entry_hash = %s "
                "WHERE id = %s",
                [entry.action, entry.previous_hash, forged_previous, entry.id],
            )
        )
    _tamper(*statements)
    breaks = audit.verify_chain()
    assert {b.entry_id for b in breaks} == {entries[1].id, entries[2].id}
    assert all("(HMAC)" in b.reason for b in breaks)
    with pytest.raises(CommandError, match="tampered"):
        _verify()


def test_a_cut_tail_is_detected_by_the_anchor():
    entries = _rows(4)
    write_anchor()
    _tamper(("DELETE FROM core_auditentry WHERE id >= %s", [entries[2].id]))
    # What is left is a valid chain: only the anchor shows the cut.
    assert audit.verify_chain() == []
    _verify()
    with pytest.raises(CommandError, match="tampered"):
        _verify("--anchor")


def test_an_emptied_table_is_detected_by_the_anchor(capsys):
    _rows(3)
    write_anchor()
    _tamper(("DELETE FROM core_auditentry", []))
    assert audit.verify_chain() == []
    with pytest.raises(CommandError, match="tampered"):
        _verify("--anchor")
    assert "empty" in capsys.readouterr().err


def test_a_missing_or_forged_anchor_is_reported(anchor_file, capsys):
    _rows(2)
    with pytest.raises(CommandError):
        _verify("--anchor")
    assert "no anchor" in capsys.readouterr().err
    write_anchor()
    data = json.loads(anchor_file.read_text())
    data["last_id"] -= 1
    data["count"] -= 1
    anchor_file.write_text(json.dumps(data))
    with pytest.raises(CommandError):
        _verify("--anchor")
    assert "signature" in capsys.readouterr().err


def test_the_anchor_never_moves_backwards():
    _rows(3)
    first = write_anchor()
    assert write_anchor().last_id == first.last_id
    _rows(1)
    assert write_anchor().last_id > first.last_id
    assert read_anchor().count == AuditEntry.objects.count()


@on_postgresql_only
@pytest.mark.parametrize("table", ["core_auditentry", "core_transitionlogentry"])
def test_postgresql_refuses_to_truncate_the_audit_tables(table):
    _rows(1)
    with transaction.atomic(), connection.cursor() as cursor:
        # The test settings let the runner's flush truncate; a real session may not.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL frenchtech.allow_truncate = off")
        with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
            cursor.execute(f"TRUNCATE {table}")
    assert AuditEntry.objects.exists()


@on_postgresql_only
def test_an_emptied_table_is_detected_on_postgresql_too():
    _rows(2)
    write_anchor()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("TRUNCATE core_auditentry")
        cursor.execute("SET session_replication_role = DEFAULT")
    with pytest.raises(CommandError, match="tampered"):
        _verify("--anchor")


def test_production_settings_refuse_to_start_without_an_audit_key():
    environment = {key: value for key, value in os.environ.items() if key != "FRENCHTECH_AUDIT_KEY"}
    environment.update(
        DJANGO_SECRET_KEY="x" * 50, DJANGO_SETTINGS_MODULE="frenchtech.settings.prod"
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode != 0
    assert "FRENCHTECH_AUDIT_KEY is not set" in result.stderr
