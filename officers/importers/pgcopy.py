"""PostgreSQL bulk writes for the importer: COPY new rows in, UPDATE … FROM a COPY-ed temp table.

`bulk_create_with_history` prepares every value of every row through the ORM and inserts each
row twice (the row, then its audit-history row) with `INSERT … RETURNING`; at a few hundred
thousand rows that is most of an import's time. Here new rows get their ids from the table's
sequence in one query and are formatted as COPY text a column at a time. Their history rows
are read back from the rows as stored (`INSERT … SELECT`, the history table has the same
columns and types): exactly the snapshot django-simple-history would have recorded. When
another writer took ids among theirs, the same COPY text with the history columns appended to
each line goes into the history table instead. Updated rows get their history from the rows as
they stand after the UPDATE. Everything runs in the caller's transaction: an error rolls back
the whole import.
"""

import datetime
import re

from django.db import connection

from core.signals import public_data_written

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NULL = "\\N"
_SPECIAL = re.compile(r"[\\\t\n\r]")
_DATES = (datetime.date, datetime.datetime)
# Rows per chunk of COPY text: small enough that PostgreSQL starts storing early, large enough
# that formatting a column at a time stays cheap.
CHUNK = 4000
HISTORY_COLUMNS = ["history_date", "history_change_reason", "history_type", "history_user_id"]


def _text(values) -> list[str]:
    """One column's values (one type, or None) in COPY's text format."""
    sample = next((value for value in values if value is not None), None)
    if sample is None:
        return [_NULL] * len(values)
    if isinstance(sample, str):  # choices are str too
        if any(map(_SPECIAL.search, filter(None, values))):
            return [_NULL if value is None else value.translate(_ESCAPES) for value in values]
        return [_NULL if value is None else value for value in values]
    if isinstance(sample, bool):
        return [_NULL if value is None else "t" if value else "f" for value in values]
    if isinstance(sample, _DATES):
        return [_NULL if value is None else value.isoformat() for value in values]
    return [_NULL if value is None else str(value) for value in values]  # int, Decimal, UUID


def _pks(values) -> list:
    """A relation column: a pk, or an instance written earlier in the import, or None."""
    return [value if value is None or type(value) is int else value.pk for value in values]


class _Chunks:
    """A file over COPY text made a chunk at a time, for `copy_expert`: PostgreSQL stores one
    chunk while Python formats the next, where a whole body made first left one side idle."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)

    def read(self, size: int = -1) -> bytes:
        return next(self._chunks, b"")


def _copy(cursor, table: str, columns: list[str], chunks) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    cursor.cursor.copy_expert(f"COPY {quote(table)} ({names}) FROM STDIN", _Chunks(chunks))
    # psycopg's own cursor: Django's execute wrappers do not see this write.
    public_data_written.send(sender=_copy, connection=connection)


def _history_model(model):
    history = getattr(model, "history", None)
    return None if history is None else history.model


def copy_create(model, columns: list[str], rows: list, *, user, reason: str, when) -> list[int]:
    """Insert `rows` (values of `columns`, attribute names such as officer_id) into `model`'s
    table with COPY, and their '+' history rows; returns their new ids, in order.

    Columns not given take the model's default (a callable one, such as uuid4, once per row);
    created_at / updated_at are `when`.
    """
    if not rows:
        return []
    meta = model._meta
    count = len(rows)
    fields = [meta.get_field(column) for column in columns]
    given = set(columns)
    rest = [f for f in meta.local_concrete_fields if not f.primary_key and f.attname not in given]
    with connection.cursor() as cursor:
        # The sequence is looked up once: inside the query it would be looked up for every row.
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
        sequence = cursor.fetchone()[0]
        cursor.execute(
            "SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)", [sequence, count]
        )
        ids = cursor.fetchone()[0]
        names = [meta.pk.column] + [f.column for f in fields] + [f.column for f in rest]
        history = _history_model(model)
        # One block of the sequence (no other writer took a number in between): the history
        # rows are read back from the rows just stored, which PostgreSQL does without parsing
        # the text again. Otherwise they are copied from the same text.
        first, last = min(ids), max(ids)
        block = last - first == count - 1
        made = [] if history is not None and not block else None
        _copy(cursor, meta.db_table, names, _created_text(ids, fields, rows, rest, when, made))
        if history is None:
            return ids
        if block:
            _history_from_rows(
                cursor, model, "+", "WHERE t.{pk} BETWEEN %s AND %s", [first, last],
                user=user, reason=reason, when=when,
            )
            return ids
        user_id = getattr(user, "pk", None)
        extra = _text([when]) + _text([reason]) + ["+"] + _text([user_id])
        suffix = ("\t" + "\t".join(extra) + "\n").encode()
        _copy(
            cursor,
            history._meta.db_table,
            [*names, *HISTORY_COLUMNS],
            (chunk.replace(b"\n", suffix) for chunk in made),
        )
    return ids


def _history_from_rows(
    cursor, model, history_type: str, picked: str, params: list, *, user, reason: str, when
):
    """History rows of type `history_type` ('+' created, '~' changed) that snapshot the rows
    of `model` as they now stand: those `picked` (a WHERE or JOIN on the table as t; {pk} is
    its primary key's column)."""
    quote = connection.ops.quote_name
    meta = model._meta
    source = [quote(f.column) for f in meta.local_concrete_fields]
    cursor.execute(
        f"INSERT INTO {quote(_history_model(model)._meta.db_table)} "
        f"({', '.join(source)}, {', '.join(HISTORY_COLUMNS)}) "
        f"SELECT {', '.join('t.' + c for c in source)}, %s, %s, %s, %s "
        f"FROM {quote(meta.db_table)} t {picked.format(pk=quote(meta.pk.column))}",
        [when, reason, history_type, getattr(user, "pk", None), *params],
    )


def _created_text(ids: list[int], fields: list, rows: list, rest: list, when, made: list | None):
    """COPY text of new rows, `CHUNK` rows at a time, each chunk also kept in `made` (unless
    None) for the history rows (the same values, with the history columns appended)."""
    for start in range(0, len(rows), CHUNK):
        part = rows[start : start + CHUNK]
        count = len(part)
        texts = [_text(ids[start : start + CHUNK])]
        for field, values in zip(fields, zip(*part, strict=True), strict=True):
            texts.append(_text(_pks(values) if field.is_relation else values))
        for field in rest:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                texts.append(_text([when]) * count)
            elif callable(field.default):
                texts.append(_text([field.get_default() for _row in range(count)]))
            else:
                texts.append(_text([field.get_default()]) * count)
        chunk = ("\n".join(map("\t".join, zip(*texts))) + "\n").encode()
        if made is not None:
            made.append(chunk)
        yield chunk


def copy_create_objects(objects: list, *, user, reason: str, when) -> None:
    """Insert unsaved instances of one model (see copy_create); each gets its pk and timestamps."""
    if not objects:
        return
    model = type(objects[0])
    fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
    stamped = [
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    for obj in objects:
        for name in stamped:
            setattr(obj, name, when)
    columns = [f.attname for f in fields]
    rows = [[getattr(obj, name) for name in columns] for obj in objects]
    ids = copy_create(model, columns, rows, user=user, reason=reason, when=when)
    for obj, new_id in zip(objects, ids, strict=True):
        obj.pk = new_id
        obj._state.adding = False
        obj._state.db = connection.alias


def copy_update(model, columns: list[str], rows: list, *, user, reason: str, when) -> None:
    """Set `columns` of the rows whose pk leads each of `rows`, through a COPY-ed temp table,
    and stamp updated_at; '~' history rows from the rows as they now stand."""
    if not rows:
        return
    meta = model._meta
    quote = connection.ops.quote_name
    fields = [meta.pk] + [meta.get_field(column) for column in columns]
    names = [quote(f.column) for f in fields]
    table = quote(meta.db_table)
    texts = [
        _text(_pks(values) if field.is_relation else values)
        for field, values in zip(fields, zip(*rows, strict=True), strict=True)
    ]
    body = ("\n".join(map("\t".join, zip(*texts))) + "\n").encode()
    ids = [row[0] for row in rows]
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE import_changes AS "
            f"SELECT {', '.join(names)} FROM {table} WITH NO DATA"
        )
        try:
            _copy(cursor, "import_changes", [f.column for f in fields], [body])
            assignments = ", ".join(f"{c} = changes.{c}" for c in names[1:])
            cursor.execute(
                f"UPDATE {table} t SET {assignments}, updated_at = %s "
                f"FROM import_changes changes WHERE t.{names[0]} = changes.{names[0]}",
                [when],
            )
        finally:
            cursor.execute("DROP TABLE import_changes")
        if _history_model(model) is not None:
            _history_from_rows(
                cursor, model, "~", "JOIN unnest(%s::bigint[]) AS picked(id) ON t.{pk} = picked.id",
                [ids], user=user, reason=reason, when=when,
            )
