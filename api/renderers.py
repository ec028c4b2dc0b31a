"""CSV downloads of list endpoints (`?format=csv`), safe to open in a spreadsheet; JSON pages
whose records PostgreSQL wrote (`Documents`)."""

import csv
import io
import json

import rest_framework.renderers
from rest_framework.renderers import BaseRenderer

from core.spreadsheets import formula_safe

def flatten(row: dict, prefix: str = "") -> dict:
    flat = {}
    for name, value in row.items():
        column = f"{prefix}{name}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{column}."))
        elif isinstance(value, list):
            if all(not isinstance(item, dict | list) for item in value):
                flat[column] = "; ".join("" if item is None else str(item) for item in value)
            else:
                flat[column] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            flat[column] = value
    return flat


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        rows = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(rows, dict):
            rows = [rows]
        flat_rows = [flatten(row) for row in rows]
        columns: list[str] = []
        for row in flat_rows:
            columns.extend(name for name in row if name not in columns)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in flat_rows:
            writer.writerow({name: formula_safe(value) for name, value in row.items()})
        return buffer.getvalue().encode(self.charset)


class Documents(list):
    """A page's records already written as JSON text by PostgreSQL (api/documents.py)."""


class JSONRenderer(rest_framework.renderers.JSONRenderer):
    """DRF's JSON, with a paginated page's `results` given as `Documents` placed as they are."""

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if not (isinstance(data, dict) and isinstance(data.get("results"), Documents)):
            return super().render(data, accepted_media_type, renderer_context)
        # DRF's paginated page ends with its results.
        head = super().render({name: value for name, value in data.items() if name != "results"})
        results = b"[" + ",".join(data["results"]).encode() + b"]"
        return head[:-1] + (b',' if len(head) > 2 else b"") + b'"results":' + results + b"}"
