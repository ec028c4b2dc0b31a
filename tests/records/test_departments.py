"""The department page's record in numbers: findings by outcome per year, incidents per month,
decertifications per year, and the data sets behind them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import DataSet
from records.departments import department_record
from officers.models import CertificationEvent
from tests.factories import DepartmentFactory, FindingFactory, IncidentFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db


def page(client, department, language="en"):
    return client.get(f"/{language}/officers/departments/{department.pk}/")


def test_findings_are_counted_per_year_with_whole_case_outcomes_and_gap_years(client):
    department = DepartmentFactory()
    report = ReportFactory(department=department, officer=None, report_date=datetime.date(2019, 3, 1))
    FindingFactory(report=report, outcome="sustained")
    FindingFactory(report=report, outcome="exonerated")
    # A CCRB closing report: a case disposition and no per-allegation finding.
    ReportFactory(department=department, officer=None, report_date=datetime.date(2021, 5, 1), incident_date=None,
                  outcome="not_sustained")
    draft = ReportFactory(department=department, officer=None, report_date=datetime.date(2021, 1, 1), publication_status="draft")
    FindingFactory(report=draft, outcome="sustained")

    years = department_record(department=department).years

    assert [(y.year, y.reports, y.outcome_counts) for y in years] == [
        (2019, 1, [1, 0, 1, 0]), (2020, 0, [0, 0, 0, 0]), (2021, 1, [0, 1, 0, 0]),
    ]
    body = page(client, department).text
    assert '<svg class="chart"' in body and "2019 · Sustained: 1" in body


def test_decertifications_per_year_leave_out_a_date_in_doubt_and_say_so(client):
    department = DepartmentFactory()
    officer = OfficerFactory(department=department)
    for date in (datetime.date(2020, 2, 1), datetime.date(2020, 9, 1), datetime.date(2022, 1, 1)):
        CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="decertified", date=date, publication_status="published")
    CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="decertified", date=datetime.date(2029, 1, 1),
                                      date_in_doubt=True, publication_status="published")
    CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="decertified", date=datetime.date(2021, 1, 1),
                                      publication_status="draft")

    record = department_record(department=department)

    assert record.decertifications == [(2020, 2), (2021, 0), (2022, 1)]
    assert record.decertifications_undated == 1
    assert "1 decertification has no date we can trust" in page(client, department).text


def test_only_approved_incidents_are_charted(client):
    department = DepartmentFactory()
    IncidentFactory(review_status="approved", date=datetime.date(2020, 5, 3)).departments.add(department)
    IncidentFactory(review_status="approved", date=datetime.date(2020, 7, 9)).departments.add(department)
    IncidentFactory(review_status="candidate", date=datetime.date(2020, 6, 1)).departments.add(department)

    months = department_record(department=department).incident_months

    assert [(m["month"].month, m["total"]) for m in months] == [(5, 1), (6, 0), (7, 1)]


def test_the_data_sources_are_listed_with_their_dates_in_spanish(client):
    DataSet.objects.create(slug="nyc-ccrb", title="NYC CCRB closing reports", publisher="NYC CCRB",
                           source_url="https://example.org/ccrb", licence="MIT", attribution="NYC CCRB",
                           published_on=datetime.date(2026, 6, 17))
    department = DepartmentFactory(dataset="nyc-ccrb")

    body = page(client, department, "es").text

    assert "Fuentes de datos" in body and "NYC CCRB closing reports" in body
    assert "publicado el 17 de junio de 2026" in body


def test_the_department_page_runs_as_many_queries_for_many_records_as_for_few(client):
    def queries_for(records: int) -> int:
        department = DepartmentFactory()
        for index in range(records):
            officer = OfficerFactory(department=department)
            FindingFactory(report=ReportFactory(officer=officer, report_date=datetime.date(2010 + index, 1, 1)))
            IncidentFactory(review_status="approved").departments.add(department)
            CertificationEvent.objects.create(officer=officer, state="USA-VA", kind="decertified",
                                              date=datetime.date(2010 + index, 1, 1), publication_status="published")
        with CaptureQueriesContext(connection) as captured:
            assert page(client, department).status_code == 200
        return len(captured)

    assert queries_for(9) == queries_for(2)
