"""Schema-driven fuzzing of /api/v1/ against our own OpenAPI schema: no input may cause a 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.factories import (
    AssignmentFactory,
    ComplaintLinkFactory,
    FindingFactory,
    IncidentFactory,
    ReportFactory,
)

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    # As Django's test client does: keep the test's connection (and transaction) open between
    # requests made straight to the WSGI application.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    assignment = AssignmentFactory()
    IncidentFactory(review_status="approved").officers.add(assignment.officer)
    report = ReportFactory(officer=assignment.officer)
    for outcome in ("sustained", "not_sustained", "exonerated", "unfounded"):
        FindingFactory(report=report, outcome=outcome)
    ComplaintLinkFactory().commission.departments.add(assignment.officer.department)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_request_makes_the_api_fail(case, partner, records):
    response = case.call(headers={"API-Key": partner[1]})
    assert response.status_code < 500, response.text
