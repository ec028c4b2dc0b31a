"""Seed the X/Twitter search source with the project's query rotation.

It runs only once a bearer token is set (the admin says so until then). The queries are copied
here rather than imported so this migration never changes when the code's defaults do.
"""

from django.db import migrations

QUERIES = [
    "police brutality",
    "police violence",
    "tear gas",
    "rubber bullets",
    "pepper spray",
    "taser",
    "killed by police",
    "#policebrutality",
    "#BlackLivesMatter",
]


def seed(apps, schema_editor):
    Source = apps.get_model("ingest", "Source")
    Source.objects.get_or_create(
        name="X: police use of force",
        defaults={
            "kind": "twitter",
            "config": {"queries": QUERIES, "max_pages": 5, "max_results": 100, "language": "en"},
            "schedule_hours": 4,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("ingest", "0002_source_schedule_lease_run_trigger")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
