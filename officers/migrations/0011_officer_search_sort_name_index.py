"""Typeahead's index: public officers in name order ("last first"), so the last names that
start with what a person typed come straight off the index, five at a time, instead of a
trigram scan of every name that holds the letters (tens of thousands of rows for "mar" on
a million officers). PostgreSQL only; SQLite's typeahead walks the officers in name order.

The expression was the selectors' SORT_NAME then. It is not the order of the fragment search
(last name, then first name, as two keys), so the planner never walks this index for a rare
fragment in the hope of meeting five matches early. Migration 0012 drops it: typeahead reads
its index in the search's own order, and the fragment search keeps the planner off it by
collecting its matches before sorting them."""

from django.db import migrations

from core.migration_ops import postgres_sql

CREATE = """
CREATE INDEX IF NOT EXISTS officer_search_sort_name ON officers_officersearch
    (((last_name || ' ' || first_name) COLLATE "C"), officer_id) WHERE is_public;
"""
DROP = "DROP INDEX IF EXISTS officer_search_sort_name;"


class Migration(migrations.Migration):
    dependencies = [("officers", "0010_department_details_certification_events")]

    operations = [postgres_sql(CREATE, DROP)]
