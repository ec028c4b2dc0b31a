"""Typeahead's departments (PostgreSQL only): a typed fragment of a department's name or city is
found through trigram indexes instead of testing every department, and a short name ("NYPD")
through an index on its upper case, the forms Django's `icontains` and `iexact` compare.

With 18,000 departments (every US agency) the departments took 17 ms of each typeahead answer
for a fragment no department holds, walking them all in name order (docs/benchmarks.md)."""

from django.db import migrations

from core.migration_ops import postgres_sql

CREATE = """
CREATE INDEX IF NOT EXISTS department_name_trgm ON officers_department
    USING gin ((UPPER(name::text)) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS department_city_trgm ON officers_department
    USING gin ((UPPER(city::text)) gin_trgm_ops);
CREATE INDEX IF NOT EXISTS department_short_name_upper ON officers_department ((UPPER(short_name::text)));
"""
DROP = """
DROP INDEX IF EXISTS department_name_trgm;
DROP INDEX IF EXISTS department_city_trgm;
DROP INDEX IF EXISTS department_short_name_upper;
"""


class Migration(migrations.Migration):
    dependencies = [("officers", "0012_officer_search_name_order_indexes")]

    operations = [postgres_sql(CREATE, DROP)]
