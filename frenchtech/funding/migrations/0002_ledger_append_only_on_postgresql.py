"""On PostgreSQL the database itself refuses UPDATE and DELETE on the ledger and decisions."""

from django.db import migrations

from frenchtech.core.append_only import append_only_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [
        append_only_on_postgresql(
            "funding_ledgertransaction",
            "funding_ledgerentry",
            "funding_commitment",
            "funding_decommitment",
            "funding_disbursement",
        )
    ]
