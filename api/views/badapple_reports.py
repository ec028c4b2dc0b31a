"""`GET /API/BA/`: Bad Apple database reports, filtered by headers, in Bad Apple's words.

Each result is one published report with its findings, under the exact camelCase names of Bad
Apple's API documentation. Every field is read defensively: a blank, missing or unexpected value
renders as "" instead of failing (Bad Apple answered 500 on some finding outcomes).
"""

import json

from django.db import connection
from django.db.models import F, OuterRef, QuerySet, Subquery, TextField
from django.db.models.functions import Cast

from api.badapple import (
    COUNTRY,
    BadAppleView,
    HeaderFilter,
    code_in,
    english_label,
    report_uuid,
    state_code,
    state_label,
    text,
    timestamp,
    year,
)
from core.postgres import JSONAgg, JSONFields, UTCText
from officers.models import Officer
from reports.badapple import POLICY_CODES
from reports.models import Finding, FindingOutcome, PolicyCategory, Report, ReportType
from reports.selectors import report_header_search


# The columns report_as_bad_apple reads, of the report and of the officer and department
# fetched with it: a third of the columns the query would otherwise read and turn into model
# fields (the test of the query count per answer catches a field read but not fetched).
REPORT_FIELDS = (
    "officer_id", "department_id", "badge_number", "report_type", "investigator", "investigator_title",
    "investigator_employer", "investigation_id", "incident_date", "report_date", "findings_summary",
    "conclusion", "report_url", "archived_report_url", "source_url", "records_request_url", "public_id",
    "created_at", "updated_at",
    "officer__first_name", "officer__middle_name", "officer__last_name", "officer__public_id",
    "department__state", "department__city",
)


# What a report's answer takes from the first public officer it names (and, in
# `_finding_fields`, from its findings), the same whether read as models (any database) or as
# JSON PostgreSQL writes in the report's row (`answers_from_postgresql`);
# tests/api/test_badapple_reports.py holds the two equal.
NAMED_OFFICER_FIELDS = ("first_name", "middle_name", "last_name", "public_id")


def _finding_fields(finding: Finding) -> dict:
    return {
        "policy_category": finding.policy_category, "summary": finding.summary, "basis": finding.basis,
        "outcome": finding.outcome, "created_on": timestamp(finding.created_at),
        "updated_on": timestamp(finding.updated_at),
    }


def _named_officer_fields(officer) -> dict:
    return {name: str(getattr(officer, name)) for name in NAMED_OFFICER_FIELDS}


def finding_as_bad_apple(finding: dict) -> dict:
    return {
        "findingPolicyCategory": english_label(PolicyCategory, finding["policy_category"]),
        "findingSummary": finding["summary"],
        "findingBasis": finding["basis"],
        "finding": english_label(FindingOutcome, finding["outcome"]),
        "createdOn": finding["created_on"],
        "updatedOn": finding["updated_on"],
    }


def report_as_bad_apple(report: Report, *, named_officer: dict | None, findings: list[dict]) -> dict:
    department = report.department
    # A department-level report names no officer, and a case naming several has no one
    # subject: Bad Apple's officer fields are then the first named officer's, or empty.
    officer = report.public_officer
    officer = _named_officer_fields(officer) if officer else named_officer
    return {
        "officerFirstName": officer["first_name"] if officer else "",
        "officerMiddleName": officer["middle_name"] if officer else "",
        "officerLastName": officer["last_name"] if officer else "",
        "officerID": officer["public_id"] if officer else "",
        "country": COUNTRY,
        "state": state_label(department.state),
        "city": department.city,
        "investigator": report.investigator,
        "investigatorLicense": report.investigator_title,
        "investigatorEmployer": report.investigator_employer,
        "reportType": english_label(ReportType, report.report_type),
        "investigationID": report.investigation_id,
        "officerBadgeNumber": report.public_badge_number,
        "incidentDate": timestamp(report.incident_date),
        "reportDate": timestamp(report.report_date),
        "findingsSummary": report.findings_summary,
        "conclusion": report.conclusion,
        "fullReportURL": report.report_url,
        "fullArchiveURL": report.archived_report_url,
        "sourceURL": report.source_url,
        "praURL": report.records_request_url,
        "reportID": str(report.public_id),
        "createdOn": timestamp(report.created_at),
        "updatedOn": timestamp(report.updated_at),
        "findings": [finding_as_bad_apple(finding) for finding in findings],
    }


def answers_from_models(reports: QuerySet[Report]) -> list[dict]:
    """The answer read as models: the report's prefetched findings and named officers."""
    return [
        report_as_bad_apple(
            report,
            named_officer=next((_named_officer_fields(o) for o in report.public_named_officers), None),
            findings=[_finding_fields(finding) for finding in report.findings.all()],
        )
        for report in reports
    ]


def answers_from_postgresql(reports: QuerySet[Report]) -> list[dict]:
    """The same answer with the findings and first named officer written as JSON by
    PostgreSQL in each report's row: one query instead of three, and no Finding or Officer
    objects (the two prefetches were half the endpoint's Python time under the profiler; the
    whole call 5-21 % less CPU: docs/benchmarks.md)."""
    named = (
        Officer.objects.public().filter(named_in_reports=OuterRef("pk"))
        .order_by("last_name", "first_name", "pk")
        .values(document=Cast(JSONFields(**{name: F(name) for name in NAMED_OFFICER_FIELDS}), TextField()))[:1]
    )
    findings = (
        Finding.objects.public_under_public_parent().filter(report=OuterRef("pk")).order_by().values("report")
        .annotate(document=Cast(JSONAgg(
            JSONFields(
                policy_category=F("policy_category"), summary=F("summary"), basis=F("basis"), outcome=F("outcome"),
                created_on=UTCText(F("created_at"), separator=" ", zone="+00:00"),
                updated_on=UTCText(F("updated_at"), separator=" ", zone="+00:00"),
            ),
            order_by=("position", "pk"),
        ), TextField())).values("document")
    )
    rows = reports.prefetch_related(None).annotate(
        named_officer_document=Subquery(named), findings_document=Subquery(findings),
    )
    return [
        report_as_bad_apple(
            report,
            named_officer=json.loads(report.named_officer_document) if report.named_officer_document else None,
            findings=json.loads(report.findings_document) if report.findings_document else [],
        )
        for report in rows
    ]


class ReportsBadAppleView(BadAppleView):
    """Any one or more of the filters (Bad Apple has no minimum: `Report-ID` alone is the common
    call); each query costs three credits, as on Bad Apple."""

    filters = (
        HeaderFilter("First", text),
        HeaderFilter("Last", text),
        HeaderFilter("City", text),
        HeaderFilter("State", state_code),
        HeaderFilter("Incident-Year", year),
        HeaderFilter("Policy", code_in(POLICY_CODES), name="policy_category"),
        HeaderFilter("Report-ID", report_uuid, name="public_id"),
    )
    min_filters = 1
    credit_cost = 3

    def query(self, **filters) -> list[dict]:
        reports = report_header_search(**filters).only(*REPORT_FIELDS)
        if connection.vendor == "postgresql":
            return answers_from_postgresql(reports)
        return answers_from_models(reports)
