"""Form fields shared by the public search pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import UsState, state_from_text


class StateField(forms.ChoiceField):
    """An optional state filter that also understands `OR`, `or` and `Oregon` for `USA-OR`."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("State"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("choices", [("", _("Any state"))] + UsState.choices)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("“%(value)s” is not a US state or territory.")},
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        return state_from_text(value) or value if value else ""
