"""Title search of approved incidents (PostgreSQL only): a word typed in the header's search or
the map's "words in the title" is found through a trigram index on the title's upper case, the
form Django's `icontains` compares, instead of reading every incident.

At 100,000 approved incidents the typeahead's incidents took 40-70 ms, reading them all
(docs/benchmarks.md)."""

from django.db import migrations

from core.migration_ops import postgres_sql

CREATE = """
CREATE INDEX IF NOT EXISTS incident_approved_title_trgm ON incidents_incident
    USING gin ((UPPER(title::text)) gin_trgm_ops) WHERE review_status = 'approved';
"""
DROP = "DROP INDEX IF EXISTS incident_approved_title_trgm;"


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0007_history_indexes_record_id_only"),
        ("officers", "0004_trigram_search"),  # creates the pg_trgm extension
    ]

    operations = [postgres_sql(CREATE, DROP)]
