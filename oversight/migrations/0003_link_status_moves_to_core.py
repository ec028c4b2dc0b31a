"""LinkStatus now belongs to core (core 0003 took over its table): forget it here, state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_link_status_from_oversight"),
        ("oversight", "0002_commission_roles_years_source_rows"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LinkStatus")],
        ),
    ]
