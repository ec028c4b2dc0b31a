"""Find-an-officer indexes: pg_trgm GIN indexes on PostgreSQL, and the search names filled in.

The trigram indexes serve fragment (`LIKE '%x%'`) and typo-tolerant (`%>`) matches. SQLite has
neither, and the newcomer default only ever holds a few thousand rows, so it skips them.
"""

import unicodedata

from django.db import migrations

TRIGRAM_INDEXES = [
    ("officer_search_first_trgm", "officers_officer", "search_first_name"),
    ("officer_search_last_trgm", "officers_officer", "search_last_name"),
    ("officer_search_badges_trgm", "officers_officer", "search_badges"),
    ("officer_internal_id_trgm", "officers_officer", "(UPPER(internal_id::text))"),
    ("assignment_badge_trgm", "officers_assignment", "(UPPER(badge_number::text))"),
]


def search_key(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def fill_search_fields(apps, schema_editor):
    Officer = apps.get_model("officers", "Officer")
    Assignment = apps.get_model("officers", "Assignment")
    fields = ["search_first_name", "search_last_name", "search_badges"]
    batch = []
    for officer in Officer.objects.only("first_name", "last_name").iterator(chunk_size=2000):
        officer.search_first_name = search_key(officer.first_name)
        officer.search_last_name = search_key(officer.last_name)
        badges = Assignment.objects.filter(officer_id=officer.pk).exclude(badge_number="")
        officer.search_badges = " ".join(
            sorted({search_key(badge) for badge in badges.values_list("badge_number", flat=True)})
        )
        batch.append(officer)
        if len(batch) == 2000:
            Officer.objects.bulk_update(batch, fields)
            batch = []
    Officer.objects.bulk_update(batch, fields)


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("officers", "0003_officer_search_badges")]

    operations = [
        migrations.RunPython(fill_search_fields, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
