"""The consortium is called `consortium` everywhere (it was `ecosystem` in the funds)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("funding", "0003_promotion_outcomes_and_exit_proceeds")]

    operations = [
        migrations.RenameField("investmentfile", "ecosystem", "consortium"),
        migrations.RenameField("promotioncandidate", "ecosystem", "consortium"),
    ]
