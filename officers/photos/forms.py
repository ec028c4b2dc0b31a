"""Forms for photo submission and the volunteer queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from officers.photos.selectors import departments_accepting_photos
from officers.photos.services.limits import MAX_FILES_PER_SUBMISSION, MAX_PIXELS, MAX_UPLOAD_BYTES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field. Content checks happen per file in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp", "data-max-bytes": MAX_UPLOAD_BYTES}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if not files:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class PhotoSubmitForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=departments_accepting_photos(),
        empty_label=_("Choose the officers' department"),
        error_messages={"invalid_choice": _("Choose a department from the list.")},
    )
    photos = MultipleFileField(
        label=_("Photos"),
        help_text="",
        error_messages={"required": _("Choose at least one photo to send.")},
    )
    note = forms.CharField(
        label=_("Anything we should know (optional)"),
        help_text=_("Where and when the photos were taken, or who is in them. Do not include your own contact details."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per request, so it is in the visitor's language.
        self.fields["photos"].help_text = _(
            "JPEG, PNG or WebP; up to %(count)d photos, %(size)d MB and %(mp)d megapixels each."
        ) % {"count": MAX_FILES_PER_SUBMISSION, "size": MAX_UPLOAD_BYTES // 1024 // 1024, "mp": MAX_PIXELS // 1_000_000}

    rights = forms.BooleanField(
        label=_("I took these photos in a public place, or I have the right to share them."),
        error_messages={"required": _("Please confirm you may share these photos.")},
    )


class SortForm(forms.Form):
    answer = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No")), ("skip", _("Skip"))])


class BoxForm(forms.Form):
    x = forms.IntegerField(min_value=0)
    y = forms.IntegerField(min_value=0)
    width = forms.IntegerField(min_value=1)
    height = forms.IntegerField(min_value=1)


class OfficerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or badge number"), max_length=100, required=False)
