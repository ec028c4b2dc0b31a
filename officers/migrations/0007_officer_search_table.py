"""Find-an-officer reads one narrow row per officer (OfficerSearch), kept by triggers.

The database writes OfficerSearch (and, on PostgreSQL, OfficerSearchName) whenever an officer
or a department's publication status is written, whatever writes it: `save()`, the importer's
COPY and `UPDATE … FROM`, bulk updates, merges. One trigram index over the four search fields
joined replaces the per-field ones on the officers table (which the importer no longer pays
for either).
"""

import django.db.models.deletion
from django.db import migrations, models

COLUMNS = "officer_id, department_id, is_public, first_name, last_name, badges, internal_id"
TEXT = "first_name || ' ' || last_name || ' ' || badges || ' ' || internal_id"
PUBLIC = (
    "o.publication_status = 'published' AND coalesce(d.publication_status = 'published', false)"
)
ROWS = (
    f"SELECT o.id, o.department_id, {PUBLIC}, o.search_first_name, o.search_last_name, "
    "o.search_badges, lower(o.internal_id) FROM {officers} o "
    "LEFT JOIN officers_department d ON d.id = o.department_id"
)
# In name order, so that two imports adding the same new names cannot deadlock.
NAMES = (
    "INSERT INTO officers_officersearchname (name) SELECT DISTINCT n.name FROM {officers} o, "
    "unnest(ARRAY[o.search_first_name, o.search_last_name]) AS n(name) "
    "WHERE n.name <> '' ORDER BY n.name ON CONFLICT DO NOTHING"
)
OLD_INDEXES = [
    ("officer_search_first_trgm", "search_first_name"),
    ("officer_search_last_trgm", "search_last_name"),
    ("officer_search_badges_trgm", "search_badges"),
]

POSTGRES = f"""
CREATE FUNCTION officers_search_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO officers_officersearch AS s ({COLUMNS})
    {ROWS.format(officers="written")}
    ON CONFLICT (officer_id) DO UPDATE SET
        department_id = excluded.department_id, is_public = excluded.is_public,
        first_name = excluded.first_name, last_name = excluded.last_name,
        badges = excluded.badges, internal_id = excluded.internal_id
    WHERE (s.department_id, s.is_public, s.first_name, s.last_name, s.badges, s.internal_id)
        IS DISTINCT FROM (excluded.department_id, excluded.is_public, excluded.first_name,
                          excluded.last_name, excluded.badges, excluded.internal_id);
    {NAMES.format(officers="written")};
    RETURN NULL;
END $$;
CREATE TRIGGER officers_search_insert AFTER INSERT ON officers_officer
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION officers_search_write();
CREATE TRIGGER officers_search_update AFTER UPDATE ON officers_officer
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION officers_search_write();

CREATE FUNCTION officers_search_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM officers_officersearch s USING deleted WHERE s.officer_id = deleted.id;
    RETURN NULL;
END $$;
CREATE TRIGGER officers_search_delete AFTER DELETE ON officers_officer
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION officers_search_delete();

-- A department published or withdrawn (or created after its officers, constraints being
-- deferred) changes whether its officers are public.
CREATE FUNCTION officers_search_department() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE officers_officersearch s SET is_public = {PUBLIC}
    FROM written d JOIN officers_officer o ON o.department_id = d.id
    WHERE s.officer_id = o.id AND s.is_public IS DISTINCT FROM ({PUBLIC});
    RETURN NULL;
END $$;
CREATE TRIGGER officers_search_department_insert AFTER INSERT ON officers_department
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT
    EXECUTE FUNCTION officers_search_department();
CREATE TRIGGER officers_search_department_update AFTER UPDATE ON officers_department
    REFERENCING NEW TABLE AS written FOR EACH STATEMENT
    EXECUTE FUNCTION officers_search_department();

INSERT INTO officers_officersearch ({COLUMNS}) {ROWS.format(officers="officers_officer")};
{NAMES.format(officers="officers_officer")};
-- Every search reads the index's whole pending list (rows written since its last merge): a
-- 256 kB one costs a search ~0.1 ms where the 4 MB default cost ~2 ms after a bulk import.
CREATE INDEX officer_search_text_trgm ON officers_officersearch USING gin (({TEXT}) gin_trgm_ops)
    WITH (gin_pending_list_limit = 256);
-- A search is tens of milliseconds of work: starting parallel workers for it cost more than
-- they saved (and the web workers already keep every core busy).
ALTER TABLE officers_officersearch SET (parallel_workers = 0);
-- Typo matches look officers up by exact name; hash indexes cannot return rows in name order,
-- so the planner never walks one instead of collecting the trigram matches.
CREATE INDEX officer_search_first_name ON officers_officersearch USING hash (first_name);
CREATE INDEX officer_search_last_name ON officers_officersearch USING hash (last_name);
CREATE INDEX officer_search_name_trgm ON officers_officersearchname USING gin (name gin_trgm_ops);
""" + "".join(f"DROP INDEX IF EXISTS {name};\n" for name, _column in OLD_INDEXES)

POSTGRES_REVERSE = """
DROP TRIGGER officers_search_insert ON officers_officer;
DROP TRIGGER officers_search_update ON officers_officer;
DROP TRIGGER officers_search_delete ON officers_officer;
DROP TRIGGER officers_search_department_insert ON officers_department;
DROP TRIGGER officers_search_department_update ON officers_department;
DROP FUNCTION officers_search_write();
DROP FUNCTION officers_search_delete();
DROP FUNCTION officers_search_department();
""" + "".join(
    f"CREATE INDEX {name} ON officers_officer USING gin ({column} gin_trgm_ops);\n"
    for name, column in OLD_INDEXES
)

# SQLite has no statement triggers or transition tables: the same, row by row.
SQLITE_PUBLIC = (
    "NEW.publication_status = 'published' AND coalesce((SELECT publication_status = 'published' "
    "FROM officers_department WHERE id = NEW.department_id), 0)"
)
SQLITE_VALUES = (
    f"NEW.id, NEW.department_id, {SQLITE_PUBLIC}, NEW.search_first_name, NEW.search_last_name, "
    "NEW.search_badges, lower(NEW.internal_id)"
)
SQLITE_DEPARTMENT = (
    "UPDATE officers_officersearch SET is_public = NEW.publication_status = 'published' AND "
    "(SELECT publication_status = 'published' FROM officers_officer WHERE id = officer_id) "
    "WHERE department_id = NEW.id;"
)
SQLITE = [
    f"CREATE TRIGGER officers_search_insert AFTER INSERT ON officers_officer BEGIN "
    f"INSERT OR REPLACE INTO officers_officersearch ({COLUMNS}) VALUES ({SQLITE_VALUES}); END",
    f"CREATE TRIGGER officers_search_update AFTER UPDATE ON officers_officer BEGIN "
    f"INSERT OR REPLACE INTO officers_officersearch ({COLUMNS}) VALUES ({SQLITE_VALUES}); END",
    "CREATE TRIGGER officers_search_delete AFTER DELETE ON officers_officer BEGIN "
    "DELETE FROM officers_officersearch WHERE officer_id = OLD.id; END",
    "CREATE TRIGGER officers_search_department_insert AFTER INSERT ON officers_department "
    f"BEGIN {SQLITE_DEPARTMENT} END",
    "CREATE TRIGGER officers_search_department_update AFTER UPDATE OF publication_status "
    f"ON officers_department BEGIN {SQLITE_DEPARTMENT} END",
    f"INSERT INTO officers_officersearch ({COLUMNS}) {ROWS.format(officers='officers_officer')}",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER {name}"
    for name in (
        "officers_search_insert",
        "officers_search_update",
        "officers_search_delete",
        "officers_search_department_insert",
        "officers_search_department_update",
    )
]


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES)
    else:
        for statement in SQLITE:
            schema_editor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_REVERSE)
    else:
        for statement in SQLITE_REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("officers", "0006_officer_texts_share_a_base")]

    operations = [
        migrations.CreateModel(
            name="OfficerSearchName",
            fields=[("name", models.CharField(max_length=120, primary_key=True, serialize=False))],
            options={"default_permissions": ()},
        ),
        migrations.CreateModel(
            name="OfficerSearch",
            fields=[
                (
                    "officer",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="officers.officer",
                    ),
                ),
                ("is_public", models.BooleanField()),
                ("first_name", models.CharField(max_length=120)),
                ("last_name", models.CharField(max_length=120)),
                ("badges", models.CharField(max_length=1000)),
                ("internal_id", models.CharField(max_length=100)),
                (
                    "department",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="officers.department",
                    ),
                ),
            ],
            options={"default_permissions": ()},
        ),
        migrations.RunPython(install, uninstall),
    ]
