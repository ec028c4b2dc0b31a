"""Serializer building blocks for read-only partner resources, made to be cheap per call."""

import copy
import functools

from rest_framework import serializers


class ReadModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer that works its fields out from the model once per class, not per call.

    DRF introspects the model (and translates every verbose name to compare it with the label)
    each time a serializer is used; for a read-only resource that was a third of a detail call.
    Each instance still gets its own copies, which DRF binds to it."""

    def get_fields(self):
        cls = type(self)
        template = cls.__dict__.get("_field_template")
        if template is None:
            template = super().get_fields()
            cls._field_template = template
        return copy.deepcopy(template)


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
