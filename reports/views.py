"""Public pages: search misconduct reports, read one report. Published records only."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.permissions import public
from core.selectors import dead_links_for
from reports import selectors
from reports.forms import ReportSearchForm
from reports.models import OUTCOME_DESCRIPTIONS, FindingOutcome

PAGE_SIZE = 20


@public
def search(request: HttpRequest) -> HttpResponse:
    form = ReportSearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    reports = selectors.report_search(**form.filters())
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/search.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "years": selectors.report_incident_years(),
        },
    )


@public
def detail(request: HttpRequest, public_id) -> HttpResponse:
    report = selectors.report_get_published(public_id=public_id)
    findings = list(report.findings.all())
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "officer": report.public_officer,
            "named_officers": report.public_named_officers,
            "outcome_description": OUTCOME_DESCRIPTIONS.get(report.outcome, ""),
            "findings": findings,
            "sustained_count": sum(f.outcome == FindingOutcome.SUSTAINED for f in findings),
            "dead_links": dead_links_for(record=report),
        },
    )
