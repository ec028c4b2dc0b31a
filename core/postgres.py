"""PostgreSQL for JSON written by the database (api/documents.py, /API/BA/): objects whose keys
keep their order, arrays in a given order, times as Python writes them, and statements compiled
once and prepared."""

import functools
import re
import weakref

from django.contrib.postgres.aggregates.mixins import OrderableAggMixin
from django.db import connection, models
from django.db.models import Func, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

_KEY = re.compile(r"^[a-z_]+$")


class JSONFields(Func):
    """`JSON_BUILD_OBJECT('key', value, …)`: json, not jsonb, so the keys keep their order."""

    output_field = models.JSONField()

    def __init__(self, **fields):
        if not all(_KEY.match(key) for key in fields):
            raise ValueError(f"JSON keys must be plain names: {list(fields)}")
        self.keys = list(fields)
        super().__init__(*fields.values())

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for key, expression in zip(self.keys, self.get_source_expressions(), strict=True):
            sql, expression_params = compiler.compile(expression)
            parts.append(f"'{key}', {sql}")
            params.extend(expression_params)
        return f"JSON_BUILD_OBJECT({', '.join(parts)})", params


class JSONAgg(OrderableAggMixin, models.Aggregate):
    function = "JSON_AGG"
    template = "%(function)s(%(expressions)s %(order_by)s)"
    output_field = models.JSONField()


def json_array(rows: models.QuerySet, *, parent: str, document, order_by: tuple[str, ...]) -> Coalesce:
    """The outer row's children among `rows` (`parent`: their foreign key to it) as a JSON
    array of `document` in `order_by` order; [] when there are none."""
    aggregated = (
        rows.filter(**{parent: OuterRef("pk")}).order_by().values(parent)
        .annotate(document=JSONAgg(document, order_by=order_by)).values("document")
    )
    return Coalesce(Subquery(aggregated), RawSQL("'[]'::json", ()), output_field=models.JSONField())


class UTCText(Func):
    """A datetime in UTC as text, microseconds only when there are any (as Python writes
    them): by default as DRF writes it with USE_TZ (`2024-03-01T12:00:00.120000Z`);
    `separator=" ", zone="+00:00"` gives Python's `str()` (`2024-03-01 12:00:00+00:00`)."""

    output_field = models.TextField()

    def __init__(self, expression, *, separator: str = "T", zone: str = "Z"):
        if separator not in ("T", " ") or zone not in ("Z", "+00:00"):
            raise ValueError("a separator of T or space, a zone of Z or +00:00")
        self.template = (
            f"(REPLACE(TO_CHAR(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"{separator}\"HH24:MI:SS.US'), "
            f"'.000000', '') || '{zone}')"
        )
        super().__init__(expression)


class Slot:
    """A value each call supplies, standing among a compiled statement's parameters until then
    (found by identity, so Django must pass it through untouched: use it in `RawSQL`)."""

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return f"Slot({self.name!r})"


class PreparedStatement:
    """A query Django compiles once per process, run with each call's `Slot` values.

    Compiling a query with subqueries and public rules cost Django more than PostgreSQL took to
    run it, and planning it was a third of PostgreSQL's time (docs/benchmarks.md, "Officers
    pages written by PostgreSQL"). So the statement is prepared once per connection Django keeps
    (a prepared statement outlives the transaction it was made in) and executed after; with
    `CONN_MAX_AGE=0` (a connection per request, as behind pgbouncer's transaction pooling, where
    it could be on another server connection) it is sent whole and planned each time.
    """

    _names: set[str] = set()

    def __init__(self, name: str, build):
        # One name per statement: a connection holds one prepared statement of a name.
        if name in PreparedStatement._names:
            raise ValueError(f"a prepared statement is already named {name}")
        PreparedStatement._names.add(name)
        self.name = name
        self._build = build
        self._prepared_on: weakref.WeakSet = weakref.WeakSet()

    @functools.cached_property
    def _compiled(self) -> tuple[str, tuple, str, str]:
        sql, params = self._build().query.sql_with_params()
        slots = [p.name for p in params if isinstance(p, Slot)]
        if len(set(slots)) != len(slots):
            raise RuntimeError(f"{self.name}: a slot appears twice among the parameters: {slots}")
        numbers = iter(range(1, len(params) + 1))
        # Django's placeholders (%s) become $1, $2, …; its escaped % (%%) a plain one: PREPARE
        # is sent without parameters, so nothing else reads it.
        text = re.sub(r"%%|%s", lambda m: "%" if m.group() == "%%" else f"${next(numbers)}", sql)
        placeholders = ", ".join(["%s"] * len(params))
        return sql, tuple(params), f"PREPARE {self.name} AS {text}", f"EXECUTE {self.name}({placeholders})"

    def rows(self, **values) -> list[tuple]:
        sql, params, prepare, execute = self._compiled
        arguments = [values[p.name] if isinstance(p, Slot) else p for p in params]
        with connection.cursor() as cursor:
            if connection.settings_dict.get("CONN_MAX_AGE") == 0:
                cursor.execute(sql, arguments)
            else:
                if connection.connection not in self._prepared_on:
                    cursor.execute(prepare)
                    self._prepared_on.add(connection.connection)
                cursor.execute(execute, arguments)
            return cursor.fetchall()
