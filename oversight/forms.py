from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StateField


class DirectoryForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    state = StateField()
    city = forms.CharField(label=_("City or town"), required=False, max_length=120)

    def filters(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or "",
            "state": data.get("state") or "",
            "city": data.get("city") or "",
        }


class ComplaintForm(forms.Form):
    """Who the complaint is about: an officer (by public id) or a department (by id)."""

    officer = forms.UUIDField(
        required=False, error_messages={"invalid": _("That officer link is not valid.")}
    )
    department = forms.IntegerField(
        label=_("Department"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("That department link is not valid.")},
    )
    q = forms.CharField(label=_("Department name"), required=False, max_length=100)
    state = StateField()
