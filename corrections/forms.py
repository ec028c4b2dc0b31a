from django import forms
from django.utils.translation import gettext_lazy as _

from core.antispam import SpamGuardForm

MESSAGE_MAX = 4000


class CorrectionForm(SpamGuardForm):
    message = forms.CharField(
        label=_("What is wrong, and what is right?"), min_length=10, max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX}),
        help_text=_("Say what the page gets wrong and, if you can, where the right fact can be checked (a link, a document)."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your email (optional)"), max_length=254, required=False,
        help_text=_("Only if you want to hear back. Reviewers alone see it, and it is deleted after %(days)s days."),
    )

    def __init__(self, *args, retention_days: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = self.fields["email"].help_text % {"days": retention_days}
