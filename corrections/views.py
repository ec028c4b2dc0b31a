"""Report an error on any public record: a short form, open to everyone, rate-limited."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from core.antispam import submission_checked, submit_rate
from core.permissions import public
from corrections import services
from corrections.forms import CorrectionForm
from corrections.records import KINDS, record_find


@public
@never_cache
@ratelimit(key="ip", rate=submit_rate, method="POST", block=False, group="public-submissions")
def report_error(request: HttpRequest, kind: str, ident: str) -> HttpResponse:
    record = record_find(kind=kind, ident=ident)
    if record is None:
        raise Http404("No such public record")
    record_kind = KINDS[kind]
    # A POST is always bound, even an empty one: its answer is the form with what is missing.
    form = CorrectionForm(request.POST if request.method == "POST" else None, retention_days=settings.CONTACT_RETENTION_DAYS)
    valid, status = submission_checked(request, form)
    if valid:
        services.correction_submit(
            kind=kind, record=record, message=form.cleaned_data["message"],
            name=form.cleaned_data["name"], email=form.cleaned_data["email"],
        )
        return redirect("corrections:thanks")
    return render(request, "corrections/report_error.html", {
        "form": form, "record": record, "record_name": record_kind.name(record),
        "record_kind": record_kind.label, "record_path": record_kind.path(record),
    }, status=status)


@public
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "corrections/thanks.html")
