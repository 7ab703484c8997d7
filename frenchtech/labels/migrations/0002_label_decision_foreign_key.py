"""The label's decision becomes a real foreign key to the committee's Decision.

The column keeps its name (`decision_id`) and its values: the state first renames the
plain integer to `decision` on the same column, then alters it into the foreign key.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0002_records_append_only_on_postgresql"),
        ("labels", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="label", name="decision_id"),
                migrations.AddField(
                    model_name="label",
                    name="decision",
                    field=models.PositiveIntegerField(
                        null=True, blank=True, db_column="decision_id"
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="label",
            name="decision",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="label",
                to="committee.decision",
                verbose_name="décision",
            ),
        ),
    ]
