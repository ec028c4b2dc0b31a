"""Find-an-officer filters: every field optional, every value checked, nothing a visitor types
can make the page fail."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.parsing import ascii_int
from officers import selectors
from officers.models import Gender, Race
from officers.search.selectors import OfficerCriteria

EMPLOYED_CHOICES = [("", _("Any")), ("yes", _("Currently employed")), ("no", _("No longer employed"))]


class OfficerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, badge or id"), required=False, max_length=100)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=selectors.department_public_queryset(),
        required=False,
        empty_label=_("All departments"),
    )
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=100)
    badge = forms.CharField(label=_("Badge or star number"), required=False, max_length=50)
    internal_id = forms.CharField(label=_("Department's internal id"), required=False, max_length=100)
    rank = forms.ChoiceField(label=_("Rank or job title"), required=False)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    employed = forms.ChoiceField(label=_("Employment"), choices=EMPLOYED_CHOICES, required=False)
    race = forms.MultipleChoiceField(
        label=_("Race"), choices=Race.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    gender = forms.MultipleChoiceField(
        label=_("Gender"), choices=Gender.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    min_age = forms.IntegerField(label=_("Age from"), required=False, min_value=16, max_value=100)
    max_age = forms.IntegerField(label=_("Age to"), required=False, min_value=16, max_value=100)
    photo = forms.BooleanField(label=_("Only officers with a photo"), required=False)

    ADVANCED = ("first_name", "last_name", "badge", "internal_id", "rank", "unit", "employed", "race", "gender", "min_age", "max_age", "photo")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        department_id = self._department_id()
        self.fields["rank"].choices = [("", _("Any rank"))] + [
            (name, name) for name in selectors.rank_names(department_id=department_id)
        ]
        units = selectors.unit_names(department_id=department_id)
        self.fields["unit"].choices = [("", _("Any unit"))] + [(name, name) for name in units]
        if not units:
            self.fields["unit"].help_text = _("Choose a department to filter by unit.")
        for name in ("q", "first_name", "last_name", "badge", "internal_id"):
            self.fields[name].widget.input_type = "search"

    def _department_id(self) -> int | None:
        value = (self.data.get("department") or "") if self.is_bound else ""
        return ascii_int(value, max_digits=11)

    def clean(self):
        data = super().clean()
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and low > high:
            self.add_error("max_age", _("The upper age is below the lower one."))
        return data

    @property
    def advanced_used(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.ADVANCED)

    def criteria(self) -> OfficerCriteria:
        data = self.cleaned_data
        employed = {"yes": True, "no": False}.get(data.get("employed") or "")
        return OfficerCriteria(
            q=data.get("q") or "",
            department_id=data["department"].pk if data.get("department") else None,
            first_name=data.get("first_name") or "",
            last_name=data.get("last_name") or "",
            badge=data.get("badge") or "",
            internal_id=data.get("internal_id") or "",
            rank=data.get("rank") or "",
            unit=data.get("unit") or "",
            currently_employed=employed,
            races=tuple(data.get("race") or ()),
            genders=tuple(data.get("gender") or ()),
            min_age=data.get("min_age"),
            max_age=data.get("max_age"),
            require_photo=bool(data.get("photo")),
        )
