"""The public report-search form: every filter validated, each bad value explained."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import StateField
from reports import badapple
from reports.models import FindingOutcome, PolicyCategory
from reports.selectors import report_search_departments


class CodeChoiceField(forms.ChoiceField):
    """A choice of our values that also accepts Bad Apple's code for the same thing.

    Partners paste links from Bad Apple (`?policy=1`); the code is translated whole, so "1"
    means Handcuffing and Restraints and never 10–19.
    """

    def __init__(self, *, from_badapple, **kwargs):
        self.from_badapple = from_badapple
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).strip()
        if value and value not in self.valid_values():
            try:
                return str(self.from_badapple(value).value)
            except badapple.UnknownBadAppleCode:
                return value
        return value

    def valid_values(self) -> set[str]:
        return {str(key) for key, _label in self.choices}


class ReportSearchForm(forms.Form):
    q = forms.CharField(label=_("Officer name"), required=False, max_length=100)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=None,
        required=False,
        empty_label=_("Any department"),
        error_messages={"invalid_choice": _("That department has no published reports.")},
    )
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    state = StateField()
    year = forms.IntegerField(
        label=_("Incident year"),
        required=False,
        min_value=1900,
        error_messages={"invalid": _("Enter a year such as 2021.")},
    )
    policy = CodeChoiceField(
        label=_("Policy category"),
        required=False,
        choices=[("", _("Any policy"))] + PolicyCategory.choices,
        from_badapple=badapple.policy_from_badapple,
        error_messages={"invalid_choice": _("“%(value)s” is not a policy category.")},
    )
    outcome = CodeChoiceField(
        label=_("Finding outcome"),
        required=False,
        choices=[("", _("Any outcome"))] + FindingOutcome.choices,
        from_badapple=badapple.outcome_from_badapple,
        error_messages={"invalid_choice": _("“%(value)s” is not a finding outcome.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = report_search_departments()
        # The latest plausible year moves with the calendar, so it is set per request.
        latest = timezone.now().year + 1
        year = self.fields["year"]
        year.max_value = latest
        year.validators.append(MaxValueValidator(latest))
        year.widget.attrs["max"] = latest

    def filters(self) -> dict:
        """Selector keyword arguments from the fields that are valid (bad ones are skipped)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return {
            "officer_name": data.get("q") or "",
            "department": data.get("department"),
            "city": data.get("city") or "",
            "state": data.get("state") or "",
            "incident_year": data.get("year"),
            "policy_category": data.get("policy") or "",
            "outcome": data.get("outcome") or "",
        }
