"""A throw-away PostgreSQL database for the officers benchmarks (acc_bench_officers)."""

import os

import psycopg2

BENCH_DB = "acc_bench_officers"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def _admin(statement: str) -> None:
    connection = psycopg2.connect(f"{SERVER}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def create() -> None:
    """Create the benchmark database, point Django at it and migrate."""
    _admin(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    _admin(f"CREATE DATABASE {BENCH_DB}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{BENCH_DB}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    if settings.configured:
        # Another benchmark in this process set Django up: repoint its connection.
        from django.db import connections

        connections.close_all()
        settings.DATABASES["default"]["NAME"] = BENCH_DB
        connections["default"].settings_dict["NAME"] = BENCH_DB
    else:
        django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def drop() -> None:
    from django.db import connections

    connections.close_all()
    _admin(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
