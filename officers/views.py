"""Public officer pages: departments, find an officer, officer pages and CSV downloads.

Every view shows published records of published departments only (`@public`).
"""

import tempfile

from django.core.exceptions import BadRequest
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from core.choices import UsState
from core.parsing import ascii_int
from core.permissions import public
from officers import selectors
from officers.exporters import FORMATS, export_zip
from officers.forms import OfficerSearchForm
from officers.models import Officer
from officers.search import selectors as search_selectors

DEPARTMENTS_ON_ONE_PAGE = 100


@public
def department_list(request: HttpRequest) -> HttpResponse:
    """Departments by state: a list of states, and the chosen state's departments (all of
    them at once while there are few; 500 Virginia agencies need a state first)."""
    states = selectors.department_states()
    state = request.GET.get("state", "")
    if state not in {code for code, _, _ in states}:
        state = ""
    departments = selectors.department_public_list().order_by("state", "name")
    if state:
        departments = departments.filter(state=state)
    elif sum(count for _, _, count in states) > DEPARTMENTS_ON_ONE_PAGE:
        departments = departments.none()
    return render(request, "officers/department_list.html", {
        "departments": departments, "states": states, "selected_state": state,
        "state_label": dict(UsState.choices).get(state, ""),
    })


@public
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_object_or_404(selectors.department_public_queryset(), pk=pk)
    criteria = search_selectors.OfficerCriteria(department_id=department.pk)
    return render(
        request,
        "officers/department_detail.html",
        {
            "department": department,
            "stats": selectors.department_stats(department=department),
            "page": search_selectors.officer_search_page(criteria=criteria),
            "extra": selectors.department_public_record(department=department),
        },
    )


@public
def search(request: HttpRequest) -> HttpResponse:
    form = OfficerSearchForm(request.GET or None)
    page = None
    if not request.GET or form.is_valid():
        criteria = form.criteria() if request.GET else search_selectors.OfficerCriteria()
        number = ascii_int(request.GET.get("page"), max_digits=5) or 1
        page = search_selectors.officer_search_page(criteria=criteria, page=number)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "officers/search.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@public
def detail(request: HttpRequest, public_id) -> HttpResponse:
    try:
        officer = selectors.officer_public_get(public_id=public_id)
    except Officer.DoesNotExist:
        target = selectors.officer_merged_target(public_id=public_id)
        if target is not None:
            return redirect("officers:detail", public_id=target.public_id, permanent=True)
        raise Http404 from None
    # The record sections (summary, timeline, co-accused) come from the records app's tags.
    return render(request, "officers/detail.html", {"officer": officer})


def _export_format(request: HttpRequest) -> str:
    """?format=accountable for our own ids and codes; OpenOversight's format by default."""
    chosen = request.GET.get("format", "openoversight")
    if chosen not in FORMATS:
        raise BadRequest(f"format must be one of {', '.join(FORMATS)}")
    return chosen


def _zip_response(officers, filename: str, format: str = "openoversight") -> FileResponse:
    target = tempfile.TemporaryFile()
    export_zip(officers, target, format=format)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=filename, content_type="application/zip")


@public
def department_download(request: HttpRequest, pk: int) -> FileResponse:
    department = get_object_or_404(selectors.department_public_queryset(), pk=pk)
    officers = selectors.officer_public_queryset().filter(department=department)
    return _zip_response(
        officers,
        f"{slugify(department.name) or 'department'}-officers.zip",
        _export_format(request),
    )


@public
def download_all(request: HttpRequest) -> FileResponse:
    return _zip_response(
        selectors.officer_public_queryset(), "officers.zip", _export_format(request)
    )
