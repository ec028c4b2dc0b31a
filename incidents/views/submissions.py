"""Witness incident submission (anyone, rate-limited) and the place search it uses."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from core.antispam import submission_checked, submit_rate
from core.permissions import public
from incidents.places import place_search
from incidents.services.submissions import witness_incident_submit
from incidents.submission_forms import WitnessIncidentForm


@public
@never_cache
@ratelimit(key="ip", rate=submit_rate, method="POST", block=False, group="public-submissions")
def incident_submit(request: HttpRequest) -> HttpResponse:
    """Nothing sent here is public: it waits in the review queue as a candidate."""
    # A POST is always bound, even an empty one: its answer is the form with what is missing.
    form = WitnessIncidentForm(
        request.POST if request.method == "POST" else None, retention_days=settings.CONTACT_RETENTION_DAYS
    )
    valid, status = submission_checked(request, form)
    if valid:
        data = form.cleaned_data
        witness_incident_submit(
            what=data["what"], place=data["place"], date=data["date"], links=data["links"],
            force_rank=data["force_rank"], name=data["name"], email=data["email"], phone=data["phone"],
        )
        return redirect("incidents:submit_thanks")
    return render(request, "incidents/submit.html", {"form": form}, status=status)


@public
def incident_submit_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "incidents/submit_thanks.html")


@public
@require_GET
def places(request: HttpRequest) -> JsonResponse:
    """`?q=Portl` → {"places": ["Portland, OR", "Portland, ME", …]} from our gazetteer."""
    return JsonResponse({"places": place_search(query=request.GET.get("q", "")[:80])})
