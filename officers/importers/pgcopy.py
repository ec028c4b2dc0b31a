"""PostgreSQL bulk writes for the importer: COPY new rows in, UPDATE … FROM a COPY-ed temp table.

`bulk_create_with_history` prepares every value of every row through the ORM and inserts each
row twice (the row, then its audit-history row) with `INSERT … RETURNING`; at a few hundred
thousand rows that is most of an import's time. Here rows are written as COPY text, and the
history rows are made by the database from the rows just written (`INSERT … SELECT`), so they
hold exactly what was stored — the same snapshot django-simple-history would have recorded.
Everything runs in the caller's transaction: an error rolls back the whole import.
"""

import datetime
import decimal
import io
import re
import uuid

from django.db import connection
from django.utils import timezone

from api import answers

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NULL = "\\N"
_SPECIAL = re.compile(r"[\\\t\n\r]")


def _text(value) -> str:
    """One value in COPY's text format."""
    if value is None:
        return _NULL
    if isinstance(value, str):
        return value.translate(_ESCAPES) if _SPECIAL.search(value) else value
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (int, decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    raise TypeError(f"no COPY text form for {type(value).__name__}")


def _columns(model, *, with_pk: bool = True) -> list:
    fields = model._meta.local_concrete_fields
    return [f for f in fields if with_pk or not f.primary_key]


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    buffer = io.StringIO()
    buffer.writelines("\t".join(map(_text, row)) + "\n" for row in rows)
    buffer.seek(0)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN", buffer)
    # psycopg's own cursor: Django's execute wrappers do not see this write.
    answers.public_data_written(connection)


def _history(cursor, model, ids: list[int], *, history_type: str, user, reason: str, when) -> None:
    """Audit-history rows for `ids`, copied from the rows as they now stand."""
    history = getattr(model, "history", None)
    if history is None or not ids:
        return
    quote = connection.ops.quote_name
    source = [quote(f.column) for f in _columns(model)]
    cursor.execute(
        f"INSERT INTO {quote(history.model._meta.db_table)} "
        f"({', '.join(source)}, history_date, history_change_reason, history_type, history_user_id) "
        f"SELECT {', '.join('t.' + c for c in source)}, %s, %s, %s, %s "
        f"FROM {quote(model._meta.db_table)} t JOIN unnest(%s::bigint[]) AS picked(id) ON t.id = picked.id",
        [when, reason, history_type, getattr(user, "pk", None), ids],
    )


def copy_create(objects: list, model, *, user=None, reason: str = "", when=None) -> None:
    """Insert `objects` (unsaved instances of `model`) with COPY, and their '+' history rows.

    Primary keys are taken from the table's sequence first, so each instance gets its pk as
    `bulk_create` would give it, and rows pointing at it can be written next.
    """
    if not objects:
        return
    when = when or timezone.now()
    meta = model._meta
    pk = meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(objects)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        fields = _columns(model)
        stamped = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        relations = [field for field in meta.concrete_fields if field.is_relation]
        for obj, new_id in zip(objects, ids, strict=True):
            setattr(obj, pk.attname, new_id)
            for field in stamped:
                setattr(obj, field.attname, when)
            # Related instances assigned before they had a pk: pick their pk up now.
            for field in relations:
                if field.is_cached(obj):
                    related = field.get_cached_value(obj)
                    if related is not None:
                        # Setting the id drops the cached instance: put it back.
                        setattr(obj, field.attname, related.pk)
                        field.set_cached_value(obj, related)
            obj._state.adding = False
            obj._state.db = connection.alias
        attnames = [f.attname for f in fields]
        _copy(
            cursor,
            meta.db_table,
            [f.column for f in fields],
            ([getattr(obj, name) for name in attnames] for obj in objects),
        )
        _history(cursor, model, ids, history_type="+", user=user, reason=reason, when=when)


def copy_update(objects: list, model, field_names: list[str], *, user=None, reason: str = "", when=None) -> None:
    """Update `field_names` of `objects` through a COPY-ed temp table, with '~' history rows."""
    if not objects:
        return
    when = when or timezone.now()
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [meta.pk] + [meta.get_field(name) for name in field_names]
    columns = [quote(f.column) for f in fields]
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE import_changes AS SELECT {', '.join(columns)} FROM {table} WITH NO DATA")
        try:
            attnames = [f.attname for f in fields]
            _copy(
                cursor,
                "import_changes",
                [f.column for f in fields],
                ([getattr(obj, name) for name in attnames] for obj in objects),
            )
            assignments = ", ".join(f"{c} = changes.{c}" for c in columns[1:])
            cursor.execute(
                f"UPDATE {table} t SET {assignments} FROM import_changes changes WHERE t.{columns[0]} = changes.{columns[0]}"
            )
        finally:
            cursor.execute("DROP TABLE import_changes")
        _history(cursor, model, [obj.pk for obj in objects], history_type="~", user=user, reason=reason, when=when)
