"""Public pages: the oversight directory, a commission, and where to file a complaint."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.permissions import public
from core.selectors import dead_links_for
from officers.models import Department, Officer
from oversight import selectors
from oversight.forms import ComplaintForm, DirectoryForm

PAGE_SIZE = 24


@public
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    page = Paginator(selectors.commission_directory(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "oversight/directory.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "states": selectors.directory_states(),
            "cities": selectors.directory_cities(state=filters["state"]) if filters["state"] else [],
            "selected_state": filters["state"],
        },
    )


@public
def detail(request: HttpRequest, public_id) -> HttpResponse:
    commission = selectors.commission_get_published(public_id=public_id)
    return render(
        request,
        "oversight/detail.html",
        {
            "commission": commission,
            "links": selectors.complaint_links(commission=commission),
            "departments": commission.departments.public().order_by("name"),
            "dead_links": dead_links_for(record=commission),
        },
    )


@public
def complaint(request: HttpRequest) -> HttpResponse:
    """Route a person to the body that takes complaints about this officer or department."""
    form = ComplaintForm(request.GET)
    context = {"form": form, "routing": None, "error": "", "departments": None}
    status = 200
    if form.is_valid():
        officer_id = form.cleaned_data["officer"]
        department_id = form.cleaned_data["department"]
        officer = department = None
        if officer_id:
            officer = (
                Officer.objects.public().select_related("department").filter(public_id=officer_id).first()
            )
            if officer is None:
                context["error"] = _("We could not find that officer.")
                status = 404
            else:
                department = officer.department
        elif department_id:
            department = Department.objects.public().filter(pk=department_id).first()
            if department is None:
                context["error"] = _("We could not find that department.")
                status = 404
        if department is not None:
            context["routing"] = selectors.complaint_routing(department=department, officer=officer)
    else:
        context["error"] = " ".join(str(e) for errors in form.errors.values() for e in errors)
        status = 400
    if context["routing"] is None and form.is_valid():
        name, state = form.cleaned_data["q"], form.cleaned_data["state"]
        if name or state:
            context["departments"] = selectors.department_find(name=name, state=state)
    return render(request, "oversight/complaint.html", context, status=status)
