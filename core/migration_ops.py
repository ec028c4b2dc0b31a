"""Operations the apps' hand-written migrations share."""

from django.db import migrations


def postgres_sql(forward: str, backward: str) -> migrations.RunPython:
    """Run `forward` (and `backward` when unapplied) on PostgreSQL only: indexes and features
    SQLite, the newcomer's database, has no form of. On SQLite the migration does nothing."""

    def on_postgres(sql: str):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return run

    return migrations.RunPython(on_postgres(forward), on_postgres(backward))
