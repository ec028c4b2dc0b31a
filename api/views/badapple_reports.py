"""`GET /API/BA/`: Bad Apple database reports, filtered by headers, in Bad Apple's words.

Each result is one published report with its findings, under the exact camelCase names of Bad
Apple's API documentation. Every field is read defensively: a blank, missing or unexpected value
renders as "" instead of failing (Bad Apple answered 500 on some finding outcomes).
"""

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


def finding_as_bad_apple(finding: Finding) -> dict:
    return {
        "findingPolicyCategory": english_label(PolicyCategory, finding.policy_category),
        "findingSummary": finding.summary,
        "findingBasis": finding.basis,
        "finding": english_label(FindingOutcome, finding.outcome),
        "createdOn": timestamp(finding.created_at),
        "updatedOn": timestamp(finding.updated_at),
    }


def report_as_bad_apple(report: Report) -> dict:
    department = report.department
    # A department-level report names no officer, and a case naming several has no one
    # subject: Bad Apple's officer fields are then the first named officer's, or empty.
    officer = report.public_officer or next(iter(report.public_named_officers), None)
    return {
        "officerFirstName": officer.first_name if officer else "",
        "officerMiddleName": officer.middle_name if officer else "",
        "officerLastName": officer.last_name if officer else "",
        "officerID": str(officer.public_id) if officer else "",
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
        "findings": [finding_as_bad_apple(finding) for finding in report.findings.all()],
    }


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
        return [report_as_bad_apple(report) for report in report_header_search(**filters).only(*REPORT_FIELDS)]
