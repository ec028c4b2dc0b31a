"""Spam resistance for public forms without third-party services: a honeypot field people
never see, a signed time stamp that tells a form filled in under a few seconds (a robot) or
a day ago (a replay), and the per-address limit the view adds (django-ratelimit)."""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "core.antispam.started"
MAX_AGE_SECONDS = 24 * 3600


def started_token(at: float | None = None) -> str:
    """The signed moment a form was shown."""
    return signing.dumps(time.time() if at is None else at, salt=SALT)


class SpamGuardForm(forms.Form):
    """Subclass for a public form; render `{% include "core/_spam_guard.html" %}` inside it."""

    # Named like a field robots love to fill; hidden from people and from screen readers.
    website = forms.CharField(required=False, label=_("Leave this empty"))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # A fresh time stamp each time the form is shown (also when shown again with errors).
        self.started_token = started_token()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("This looks like an automated submission; nothing was stored."), code="honeypot")
        try:
            shown_at = float(signing.loads(cleaned.get("started") or "", salt=SALT, max_age=MAX_AGE_SECONDS))
        except signing.SignatureExpired:
            raise forms.ValidationError(_("This form was opened too long ago; please send it again."), code="expired") from None
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(_("This form could not be checked; please send it again."), code="bad_stamp") from None
        age = time.time() - shown_at
        if age > MAX_AGE_SECONDS:
            raise forms.ValidationError(_("This form was opened too long ago; please send it again."), code="expired")
        if age < settings.PUBLIC_SUBMIT_MIN_SECONDS:
            raise forms.ValidationError(
                _("That was faster than a person can fill in this form; please check it and send it again."),
                code="too_fast",
            )
        return cleaned


def submit_rate(group, request) -> str:
    """Public submissions per address (django-ratelimit `rate=`); one count for every form
    that uses the group "public-submissions"."""
    return settings.PUBLIC_SUBMIT_RATE


def submission_checked(request, form: forms.Form) -> tuple[bool, int]:
    """(whether to save it, the status to answer with otherwise) for a public form's request.

    A GET shows the form (200). A POST from an address over its limit is shown again with what
    the person wrote and a note to send it later (429), so nothing is lost; an invalid one with
    its errors (400); a valid one is for the caller to save."""
    if request.method != "POST":
        return False, 200
    if getattr(request, "limited", False):
        form.is_valid()
        form.add_error(None, _("You have sent several reports in a short time. Please wait an hour and send this one again; what you wrote is still here."))
        return False, 429
    if form.is_valid():
        return True, 200
    return False, 400
