"""On PostgreSQL, TRUNCATE of the audit tables is refused too (it fires no row trigger).

A session that sets `frenchtech.allow_truncate = on` passes: only the test settings do,
for the test runner's flush between transactional tests.
"""

from django.db import migrations

TABLES = ("core_auditentry", "core_transitionlogentry")

_FUNCTION = """
CREATE OR REPLACE FUNCTION core_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('frenchtech.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% is append-only (TRUNCATE refused)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(_FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION core_refuse_truncate();",
            params=None,
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};", params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_transition_log_append_only_on_postgresql")]
    operations = [migrations.RunPython(forwards, backwards)]
