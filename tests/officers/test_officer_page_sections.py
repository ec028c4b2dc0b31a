"""The officer page gathers what the other apps know about the officer."""

import pytest

from tests.factories import (
    CommissionFactory,
    FindingFactory,
    IncidentFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def officer_page(client, officer):
    return client.get(f"/en/officers/{officer.public_id}/")


def test_the_officer_page_lists_published_reports_with_sustained_counts(client):
    officer = OfficerFactory(last_name="Okafor")
    report = ReportFactory(officer=officer, investigation_id="IA-77")
    FindingFactory(report=report, outcome="sustained")
    FindingFactory(report=report, outcome="unfounded")
    ReportFactory(officer=officer, investigation_id="IA-DRAFT", publication_status="draft")

    body = officer_page(client, officer).text

    assert f"/en/reports/{report.public_id}/" in body
    assert "IA-DRAFT" not in body
    assert "Sustained" in body


def test_the_officer_page_shows_approved_incidents_only(client):
    officer = OfficerFactory()
    approved = IncidentFactory(review_status="approved", title="Tear gas fired at marchers")
    candidate = IncidentFactory(review_status="candidate", title="Unreviewed claim")
    approved.officers.add(officer)
    candidate.officers.add(officer)

    body = officer_page(client, officer).text

    assert "Tear gas fired at marchers" in body
    assert "Unreviewed claim" not in body


def test_the_officer_page_says_where_to_file_a_complaint(client):
    officer = OfficerFactory()
    commission = CommissionFactory(name="Springfield Police Review Board", state="USA-IL")
    commission.departments.add(officer.department)

    response = officer_page(client, officer)

    assert "Springfield Police Review Board" in response.text
    assert f"/en/oversight/complaint/?officer={officer.public_id}" in response.text
    assert f"/en/records-requests/?subject=10&amp;officer={officer.public_id}" in response.text


def test_a_usual_internal_id_label_is_translated_and_a_department_s_own_wording_is_kept(client):
    usual = OfficerFactory(internal_id="E-1042", department__internal_id_label="Employee number")
    own = OfficerFactory(internal_id="77", department__internal_id_label="Numéro matricule")

    assert "<dt>Número de empleado</dt>" in client.get(f"/es/officers/{usual.public_id}/").text
    assert "<dt>Employee number</dt>" in officer_page(client, usual).text
    assert "<dt>Numéro matricule</dt>" in client.get(f"/es/officers/{own.public_id}/").text
