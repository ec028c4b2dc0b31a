import datetime

import pytest

from reports.selectors import officer_report_summary, report_header_search, report_search
from tests.factories import DepartmentFactory, FindingFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_a_policy_filter_matches_that_policy_only_never_codes_containing_it():
    handcuffing = FindingFactory(policy_category="handcuffing_and_restraints").report
    # Bad Apple's codes 10–19 all contain "1"; none of these may match a filter for policy 1.
    for policy in ("search_and_seizure", "custody_of_juveniles", "elder_abuse", "conduct", "computer_use"):
        FindingFactory(policy_category=policy)
    assert list(report_search(policy_category="handcuffing_and_restraints")) == [handcuffing]


def test_the_outcome_filter_finds_reports_with_that_outcome():
    unfounded = FindingFactory(outcome="unfounded").report
    FindingFactory(outcome="sustained")
    assert list(report_search(outcome="unfounded")) == [unfounded]


def test_policy_and_outcome_must_hold_on_the_same_finding():
    report = ReportFactory()
    FindingFactory(report=report, policy_category="use_of_force", outcome="exonerated")
    FindingFactory(report=report, policy_category="conduct", outcome="sustained")
    assert list(report_search(policy_category="use_of_force", outcome="sustained")) == []
    assert list(report_search(policy_category="conduct", outcome="sustained")) == [report]


def test_search_by_name_place_and_year():
    portland = DepartmentFactory(state="USA-OR", city="Portland")
    wanted = ReportFactory(
        officer=OfficerFactory(department=portland, first_name="Maria", last_name="Lopez"),
        incident_date=datetime.date(2020, 7, 4),
    )
    ReportFactory(officer=OfficerFactory(first_name="Mario", last_name="Lopez"), incident_date=datetime.date(2020, 7, 4))
    ReportFactory(officer=OfficerFactory(department=portland, first_name="Maria", last_name="Lopez"),
                  incident_date=datetime.date(2019, 1, 1))
    assert list(report_search(officer_name="maria lopez", state="USA-OR", incident_year=2020)) == [wanted]
    assert list(report_search(city="portland", incident_year=2020)) == [wanted]
    assert list(report_search(department=portland, incident_year=2020)) == [wanted]


def test_search_returns_published_reports_only():
    published = ReportFactory()
    ReportFactory(publication_status="draft")
    ReportFactory(publication_status="retracted")
    assert list(report_search()) == [published]


def test_the_officer_summary_counts_published_reports_and_sustained_findings():
    officer = OfficerFactory()
    first = ReportFactory(officer=officer)
    FindingFactory(report=first, outcome="sustained")
    FindingFactory(report=first, outcome="unfounded")
    second = ReportFactory(officer=officer)
    FindingFactory(report=second, outcome="sustained")
    hidden = ReportFactory(officer=officer, publication_status="draft")
    FindingFactory(report=hidden, outcome="sustained")

    summary = officer_report_summary(officer=officer)

    assert (summary.total_reports, summary.total_findings, summary.sustained_findings) == (2, 3, 2)
    assert set(summary.reports) == {first, second}
    assert ("unfounded", "Unfounded", 1) in summary.outcomes
    assert ("exonerated", "Exonerated", 0) in summary.outcomes


def test_a_case_decided_as_a_whole_counts_as_one_finding_of_its_outcome():
    # CCRB's closing reports give the case's outcome and no per-allegation finding.
    officer = OfficerFactory()
    ReportFactory(officer=officer, outcome="sustained")
    divided = ReportFactory(officer=officer, outcome="sustained")
    FindingFactory(report=divided, outcome="unfounded")

    summary = officer_report_summary(officer=officer)

    assert (summary.total_reports, summary.total_findings, summary.sustained_findings) == (2, 2, 1)
    assert ("unfounded", "Unfounded", 1) in summary.outcomes


def test_an_officer_with_no_reports_has_an_empty_summary():
    summary = officer_report_summary(officer=OfficerFactory())
    assert not summary.has_reports and summary.sustained_findings == 0


def test_the_header_search_matches_names_and_city_as_parts_and_ids_exactly():
    berkeley = DepartmentFactory(state="USA-CA", city="Berkeley")
    wanted = ReportFactory(officer=OfficerFactory(department=berkeley, first_name="Adam", last_name="Coyle"))
    ReportFactory(officer=OfficerFactory(department=DepartmentFactory(state="USA-CA", city="Oakland"),
                                         first_name="Adam", last_name="Coyle"))
    ReportFactory(officer=OfficerFactory(department=berkeley, first_name="Adam", last_name="Coyle"),
                  publication_status="draft")
    assert list(report_header_search(first="adam", last="Coy", city="Berk")) == [wanted]
    assert list(report_header_search(public_id=wanted.public_id, state="USA-CA")) == [wanted]
    assert list(report_header_search(public_id=wanted.public_id, state="USA-OR")) == []
