"""Edits of curated records share one rule: only editable fields, validated, saved with who did it."""

import pytest
from django.core.exceptions import ValidationError

from oversight.services import commission_update
from pra.services import template_update
from reports.services import report_update
from tests.factories import CommissionFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "edit",
    [
        lambda: report_update(report=ReportFactory(), findings_summary="Changed", officer_id=1),
        lambda: commission_update(commission=CommissionFactory(), name="Changed", officer_id=1),
        lambda: template_update(template=_template(), data={"title": "Changed", "officer_id": 1}, actor=None),
    ],
    ids=["report", "commission", "template"],
)
def test_an_edit_naming_a_field_it_may_not_change_is_refused_whole(edit):
    with pytest.raises(ValidationError, match="cannot be changed here: officer_id"):
        edit()


def test_an_edit_is_saved_and_attributed_to_its_author(user_with_role):
    curator = user_with_role("curator")
    commission = CommissionFactory(name="Old Board")

    commission_update(commission=commission, name="Civilian Review Board", actor=curator)

    commission.refresh_from_db()
    assert commission.name == "Civilian Review Board"
    assert commission.history.first().history_user == curator


def _template():
    from pra.models import RequestTemplate

    return RequestTemplate.objects.create(
        jurisdiction="USA-VT", subject="body_cameras", title="Records", body="Please send…", language="en"
    )
