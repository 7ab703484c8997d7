"""On PostgreSQL, the database itself refuses UPDATE and DELETE on votes, recommendations
and decisions (as core does for the audit log; SQLite relies on the model guard and the
hash chain, because the test suite's flush deletes rows there)."""

from django.db import migrations

TABLES = ("committee_vote", "committee_recommendation", "committee_decision")

FUNCTION = """
CREATE OR REPLACE FUNCTION committee_refuse_record_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'committee records are append-only (% on % refused)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = """
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION committee_refuse_record_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(TRIGGER.format(table=table), params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};", params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS committee_refuse_record_change();", params=None)


class Migration(migrations.Migration):
    dependencies = [("committee", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
