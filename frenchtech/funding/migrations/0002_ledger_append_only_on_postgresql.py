"""On PostgreSQL the database itself refuses UPDATE and DELETE on the ledger and the decisions.

SQLite gets no trigger (the test suite's flush deletes rows there); the models refuse in
Python and `reconcile_ledger` detects anything changed behind the application's back.
TRUNCATE (the test flush on PostgreSQL) fires no row trigger.
"""

from django.db import migrations

TABLES = [
    "funding_ledgertransaction",
    "funding_ledgerentry",
    "funding_commitment",
    "funding_decommitment",
    "funding_disbursement",
]

FUNCTION = """
CREATE OR REPLACE FUNCTION funding_refuse_ledger_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the funding ledger is append-only (% on % refused)', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No parameters: the "%" of RAISE must reach PostgreSQL unescaped.
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION funding_refuse_ledger_change();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS funding_refuse_ledger_change();")


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
