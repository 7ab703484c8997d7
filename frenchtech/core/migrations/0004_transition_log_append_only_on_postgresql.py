from django.db import migrations

from frenchtech.core.append_only import append_only_on_postgresql


class Migration(migrations.Migration):
    dependencies = [("core", "0003_transition_log")]
    operations = [append_only_on_postgresql("core_transitionlogentry")]
