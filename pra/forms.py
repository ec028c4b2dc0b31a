"""Forms: the requester's answers, and the staff template editor's placeholder check."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from pra.choices import DeliveryFormat, Subject
from pra.letters import LetterRequest, placeholders_in, unknown_placeholders
from pra.models import RequestTemplate
from pra.selectors import state_choices, subject_choices

MAX_DAYS_FROM_TODAY = 366


# The `?sent=` date of a state page may be long past (when was my old request due?), but a date
# near year 9999 made the deadline arithmetic overflow.
SENT_EARLIEST = datetime.date(1900, 1, 1)
SENT_LATEST = datetime.date(2100, 12, 31)


def sent_date_parse(value: str) -> datetime.date:
    """The `?sent=` date of a state page and its .ics link; ValueError carries the visitor's message."""
    try:
        sent_on = datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("Enter a date as YYYY-MM-DD.")) from None
    if not SENT_EARLIEST <= sent_on <= SENT_LATEST:
        raise ValueError(_("Choose a date between 1900 and 2100."))
    return sent_on
# ISO whatever the language: that is the only value an <input type=date> accepts.
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ChooseForm(forms.Form):
    state = forms.ChoiceField(label=_("State or territory"), choices=())
    subject = forms.ChoiceField(
        label=_("What records do you want?"), choices=(), widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("Choose a state or territory…")), *state_choices()]
        self.fields["subject"].choices = subject_choices()


class LetterForm(forms.Form):
    state = forms.CharField(widget=forms.HiddenInput)
    subject = forms.CharField(widget=forms.HiddenInput)
    agency = forms.CharField(
        label=_("Agency"),
        max_length=200,
        help_text=_("The police department or sheriff's office that holds the records."),
    )
    officer_name = forms.CharField(label=_("Officer's full name"), max_length=200, required=False)
    incident_description = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Date, time, place and what happened, as precisely as you can."),
    )
    date_from = forms.DateField(label=_("Records from"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("Records until"), required=False, widget=DATE_WIDGET)
    delivery_format = forms.ChoiceField(
        label=_("How do you want the records?"),
        choices=DeliveryFormat.choices,
        initial=DeliveryFormat.ELECTRONIC,
    )
    fee_cap = forms.DecimalField(
        label=_("Most you will pay without being asked first (US$)"),
        min_value=Decimal("0"),
        max_value=Decimal("10000"),
        decimal_places=2,
        initial=Decimal("25"),
        required=False,
    )
    requester_name = forms.CharField(label=_("Your name"), max_length=120)
    requester_contact = forms.CharField(
        label=_("Your contact details"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
        help_text=_("Postal address, email or phone, as you want them in the letter."),
    )
    send_date = forms.DateField(
        label=_("Date you will send it"),
        widget=DATE_WIDGET,
        help_text=_("The response deadline is counted from this day."),
    )

    def __init__(self, *args, subject: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.subject = subject
        self.fields["requester_name"].widget.attrs["autocomplete"] = "name"
        self.fields["send_date"].initial = datetime.date.today()
        if subject == Subject.MISCONDUCT_BY_OFFICER:
            self.fields["officer_name"].required = True
        else:
            del self.fields["officer_name"]
        if subject == Subject.MISCONDUCT_BY_INCIDENT:
            self.fields["incident_description"].required = True
        else:
            del self.fields["incident_description"]

    def clean_send_date(self):
        value = self.cleaned_data["send_date"]
        if abs((value - datetime.date.today()).days) > MAX_DAYS_FROM_TODAY:
            raise forms.ValidationError(_("Choose a date within a year of today."))
        return value

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period must come after its start."))
        return cleaned

    def letter_request(self, *, jurisdiction: str) -> LetterRequest:
        data = self.cleaned_data
        return LetterRequest(
            jurisdiction=jurisdiction,
            subject=self.subject,
            agency=data["agency"],
            requester_name=data["requester_name"],
            requester_contact=data["requester_contact"],
            officer_name=data.get("officer_name", ""),
            incident_description=data.get("incident_description", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            delivery_format=data["delivery_format"],
            fee_cap=data.get("fee_cap"),
            send_date=data["send_date"],
        )


class RequestTemplateAdminForm(forms.ModelForm):
    class Meta:
        model = RequestTemplate
        fields = "__all__"
        widgets = {"body": forms.Textarea(attrs={"rows": 30, "cols": 100})}

    def clean(self):
        cleaned = super().clean()
        for name in ("title", "body"):
            unknown = unknown_placeholders(cleaned.get(name, ""))
            if unknown:
                self.add_error(
                    name,
                    _("Unknown placeholders: %(names)s.")
                    % {"names": ", ".join(f"{{{{ {n} }}}}" for n in sorted(unknown))},
                )
        subject = cleaned.get("subject")
        body = cleaned.get("body", "")
        required = {
            Subject.MISCONDUCT_BY_OFFICER: "officer_name",
            Subject.MISCONDUCT_BY_INCIDENT: "incident_description",
        }.get(subject)
        if required and required not in placeholders_in(body):
            self.add_error(
                "body",
                _("This subject's letter must use {{ %(name)s }}.") % {"name": required},
            )
        return cleaned
