"""PostgreSQL expressions for JSON written by the database (api/documents.py, /API/BA/):
objects whose keys keep their order, arrays in a given order, times as Python writes them."""

import re

from django.contrib.postgres.aggregates.mixins import OrderableAggMixin
from django.db import models
from django.db.models import Func

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
