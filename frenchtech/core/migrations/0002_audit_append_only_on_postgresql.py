"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the audit log."""

from django.db import migrations

from frenchtech.core.append_only import append_only_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [append_only_on_postgresql("core_auditentry")]
