"""Find-an-officer's name order, indexed (PostgreSQL only).

One name asked for (a word, a first or a last name) and nothing else, the search page reads the
officers bearing the names that hold it straight off these indexes, already in the order of the
page (`officers.search.selectors._named_first`): a broad fragment such as "mith" no longer
collects and sorts the tens of thousands of officers it matches (270 ms at three million
officers, against a few milliseconds; docs/benchmarks.md).

- Public officers by last name, first name and id, each name in the "C" collation: the order
  of every result list. Typeahead reads the last names starting with what was typed off it
  too, so 0011's index on the two names joined is dropped.
- Public officers by first name, then last name and id: the officers with a given first name,
  in the same order.
- A trigram index on the badges and internal id alone: the few officers whose badge or id holds
  a fragment that no name holds.
- The first names' hash index goes: the new first-name index answers the typo search's exact
  first names as well.
"""

from django.db import migrations

from core.migration_ops import postgres_sql

CREATE = """
CREATE INDEX IF NOT EXISTS officer_search_name_order ON officers_officersearch
    ((last_name COLLATE "C"), (first_name COLLATE "C"), officer_id) WHERE is_public;
CREATE INDEX IF NOT EXISTS officer_search_first_name_order ON officers_officersearch
    (first_name, (last_name COLLATE "C"), officer_id) WHERE is_public;
CREATE INDEX IF NOT EXISTS officer_search_codes_trgm ON officers_officersearch
    USING gin ((badges || ' ' || internal_id) gin_trgm_ops) WITH (gin_pending_list_limit = 256);
DROP INDEX IF EXISTS officer_search_sort_name;
DROP INDEX IF EXISTS officer_search_first_name;
"""
DROP = """
DROP INDEX IF EXISTS officer_search_name_order;
DROP INDEX IF EXISTS officer_search_first_name_order;
DROP INDEX IF EXISTS officer_search_codes_trgm;
CREATE INDEX IF NOT EXISTS officer_search_sort_name ON officers_officersearch
    (((last_name || ' ' || first_name) COLLATE "C"), officer_id) WHERE is_public;
CREATE INDEX IF NOT EXISTS officer_search_first_name ON officers_officersearch USING hash (first_name);
"""


class Migration(migrations.Migration):
    dependencies = [("officers", "0011_officer_search_sort_name_index")]

    operations = [postgres_sql(CREATE, DROP)]
