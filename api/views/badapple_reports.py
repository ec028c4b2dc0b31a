"""`GET /API/BA/`: Bad Apple database reports, filtered by headers, in Bad Apple's words.

Each result is one published report with its findings, under the exact camelCase names of Bad
Apple's API documentation. Every field is read defensively: a blank, missing or unexpected value
renders as "" instead of failing (Bad Apple answered 500 on some finding outcomes).
"""

import json

from django.db import connection
from django.db.models import (
    Case, Exists, F, Func, JSONField, OuterRef, Q, QuerySet, Subquery, TextField, Value, When,
)
from django.db.models.expressions import RawSQL
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
from core.postgres import JSONFields, PreparedStatement, Slot, UTCText, json_array
from officers.models import Officer
from reports.badapple import POLICY_CODES
from reports.models import Finding, FindingOutcome, PolicyCategory, Report, ReportType
from reports.selectors import report_header_search


# The columns `_report_fields` reads, of the report and of the officer and department
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


# A report's answer is made from these fields, read as models on any database
# (`_report_fields`) or written as JSON by PostgreSQL (`_ANSWERS`); a test holds the two equal.
# The report's own text, as stored:
REPORT_TEXT = (
    "investigator", "investigator_title", "investigator_employer", "report_type", "investigation_id",
    "findings_summary", "conclusion", "report_url", "archived_report_url", "source_url", "records_request_url",
)
# The officer Bad Apple's officer fields name: the report's own if public, else the first public
# officer the case names (a department-level report or a case naming several), else none.
OFFICER_FIELDS = ("first_name", "middle_name", "last_name", "public_id")


def _officer_fields(officer) -> dict | None:
    return {name: str(getattr(officer, name)) for name in OFFICER_FIELDS} if officer else None


def _report_fields(report: Report) -> dict:
    """What the answer takes from a report read as models (its findings and named officers
    prefetched)."""
    return {
        **{name: getattr(report, name) for name in REPORT_TEXT},
        "officer": _officer_fields(report.public_officer or next(iter(report.public_named_officers), None)),
        "badge_number": report.public_badge_number,
        "state": report.department.state,
        "city": report.department.city,
        "incident_on": timestamp(report.incident_date),
        "report_on": timestamp(report.report_date),
        "public_id": str(report.public_id),
        "created_on": timestamp(report.created_at),
        "updated_on": timestamp(report.updated_at),
        "findings": [
            {
                "policy_category": finding.policy_category, "summary": finding.summary, "basis": finding.basis,
                "outcome": finding.outcome, "created_on": timestamp(finding.created_at),
                "updated_on": timestamp(finding.updated_at),
            }
            for finding in report.findings.all()
        ],
    }


class MidnightUTCText(Func):
    """A date as `timestamp()` writes it (midnight UTC, `2020-12-26 00:00:00+00:00`), "" for none."""

    template = "COALESCE(TO_CHAR(%(expressions)s, 'YYYY-MM-DD') || ' 00:00:00+00:00', '')"
    output_field = TextField()


def _timestamp_text(field: str) -> UTCText:
    """A stored time as `timestamp()` writes it (Python's `str()` in UTC)."""
    return UTCText(F(field), separator=" ", zone="+00:00")


_REPORT_IDS = Slot("ids")


def _reports_queryset() -> QuerySet:
    """The same fields as JSON, for the reports `_REPORT_IDS` (already public)."""
    named = (
        Officer.objects.public().filter(named_in_reports=OuterRef("pk"))
        .order_by("last_name", "first_name", "pk")
        .values(document=JSONFields(**{name: F(name) for name in OFFICER_FIELDS}))[:1]
    )
    findings = json_array(
        Finding.objects.public_under_public_parent(), parent="report",
        document=JSONFields(
            policy_category=F("policy_category"), summary=F("summary"), basis=F("basis"), outcome=F("outcome"),
            created_on=_timestamp_text("created_at"), updated_on=_timestamp_text("updated_at"),
        ),
        order_by=("position", "pk"),
    )
    shown = Q(officer_is_public=True)
    document = JSONFields(
        **{name: F(name) for name in REPORT_TEXT},
        officer=Case(
            When(shown, then=JSONFields(**{name: F(f"officer__{name}") for name in OFFICER_FIELDS})),
            default=Subquery(named), output_field=JSONField(),
        ),
        badge_number=Case(When(Q(officer__isnull=True) | shown, then=F("badge_number")), default=Value("")),
        state=F("department__state"),
        city=F("department__city"),
        incident_on=MidnightUTCText(F("incident_date")),
        report_on=MidnightUTCText(F("report_date")),
        public_id=F("public_id"),
        created_on=_timestamp_text("created_at"),
        updated_on=_timestamp_text("updated_at"),
        findings=findings,
    )
    return (
        Report.objects.filter(pk__in=RawSQL("SELECT UNNEST(%s::bigint[])", (_REPORT_IDS,)))
        .annotate(officer_is_public=Exists(Officer.objects.public().filter(pk=OuterRef("officer_id"))))
        .annotate(document=Cast(document, TextField()))
        .order_by().values_list("pk", "document")
    )


_ANSWERS = PreparedStatement("accountable_bad_apple_reports", _reports_queryset)


def report_as_bad_apple(report: dict) -> dict:
    """A report's fields (`_report_fields`) under Bad Apple's names and labels."""
    officer = report["officer"]
    return {
        "officerFirstName": officer["first_name"] if officer else "",
        "officerMiddleName": officer["middle_name"] if officer else "",
        "officerLastName": officer["last_name"] if officer else "",
        "officerID": officer["public_id"] if officer else "",
        "country": COUNTRY,
        "state": state_label(report["state"]),
        "city": report["city"],
        "investigator": report["investigator"],
        "investigatorLicense": report["investigator_title"],
        "investigatorEmployer": report["investigator_employer"],
        "reportType": english_label(ReportType, report["report_type"]),
        "investigationID": report["investigation_id"],
        "officerBadgeNumber": report["badge_number"],
        "incidentDate": report["incident_on"],
        "reportDate": report["report_on"],
        "findingsSummary": report["findings_summary"],
        "conclusion": report["conclusion"],
        "fullReportURL": report["report_url"],
        "fullArchiveURL": report["archived_report_url"],
        "sourceURL": report["source_url"],
        "praURL": report["records_request_url"],
        "reportID": report["public_id"],
        "createdOn": report["created_on"],
        "updatedOn": report["updated_on"],
        "findings": [
            {
                "findingPolicyCategory": english_label(PolicyCategory, finding["policy_category"]),
                "findingSummary": finding["summary"],
                "findingBasis": finding["basis"],
                "finding": english_label(FindingOutcome, finding["outcome"]),
                "createdOn": finding["created_on"],
                "updatedOn": finding["updated_on"],
            }
            for finding in report["findings"]
        ],
    }


def answers_from_models(reports: QuerySet[Report]) -> list[dict]:
    """The answer read as models: each report with its prefetched findings and named officers."""
    return [report_as_bad_apple(_report_fields(report)) for report in reports.only(*REPORT_FIELDS)]


def answers_from_postgresql(reports: QuerySet[Report]) -> list[dict]:
    """The same answer with Django compiling only the query for the reports' ids: each report's
    fields, findings and named officer come as JSON from one statement compiled once and
    prepared (compiling the whole query was most of the endpoint's Python time)."""
    ids = list(reports.values_list("pk", flat=True))
    if not ids:
        return []
    documents = dict(_ANSWERS.rows(ids=ids))
    return [report_as_bad_apple(json.loads(documents[pk])) for pk in ids]


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
        reports = report_header_search(**filters)
        if connection.vendor == "postgresql":
            return answers_from_postgresql(reports)
        return answers_from_models(reports)
