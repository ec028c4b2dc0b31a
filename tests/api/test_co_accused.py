"""/api/v1/officers/<id>/co-accused/: who an officer is named with, for partners."""

import pytest

from tests.factories import DepartmentFactory, IncidentFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(partner, client_for):
    return client_for(partner[1])


def test_it_lists_officers_named_together_with_the_count_of_shared_records(client):
    department = DepartmentFactory()
    officer, partner, draft = OfficerFactory.create_batch(3, department=department)
    draft.publication_status = "draft"
    draft.save()
    case = ReportFactory(officer=None, department=department, investigation_id="201804621")
    case.named_officers.add(officer, partner, draft)
    IncidentFactory(review_status="approved").officers.add(officer, partner)

    response = client.get(f"/api/v1/officers/{officer.public_id}/co-accused/")

    assert response.status_code == 200
    assert int(response["X-Quota-Remaining"]) == 499
    assert response.json() == {
        "officer": str(officer.public_id),
        "total": 1,
        "results": [{
            "id": str(partner.public_id), "name": partner.full_name, "department": department.pk,
            "shared_reports": 1, "shared_incidents": 1, "shared_records": 2,
        }],
    }


def test_a_draft_officer_is_not_found(client):
    draft = OfficerFactory(publication_status="draft")
    response = client.get(f"/api/v1/officers/{draft.public_id}/co-accused/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_it_needs_a_partner_key():
    from rest_framework.test import APIClient

    officer = OfficerFactory()
    assert APIClient().get(f"/api/v1/officers/{officer.public_id}/co-accused/").status_code in (401, 403)
