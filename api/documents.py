"""A list page's records as JSON that PostgreSQL writes, for the partner API's officers list.

An officers page of 50 spent four fifths of its CPU in Django compiling six queries' SQL and in
DRF converting some 2,500 values (docs/benchmarks.md, "Partner API without the answer cache").
Here the page's JSON is written by one statement compiled once per process and prepared
(`core.postgres.PreparedStatement`): its text comes from the serializer's own field list and
the models' own public rules (`public_under_public_parent`), and only the page's ids and the
crops' URL prefix change from call to call. The objects have
the serializer's keys in the serializer's order and the same values (`tests/api/
test_documents.py` compares them over varied records); only the whitespace differs.

Used where its output equals the serializer's: PostgreSQL, the API's datetimes in UTC, and
storage whose file URLs are a prefix followed by the file's name (local files, or a public
bucket; not signed URLs). Elsewhere the list is serialized by DRF as before.
"""

import functools

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, models
from django.db.models import ExpressionWrapper, F, Func, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat
from rest_framework import serializers as drf

from api.serializers.officers import (
    AssignmentSerializer, CertificationEventSerializer, FaceSerializer, OfficerSerializer,
)
from core.postgres import JSONFields, PreparedStatement, Slot, UTCText, json_array
from officers.models import Assignment, CertificationEvent, Face, Officer

_PAGE_IDS = Slot("ids")
_CROP_BASE = Slot("crop_base")


class FullName(Func):
    """`Officer.full_name`: the names there are, joined by a space, then the suffix; Python's
    strip() of the result is whitespace at either end, which `[[:space:]]` matches."""

    output_field = models.TextField()

    def __init__(self, ref: type[F] = F):
        super().__init__(*(ref(part) for part in ("first_name", "middle_name", "last_name", "suffix")))

    def as_sql(self, compiler, connection, **extra_context):
        (first, middle, last, suffix), params = zip(*(compiler.compile(e) for e in self.get_source_expressions()))
        if any(params):
            raise ValueError("names are columns")
        name = f"CONCAT_WS(' ', NULLIF({first}, ''), NULLIF({middle}, ''), NULLIF({last}, ''))"
        trimmed = f"REGEXP_REPLACE({name} || ' ' || {suffix}, '^[[:space:]]+|[[:space:]]+$', '', 'g')"
        return f"(CASE WHEN {suffix} <> '' THEN {trimmed} ELSE {name} END)", []


def _document(serializer_class: type[drf.ModelSerializer], special: dict) -> JSONFields:
    """The serializer's fields in its order: a model field read as it is stored (datetimes as
    DRF writes them), every other field from `special`. A field added to the serializer and
    not mapped here fails at once (FieldDoesNotExist)."""
    model = serializer_class.Meta.model
    fields = {}
    for name in serializer_class.Meta.fields:
        if name in special:
            fields[name] = special[name]
            continue
        field = model._meta.get_field(name)
        fields[name] = UTCText(F(name)) if isinstance(field, models.DateTimeField) else F(name)
    return JSONFields(**fields)


def _officers_queryset() -> models.QuerySet:
    assignments = json_array(
        Assignment.objects.public_under_public_parent(), parent="officer",
        document=_document(AssignmentSerializer, {
            "rank": F("rank__name"),
            "unit": F("unit__name"),
            "is_current": ExpressionWrapper(Q(end_date__isnull=True), output_field=models.BooleanField()),
        }),
        order_by=("-start_date", "pk"),
    )
    faces = json_array(
        Face.objects.public_under_public_parent(), parent="officer",
        document=_document(FaceSerializer, {
            "crop_url": Concat(RawSQL("%s", (_CROP_BASE,), output_field=models.TextField()), F("crop")),
        }),
        order_by=("-is_featured", "-created_at", "pk"),
    )
    events = json_array(
        CertificationEvent.objects.public_under_public_parent(), parent="officer",
        document=_document(CertificationEventSerializer, {
            "id": F("pk"),
            "officer": OuterRef("public_id"),
            "officer_name": FullName(OuterRef),
        }),
        order_by=("date", "pk"),
    )
    document = _document(OfficerSerializer, {
        "id": F("public_id"),
        "full_name": FullName(),
        "department": JSONFields(id=F("department_id"), name=F("department__name"), state=F("department__state")),
        "assignments": assignments,
        "faces": faces,
        "certification_events": events,
    })
    return (
        Officer.objects.filter(pk__in=RawSQL("SELECT UNNEST(%s::bigint[])", (_PAGE_IDS,)))
        .annotate(document=Cast(document, models.TextField()))
        .order_by().values_list("pk", "document")
    )


_OFFICERS = PreparedStatement("accountable_officer_documents", _officers_queryset)


def url_prefix(storage) -> str | None:
    """The prefix every file's URL in `storage` is (prefix + name), or None (signed URLs)."""
    names = ("faces/2026/01/0123abcd.jpg", "faces/2025/12/fedc3210.jpg")
    try:
        urls = [storage.url(name) for name in names]
    except Exception:  # noqa: BLE001 - a storage that cannot say is one we do not assume
        return None
    prefix = urls[0].removesuffix(names[0])
    return prefix if urls[0] != prefix and urls[1] == prefix + names[1] else None


@functools.cache
def _storage_url_prefix() -> str | None:
    return url_prefix(default_storage)


def officer_documents_available() -> bool:
    return (
        connection.vendor == "postgresql" and settings.USE_TZ and settings.TIME_ZONE == "UTC"
        and _storage_url_prefix() is not None
    )


def officer_documents(*, ids: list[int], request) -> list[str]:
    """The officers `ids` (already public) as the serializer's JSON objects, in that order."""
    if not ids:
        return []
    crop_base = request.build_absolute_uri(_storage_url_prefix())
    documents = dict(_OFFICERS.rows(ids=list(ids), crop_base=crop_base))
    return [documents[pk] for pk in ids]
