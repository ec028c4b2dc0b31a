"""LinkStatus moves from oversight to core (reports and oversight both use it). State only: the
table keeps its name, oversight_linkstatus, and no row moves."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0002_public_data_sets"),
        ("oversight", "0002_commission_roles_years_source_rows"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="LinkStatus",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                        ("object_id", models.PositiveBigIntegerField(verbose_name="record id")),
                        ("field", models.CharField(max_length=64, verbose_name="field")),
                        ("url", models.URLField(max_length=1000, verbose_name="URL")),
                        ("state", models.CharField(choices=[("unchecked", "Not checked yet"), ("ok", "Working"), ("redirected", "Working, but redirects"), ("blocked", "Refused our checker (401, 403 or 429): check by hand"), ("broken", "Broken (error status)"), ("unreachable", "Unreachable (timeout or connection error)")], db_index=True, default="unchecked", max_length=16, verbose_name="state")),
                        ("http_status", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="HTTP status")),
                        ("final_url", models.URLField(blank=True, max_length=1000, verbose_name="final URL after redirects")),
                        ("error", models.CharField(blank=True, max_length=300, verbose_name="error")),
                        ("checked_at", models.DateTimeField(blank=True, null=True, verbose_name="last checked")),
                        ("failing_since", models.DateTimeField(blank=True, null=True, verbose_name="failing since")),
                        ("consecutive_failures", models.PositiveSmallIntegerField(default=0, verbose_name="failures in a row")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype", verbose_name="record type")),
                    ],
                    options={
                        "verbose_name": "link status",
                        "verbose_name_plural": "link statuses",
                        "db_table": "oversight_linkstatus",
                        "ordering": ["-consecutive_failures", "url"],
                        "constraints": [
                            models.UniqueConstraint(fields=("content_type", "object_id", "field"), name="link_status_unique_field"),
                        ],
                    },
                ),
            ],
        ),
    ]
