"""On PostgreSQL the database itself refuses UPDATE and DELETE on votes, recommendations
and decisions."""

from django.db import migrations

from frenchtech.core.append_only import append_only_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("committee", "0001_initial")]
    operations = [
        append_only_on_postgresql(
            "committee_vote", "committee_recommendation", "committee_decision"
        )
    ]
