import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from frenchtech.core import audit
from frenchtech.core.actor import acting
from frenchtech.core.models import AppendOnlyError, AuditEntry
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_every_save_of_an_audited_model_writes_who_what_before_and_after():
    actor = UserFactory()
    organisation = OrganisationFactory(name="Before")
    with acting(actor, "tests.rename"):
        organisation.name = "After"
        organisation.save()
    entry = AuditEntry.objects.filter(object_type="accounts.organisation").last()
    assert entry.actor == actor
    assert entry.action == "tests.rename: update"
    assert entry.before["name"] == "Before"
    assert entry.after["name"] == "After"


def test_passwords_never_reach_the_audit_log():
    user = UserFactory()
    entries = AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk))
    assert entries.exists()
    assert all("password" not in (entry.after or {}) for entry in entries)


def test_audit_entries_cannot_be_changed_or_deleted_through_the_application():
    entry = audit.record("tests.write", object_type="tests.thing", object_id=1, after={"a": 1})
    entry.action = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_chain_verifies_when_untouched():
    for index in range(5):
        audit.record("tests.write", object_type="tests.thing", object_id=index)
    assert audit.verify_chain() == []
    call_command("verify_audit_log")


def _tamper(sql: str, params: list) -> None:
    """Change a row behind the application's back, as a database administrator could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Triggers refuse the change; a superuser can switch them off for the session.
            cursor.execute("SET session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


@pytest.mark.tampers_audit_log
def test_a_changed_row_is_detected():
    entries = [
        audit.record("tests.write", object_type="tests.thing", object_id=i) for i in range(3)
    ]
    _tamper("UPDATE core_auditentry SET action = %s WHERE id = %s", ["forged", entries[1].id])
    breaks = audit.verify_chain()
    assert [b.entry_id for b in breaks] == [entries[1].id]
    with pytest.raises(CommandError, match="tampered"):
        call_command("verify_audit_log")


@pytest.mark.tampers_audit_log
def test_a_removed_row_is_detected():
    entries = [
        audit.record("tests.write", object_type="tests.thing", object_id=i) for i in range(3)
    ]
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [entries[1].id])
    assert [b.entry_id for b in audit.verify_chain()] == [entries[2].id]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_itself_refuses_to_change_the_audit_log():
    from django.db import DatabaseError, transaction

    entry = audit.record("tests.write", object_type="tests.thing")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditentry SET action = 'x' WHERE id = %s", [entry.id])
