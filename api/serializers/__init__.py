"""Serializer building blocks for read-only partner resources, made to be cheap per call."""

import copy
import functools
import operator
import types
from collections.abc import Callable, Mapping

from django.db import models
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject, RelatedField

# Attribute values DRF would call (methods; get_FOO_display is a functools.partial): left to
# DRF's own lookup.
_CALLABLES = (types.MethodType, types.FunctionType, functools.partial)
# Fields whose `to_representation` returns a value of exactly this type as it is (`str(v)`,
# `int(v)`, DRF's boolean lookup): exact classes only, not subclasses that convert (labels).
_UNCHANGED = {serializers.CharField: str, serializers.IntegerField: int, serializers.BooleanField: bool}


class ReadModelSerializer(serializers.ModelSerializer):
    # No docstring: the schema would show it as every resource's description.
    # A fork of DRF's ModelSerializer because a benchmark shows it is needed: on an officers page
    # of 50 it runs 32 % fewer Python calls than the stock class (46,000 vs 68,100 a request)
    # for the same output (docs/benchmarks.md, "Stock DRF against our forks").
    # A ModelSerializer that works its fields out from the model once per class, not per call:
    # DRF introspects the model (and translates every verbose name to compare it with the label)
    # each time a serializer is used, which was a third of a detail call. Each instance still
    # gets its own copies, which DRF binds to it: a shallow copy of a plain field (binding
    # sets only its own name, parent and source), a deep copy of a field holding other fields
    # (a nested serializer, a list's child), which are bound in turn. DRF's deep copy of every
    # field builds it again from its arguments: the shallow copies take 6 % of an officers
    # page's Python calls and 15 % of a department list's away (docs/benchmarks.md, "Partner
    # API without the answer cache").

    # Stored URLs are blank when unknown and come from imported data sets as written: the schema
    # must not promise `format: uri` (fuzzing found values that are not URIs).
    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, models.URLField: serializers.CharField}

    def get_fields(self):
        cls = type(self)
        template = cls.__dict__.get("_field_template")
        if template is None:
            template = super().get_fields()
            cls._field_template = template
        return {name: _copy(field) for name, field in template.items()}

    @functools.cached_property
    def _plan(self) -> list[tuple[str, serializers.Field, Callable | None, type | None, bool]]:
        return [
            (
                field.field_name, field,
                operator.attrgetter(".".join(field.source_attrs)) if field.source_attrs else None,
                _UNCHANGED.get(type(field)), isinstance(field, RelatedField),
            )
            for field in self._readable_fields
        ]

    def to_representation(self, instance):
        # DRF's `Serializer.to_representation` with plain attribute reads where they are plain
        # (the same output, checked by tests/api/test_serializers.py): a page of 50 officers
        # reads about 1,300 attributes, and DRF's generic lookup was most of the page's time.
        # A value of the type a field would turn it into is kept as it is (`str(text)` is text).
        if isinstance(instance, Mapping):
            return super().to_representation(instance)
        ret = {}
        for name, field, read, unchanged, related in self._plan:
            try:
                if read is None:
                    raise LookupError
                attribute = read(instance)
                if unchanged is not None and type(attribute) is unchanged:
                    ret[name] = attribute
                    continue
                if isinstance(attribute, _CALLABLES):
                    raise LookupError
            except Exception:  # noqa: BLE001 - DRF's own lookup decides (defaults, errors, calls)
                try:
                    attribute = field.get_attribute(instance)
                except SkipField:
                    continue
            check_for_none = attribute.pk if related and isinstance(attribute, PKOnlyObject) else attribute
            ret[name] = None if check_for_none is None else field.to_representation(attribute)
        return ret


def _copy(field: serializers.Field) -> serializers.Field:
    if isinstance(field, serializers.BaseSerializer) or hasattr(field, "child") or hasattr(field, "child_relation"):
        return copy.deepcopy(field)
    return copy.copy(field)


@functools.cache
def _labels(choices: type) -> dict:
    return dict(choices.choices)


class ChoiceLabelField(serializers.CharField):
    """The label of a choice value in the request's language (`get_FOO_display` rebuilds a
    dictionary of all choices on every call, which for the 56 states showed in profiles)."""

    def __init__(self, choices: type, **kwargs):
        self.choices_class = choices
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return str(_labels(self.choices_class).get(value, value))
