"""Rows that may only be added (audit log, ledger, votes, decisions).

Refused twice: by the model (`AppendOnlyModel`: its instances and its querysets; a delete
cascading from another row is refused by `core/audited.py`'s signal) for code that goes
through Django, and by
PostgreSQL triggers (`append_only_on_postgresql`, used in migrations) for anything else.
SQLite gets no trigger: the test suite's flush deletes rows there; the hash chains and
reconciliations still detect a change made behind the application's back.
"""

from django.db import migrations, models


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a row that may only be added."""


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses every way of changing or deleting stored rows in bulk."""

    def update(self, **changes):
        # Changing no row changes nothing (as PostgreSQL's row triggers see it): deleting
        # a user nobody's append-only row names must not be refused.
        if not self.exists():
            return 0
        raise AppendOnlyError(f"{self.model._meta.label} rows may only be added, not changed")

    def bulk_update(self, objs, fields, *args, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} rows may only be added, not changed")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} rows may only be added, not deleted")

    update.alters_data = bulk_update.alters_data = delete.alters_data = True


class AppendOnlyModel(models.Model):
    objects = models.Manager.from_queryset(AppendOnlyQuerySet)()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"{self._meta.label} rows may only be added, not changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} rows may only be added, not deleted")


_FUNCTION = """
CREATE OR REPLACE FUNCTION core_refuse_append_only_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def append_only_on_postgresql(*tables: str) -> migrations.RunPython:
    """A migration operation installing the refusing trigger on `tables` (PostgreSQL only).

    TRUNCATE (the test suite's flush on PostgreSQL) fires no row trigger.
    """

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        # No parameters: the "%" of RAISE must reach PostgreSQL unescaped.
        schema_editor.execute(_FUNCTION, params=None)
        for table in tables:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION core_refuse_append_only_change();",
                params=None,
            )

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in tables:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};", params=None
            )

    return migrations.RunPython(forwards, backwards)
