"""The officer page's record at a glance, its standing in the department, the timeline and who
the officer is accused with."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from officers.models import CertificationEvent, Officer
from records.officers import officer_co_accused, officer_summary, officer_timeline
from reports.models import Report
from tests.factories import (
    AssignmentFactory,
    DepartmentFactory,
    FindingFactory,
    IncidentFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def officer_page(client, officer, language="en"):
    return client.get(f"/{language}/officers/{officer.public_id}/")


def test_the_summary_counts_public_records_only(client):
    officer = OfficerFactory(employment_date=datetime.date.today() - datetime.timedelta(days=int(365.25 * 7) + 3))
    report = ReportFactory(officer=officer)
    FindingFactory(report=report, outcome="sustained")
    FindingFactory(report=report, outcome="unfounded")
    # A CCRB-style case decided as a whole, naming the officer among others: one finding.
    case = ReportFactory(officer=None, department=officer.department, outcome="not_sustained")
    case.named_officers.add(officer)
    draft = ReportFactory(officer=officer, publication_status="draft")
    FindingFactory(report=draft, outcome="sustained")
    IncidentFactory(review_status="approved").officers.add(officer)
    IncidentFactory(review_status="candidate").officers.add(officer)
    CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="decertified", publication_status="published")
    CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="reinstated", publication_status="draft")

    summary = officer_summary(officer=officer)

    assert (summary.reports, summary.findings, summary.sustained) == (2, 3, 1)
    assert dict((value, count) for value, _label, count in summary.outcomes) == {
        "sustained": 1, "not_sustained": 1, "exonerated": 0, "unfounded": 1,
    }
    assert (summary.incidents, summary.certification_events, summary.service_years) == (1, 1, 7)


def test_the_percentile_compares_findings_per_year_with_the_department(client):
    department = DepartmentFactory()
    ten_years_ago = datetime.date.today() - datetime.timedelta(days=3653)
    officer = OfficerFactory(department=department, employment_date=ten_years_ago)
    for _ in range(3):
        FindingFactory(report=ReportFactory(officer=officer), outcome="sustained")
    # Ten peers over ten years: eight with no finding, one with 1, one with 5.
    peers = OfficerFactory.create_batch(10, department=department, employment_date=ten_years_ago)
    FindingFactory(report=ReportFactory(officer=peers[0]))
    for _ in range(5):
        FindingFactory(report=ReportFactory(officer=peers[1]))
    OfficerFactory(department=department)  # no dates: left out of the comparison

    body = officer_page(client, officer).text

    # 0.3 a year; nine of ten peers are lower.
    assert "<strong>0.30</strong> findings per year of service" in body
    assert "more than <strong>90%</strong> of 10 other officers" in body
    assert "How this is worked out, and what it does not say" in body


def test_no_percentile_is_shown_without_service_dates_and_the_page_says_why(client):
    officer = OfficerFactory()
    FindingFactory(report=ReportFactory(officer=officer))

    body = officer_page(client, officer).text
    spanish = officer_page(client, officer, "es").text

    assert "No comparison is shown:" in body
    assert "No employment or assignment dates are on file for this officer." in body
    assert "No se muestra ninguna comparación:" in spanish


def test_the_timeline_puts_every_kind_of_event_in_date_order(client):
    officer = OfficerFactory(employment_date=datetime.date(2010, 3, 1))
    AssignmentFactory(officer=officer, badge_number="100", start_date=datetime.date(2010, 3, 1),
                      end_date=datetime.date(2015, 1, 1))
    AssignmentFactory(officer=officer, badge_number="200", start_date=datetime.date(2015, 1, 2))
    report = ReportFactory(officer=officer, investigation_id="IA-9", incident_date=datetime.date(2016, 5, 1),
                           report_date=datetime.date(2017, 2, 1))
    FindingFactory(report=report, outcome="sustained")
    IncidentFactory(review_status="approved", title="Baton used on a marcher", date=datetime.date(2020, 6, 1)).officers.add(officer)
    CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="decertified", publication_status="published",
                                      date=datetime.date(2021, 1, 5), reason="Convicted of assault")
    CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="reinstated", publication_status="published",
                                      date=datetime.date(2029, 1, 1), date_as_stated="2029-01-01", date_in_doubt=True)

    events = officer_timeline(officer=officer)

    assert [(e.kind, e.date) for e in events] == [
        ("assignment", datetime.date(2010, 3, 1)),
        ("employment", datetime.date(2010, 3, 1)),
        ("assignment", datetime.date(2015, 1, 1)),
        ("badge", datetime.date(2015, 1, 2)),
        ("assignment", datetime.date(2015, 1, 2)),
        ("report", datetime.date(2016, 5, 1)),
        ("finding", datetime.date(2017, 2, 1)),
        ("incident", datetime.date(2020, 6, 1)),
        ("certification", datetime.date(2021, 1, 5)),
        ("certification", None),
    ]
    assert events[3].title == "Badge #200 (was #100)"
    assert events[6].detail == "1 Sustained"
    body = officer_page(client, officer).text
    assert "Baton used on a marcher" in body and "Date not known" in body


def test_co_accused_counts_shared_public_records(client):
    department = DepartmentFactory()
    officer, partner, once, hidden = OfficerFactory.create_batch(4, department=department)
    Officer.objects.filter(pk=hidden.pk).update(publication_status="draft")
    for _ in range(2):
        case = ReportFactory(officer=None, department=department, outcome="sustained")
        case.named_officers.add(officer, partner, hidden)
    ReportFactory(officer=once, department=department).named_officers.add(officer)
    draft_case = ReportFactory(officer=None, department=department, publication_status="draft")
    draft_case.named_officers.add(officer, once)
    incident = IncidentFactory(review_status="approved")
    incident.officers.add(officer, partner)
    IncidentFactory(review_status="candidate").officers.add(officer, once)

    rows, total = officer_co_accused(officer=officer)

    assert [(row.officer, row.reports, row.incidents) for row in rows] == [(partner, 2, 1), (once, 1, 0)]
    assert total == 2
    body = officer_page(client, officer).text
    assert f'<a href="/en/officers/{partner.public_id}/" class="network-node"' in body
    assert "3 shared records" in body
    assert hidden.full_name not in body
    # Coordinates keep their decimal point in Spanish (a comma would drop the node).
    spanish = officer_page(client, officer, "es").text
    assert re.search(r'<circle cx="\d+\.\d+" cy="\d+\.\d+" r="\d+\.\d+"><title>', spanish)


def test_the_officer_page_runs_as_many_queries_for_a_long_record_as_for_a_short_one(client):
    def queries_for(records: int) -> int:
        department = DepartmentFactory()
        officer = OfficerFactory(department=department, employment_date=datetime.date(2012, 1, 1))
        # Enough colleagues with service dates for the percentile, in both cases.
        OfficerFactory.create_batch(5, department=department, employment_date=datetime.date(2014, 1, 1))
        for index in range(records):
            AssignmentFactory(officer=officer, start_date=datetime.date(2012 + index, 1, 1))
            case = ReportFactory(officer=None, department=department, outcome="sustained")
            case.named_officers.add(officer, OfficerFactory(department=department, employment_date=datetime.date(2015, 1, 1)))
            FindingFactory(report=ReportFactory(officer=officer))
            IncidentFactory(review_status="approved").officers.add(officer, OfficerFactory(department=department))
        with CaptureQueriesContext(connection) as captured:
            assert officer_page(client, officer).status_code == 200
        return len(captured)

    assert queries_for(8) == queries_for(2)


def test_on_the_real_ccrb_letters_two_officers_of_one_case_are_accused_together(client, settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the loader falls back to the shipped copies
    call_command("load_public_data", "--only", "nyc_ccrb", stdout=StringIO(), stderr=StringIO())
    # Case 201804621: departure letters for tax registry numbers 963894 and 957525.
    cancel = Officer.objects.get(internal_id="963894")
    other = Officer.objects.get(internal_id="957525")

    rows, _total = officer_co_accused(officer=cancel)

    assert [(row.officer, row.reports) for row in rows] == [(other, 1)]
    case = Report.objects.get(investigation_id="201804621")
    body = officer_page(client, cancel).text
    assert other.full_name in body and case.outcome_as_stated in body
