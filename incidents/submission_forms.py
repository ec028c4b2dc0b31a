"""The witness form: what happened, where, when, links to media, optional contact."""

import datetime

from django import forms
from django.core.validators import URLValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core.antispam import SpamGuardForm
from core.choices import FORCE_RANK_DESCRIPTIONS, ForceRank
from incidents.places import place_resolve

WHAT_MAX = 5000
MAX_LINKS = 10
EARLIEST = datetime.date(2000, 1, 1)


class WitnessIncidentForm(SpamGuardForm):
    what = forms.CharField(
        label=_("What happened?"), min_length=20, max_length=WHAT_MAX,
        widget=forms.Textarea(attrs={"rows": 7, "maxlength": WHAT_MAX}),
        help_text=_("What you saw, in your own words: who did what, to whom, and what happened next. Leave out names of people who are not police."),
    )
    place = forms.CharField(
        label=_("Where? (city, state)"), max_length=120,
        widget=forms.TextInput(attrs={"list": "place-options", "autocomplete": "off", "data-place-search": ""}),
        help_text=_("Type the city and pick it from the list, e.g. “Portland, OR”. Streets and landmarks go in the description."),
    )
    date = forms.DateField(
        label=_("When?"), widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day it happened."),
    )
    force_rank = forms.TypedChoiceField(
        label=_("What force did the police use?"), required=False, coerce=int, empty_value=None,
        choices=[("", _("I am not sure"))] + [
            (value, format_lazy("{}: {}", label, FORCE_RANK_DESCRIPTIONS[value])) for value, label in ForceRank.choices if value >= 1
        ],
        widget=forms.RadioSelect,
    )
    links = forms.CharField(
        label=_("Links to photos, videos or news (optional)"), required=False, max_length=MAX_LINKS * 1010,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line, at most ten. Do not upload files here."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your email (optional)"), max_length=254, required=False)
    phone = forms.CharField(label=_("Your phone (optional)"), max_length=40, required=False)

    def __init__(self, *args, retention_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _(
            "Anonymous reports are welcome. If you leave a way to reach you, only reviewers see it, and it is deleted after %(days)s days."
        ) % {"days": retention_days}

    def clean_place(self):
        text = self.cleaned_data["place"]
        city = place_resolve(text)
        if city is None:
            raise forms.ValidationError(
                _("We could not find “%(place)s” among US cities of 15,000 people or more. Type the city and state, e.g. “Portland, OR”, and pick it from the list; name a smaller place in the description."),
                code="unknown_place", params={"place": text},
            )
        return city

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > datetime.date.today():
            raise forms.ValidationError(_("The date is in the future."), code="future")
        if date < EARLIEST:
            raise forms.ValidationError(_("We take incidents from 2000 onwards."), code="too_old")
        return date

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        if len(lines) > MAX_LINKS:
            raise forms.ValidationError(_("At most ten links, please."), code="too_many")
        check = URLValidator(schemes=["http", "https"])
        for number, line in enumerate(lines, start=1):
            try:
                if len(line) > 1000:
                    raise forms.ValidationError("too long")
                check(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(number)s is not a web address starting with http:// or https://: “%(value)s”."),
                    code="bad_link", params={"number": number, "value": line[:80]},
                ) from None
        return list(dict.fromkeys(lines))
