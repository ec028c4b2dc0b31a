"""Forms for the public filters, the labelling queue, adjudication and incident review."""

import math

from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices import ForceRank, SourceKind, UsState
from incidents.models import Incident, RejectionReason, ReviewStatus
from incidents.selectors import IncidentFilters
from officers.models import Department, Officer

LABEL_CHOICES = [(str(value), label) for value, label in ForceRank.choices] + [
    ("unclear", _("Unclear / not English"))
]


class IncidentFilterForm(forms.Form):
    """The map's filters. Bad values are reported and ignored, never a server error."""

    rank = forms.TypedMultipleChoiceField(
        label=_("Force rank"),
        choices=ForceRank.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    state = forms.ChoiceField(
        label=_("State"), required=False, choices=[("", _("All states"))] + UsState.choices
    )
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All sources"))] + SourceKind.choices
    )
    q = forms.CharField(label=_("Words in the title"), required=False, max_length=100)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> IncidentFilters:
        if not self.is_bound:
            return IncidentFilters()
        self.is_valid()
        # Django drops invalid fields from cleaned_data: the valid filters still apply.
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return IncidentFilters(
            ranks=tuple(sorted(data.get("rank") or ())),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            state=data.get("state") or "",
            source=data.get("source") or "",
            q=(data.get("q") or "").strip(),
        )


class LabelForm(forms.Form):
    post = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(choices=LABEL_CHOICES + [("skip", _("Skip"))])


class AdjudicationForm(forms.Form):
    choice = forms.ChoiceField(label=_("Final label"), choices=LABEL_CHOICES)
    note = forms.CharField(
        label=_("Note for the labellers (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TagsField(forms.CharField):
    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        seen = []
        for tag in text.split(","):
            tag = " ".join(tag.split())[:60]
            if tag and tag not in seen:
                seen.append(tag)
        return seen


class IncidentReviewForm(forms.ModelForm):
    tags = TagsField(
        label=_("Tags"), required=False, help_text=_("Separated by commas."), max_length=1000
    )

    class Meta:
        model = Incident
        fields = [
            "title",
            "summary",
            "date",
            "force_rank",
            "city",
            "state",
            "latitude",
            "longitude",
            "tags",
            "departments",
            "officers",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "departments": forms.SelectMultiple(attrs={"size": 6}),
            "officers": forms.SelectMultiple(attrs={"size": 6}),
        }
        help_texts = {
            "summary": _("In our own words: the public page never shows the post's text."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.order_by("name")
        linked = self.instance.departments.all() if self.instance.pk else Department.objects.none()
        # Officers of the linked departments keep the list short enough to pick from.
        self.fields["officers"].queryset = (
            Officer.objects.filter(department__in=linked)
            | Officer.objects.filter(incidents=self.instance.pk or 0)
        ).distinct().order_by("last_name", "first_name")
        self.fields["officers"].help_text = _(
            "Officers of the linked departments; save the departments first to see theirs."
        )
        self.fields["latitude"].widget.attrs.update(step="any", min=-90, max=90)
        self.fields["longitude"].widget.attrs.update(step="any", min=-180, max=180)

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise forms.ValidationError(_("Those coordinates are not on Earth."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (ReviewStatus.APPROVED, _("Approve and publish")),
            (ReviewStatus.REJECTED, _("Reject")),
            (ReviewStatus.CANDIDATE, _("Back to candidates")),
        ],
    )
    reason = forms.ChoiceField(
        label=_("Reason for a rejection"),
        required=False,
        choices=[("", "—")] + RejectionReason.choices,
        help_text=_("“No force” and “not about police” teach the classifier what is not an incident."),
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == ReviewStatus.REJECTED and not data.get("reason"):
            self.add_error("reason", _("Say why the incident is rejected."))
        return data


class IdsField(forms.Field):
    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return sorted({int(v) for v in value or []})
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Those incidents could not be read.")) from None

    def validate(self, value):
        if not value:
            raise forms.ValidationError(_("Tick at least one incident."))


class BatchDecisionForm(DecisionForm):
    ids = IdsField()


class MapViewportForm(forms.Form):
    """The map's viewport: `bbox=west,south,east,north` in degrees and a zoom level."""

    bbox = forms.CharField(label=_("Map area"))
    zoom = forms.FloatField(label=_("Zoom level"), min_value=0, max_value=30)

    def clean_bbox(self) -> tuple[float, float, float, float]:
        parts = self.cleaned_data["bbox"].split(",")
        message = _("Give the map area as four numbers, west,south,east,north, in degrees.")
        if len(parts) != 4:
            raise forms.ValidationError(message)
        try:
            west, south, east, north = (float(part) for part in parts)
        except ValueError:
            raise forms.ValidationError(message) from None
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise forms.ValidationError(message)
        if not (-90 <= south <= 90 and -90 <= north <= 90):
            raise forms.ValidationError(_("Latitudes must be between -90 and 90."))
        if not (-540 <= west <= 540 and -540 <= east <= 540):
            raise forms.ValidationError(_("Longitudes must be between -540 and 540."))
        return west, south, east, north
