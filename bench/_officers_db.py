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


def create(name: str = BENCH_DB, *, fresh: bool = True) -> None:
    """Create the benchmark database (or, not `fresh`, reuse it if it exists), point Django at
    it and migrate."""
    if fresh:
        _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    try:
        _admin(f"CREATE DATABASE {name}")
    except psycopg2.errors.DuplicateDatabase:
        if fresh:
            raise
    os.environ["DATABASE_URL"] = f"{SERVER}/{name}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    if settings.configured:
        # Another benchmark in this process set Django up: repoint its connection.
        from django.db import connections

        connections.close_all()
        settings.DATABASES["default"]["NAME"] = name
        connections["default"].settings_dict["NAME"] = name
    else:
        django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def drop(name: str = BENCH_DB) -> None:
    from django.db import connections

    connections.close_all()
    _admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
