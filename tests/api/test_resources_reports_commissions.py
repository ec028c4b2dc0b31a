"""/api/v1/reports/ and /api/v1/commissions/: published records, exact filters, CSV, 3 credits a reports call."""

import csv
import datetime
import io

import pytest

from tests.factories import (
    CommissionFactory,
    ComplaintLinkFactory,
    DepartmentFactory,
    FindingFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(partner, client_for):
    return client_for(partner[1])


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_reports_list_published_reports_with_findings_for_3_credits(client):
    report = ReportFactory(badge_number="2275")
    FindingFactory(report=report, policy_category="use_of_force", outcome="unfounded", basis="DD 2.01")
    ReportFactory(publication_status="draft")
    ReportFactory(publication_status="retracted")

    response = client.get("/api/v1/reports/")
    assert response["X-Quota-Remaining"] == "497"
    [row] = response.json()["results"]
    assert row["id"] == str(report.public_id)
    assert row["officer"]["id"] == str(report.officer.public_id)
    assert row["department"]["id"] == report.department_id
    assert row["badge_number"] == "2275"
    assert row["findings"] == [{
        "policy_category": "use_of_force", "policy_category_label": "Use of Force", "summary": row["findings"][0]["summary"],
        "basis": "DD 2.01", "outcome": "unfounded", "outcome_label": "Unfounded",
        "created_at": row["findings"][0]["created_at"], "updated_at": row["findings"][0]["updated_at"],
    }]
    detail = client.get(f"/api/v1/reports/{report.public_id}/")
    assert detail.json()["id"] == str(report.public_id)
    assert detail["X-Quota-Remaining"] == "494"


def test_a_draft_report_is_not_found_by_id(client):
    draft = ReportFactory(publication_status="draft")
    assert client.get(f"/api/v1/reports/{draft.public_id}/").json()["error"]["code"] == "not_found"


def test_reports_filter_by_officer_department_place_and_year(client):
    portland = DepartmentFactory(state="USA-OR", city="Portland")
    wanted = ReportFactory(officer=OfficerFactory(department=portland), incident_date=datetime.date(2019, 3, 1))
    ReportFactory(officer=OfficerFactory(department=DepartmentFactory(state="USA-OR", city="Portland Heights")),
                  incident_date=datetime.date(2019, 3, 1))
    ReportFactory(officer=OfficerFactory(department=portland), incident_date=datetime.date(2020, 3, 1))
    expected = [str(wanted.public_id)]
    assert ids(client.get("/api/v1/reports/", {"officer": str(wanted.officer.public_id)})) == expected
    assert ids(client.get("/api/v1/reports/", {"city": "portland", "incident_year": 2019})) == expected
    assert ids(client.get("/api/v1/reports/", {"department": portland.pk, "state": "USA-OR", "incident_year": 2019})) == expected


def test_reports_filter_by_policy_and_outcome_exactly_and_on_the_same_finding(client):
    handcuffing = FindingFactory(policy_category="handcuffing_and_restraints", outcome="sustained").report
    FindingFactory(report=handcuffing, policy_category="conduct", outcome="exonerated")
    for policy in ("search_and_seizure", "custody_of_juveniles", "elder_abuse", "conduct", "computer_use"):
        FindingFactory(policy_category=policy, outcome="sustained")
    expected = [str(handcuffing.public_id)]
    assert ids(client.get("/api/v1/reports/", {"policy_category": "handcuffing_and_restraints"})) == expected
    assert ids(client.get("/api/v1/reports/", {"outcome": "exonerated"})) == expected
    assert ids(client.get("/api/v1/reports/", {"policy_category": "conduct", "outcome": "exonerated"})) == expected
    assert ids(client.get("/api/v1/reports/", {"outcome": "exonerated", "policy_category": "elder_abuse"})) == []


@pytest.mark.parametrize(
    ("params", "field"),
    [({"incident_year": "99999"}, "incident_year"), ({"incident_year": "2020.5"}, "incident_year"),
     ({"policy_category": "1"}, "policy_category"), ({"outcome": "Unfounded"}, "outcome"),
     ({"officer": "not-a-uuid"}, "officer")],
)
def test_bad_report_filters_get_a_400_naming_the_parameter(client, params, field):
    response = client.get("/api/v1/reports/", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_reports_download_as_csv_with_findings_as_json_text(client):
    FindingFactory(report=ReportFactory(investigator="=HYPERLINK(\"x\")"), outcome="not_sustained")
    response = client.get("/api/v1/reports/", {"format": "csv"})
    assert response["Content-Disposition"] == 'attachment; filename="api-report.csv"'
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["investigator"].startswith("'=")
    assert '"outcome": "not_sustained"' in row["findings"]
    assert row["officer.id"]


def test_commissions_list_published_ones_with_links_and_published_departments(client):
    covered, hidden = DepartmentFactory(name="Riverton PD"), DepartmentFactory(publication_status="draft")
    commission = CommissionFactory(departments=[covered, hidden], state="USA-OR", city="Riverton")
    ComplaintLinkFactory(commission=commission, form_type="printable_spanish", url="https://example.org/es.pdf")
    CommissionFactory(publication_status="draft")

    response = client.get("/api/v1/commissions/")
    assert response["X-Quota-Remaining"] == "499"
    [row] = response.json()["results"]
    assert row["id"] == str(commission.public_id)
    assert row["departments"] == [{"id": covered.pk, "name": "Riverton PD", "state": covered.state}]
    assert row["complaint_links"] == [{
        "kind": "form", "form_type": "printable_spanish", "label": "Printable Complaint Form in Spanish",
        "title": "", "url": "https://example.org/es.pdf",
    }]
    assert client.get(f"/api/v1/commissions/{commission.public_id}/").json()["name"] == commission.name


def test_commissions_filter_by_state_city_and_covered_department(client):
    department = DepartmentFactory()
    wanted = CommissionFactory(state="USA-MA", city="Boston", departments=[department])
    CommissionFactory(state="USA-MA", city="Cambridge")
    CommissionFactory(state="USA-IL", city="Boston")
    expected = [str(wanted.public_id)]
    assert ids(client.get("/api/v1/commissions/", {"state": "USA-MA", "city": "boston"})) == expected
    assert ids(client.get("/api/v1/commissions/", {"department": department.pk})) == expected
    assert client.get("/api/v1/commissions/", {"state": "MA"}).status_code == 400


def test_commissions_download_as_csv(client):
    CommissionFactory(name="@Board", city="Springfield")
    response = client.get("/api/v1/commissions/", {"format": "csv"})
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["name"] == "'@Board"
    assert row["city"] == "Springfield"


def test_the_schema_describes_reports_and_commissions(client):
    paths = client.get("/api/v1/schema/", {"format": "json"}).json()["paths"]
    assert {"/api/v1/reports/", "/api/v1/reports/{id}/", "/api/v1/commissions/", "/api/v1/commissions/{id}/"} <= set(paths)
    report_params = {p["name"] for p in paths["/api/v1/reports/"]["get"]["parameters"]}
    assert {"officer", "department", "state", "city", "incident_year", "policy_category", "outcome"} <= report_params


@pytest.mark.parametrize("path", ["/api/v1/reports/", "/api/v1/commissions/"])
def test_the_number_of_queries_does_not_grow_with_the_page(settings, client, path):
    settings.API_ANSWER_CACHE_SECONDS = 0  # count the queries of an answer made, not cached
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_records():
        FindingFactory(report=ReportFactory())
        ComplaintLinkFactory(commission=CommissionFactory(departments=[DepartmentFactory()]))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    add_records()
    queries()  # the first call also looks the key up; later ones find it cached
    one = queries()
    for _ in range(4):
        add_records()
    assert queries() == one
