from io import StringIO

import pytest
from django.urls import reverse

from oversight import demo as oversight_demo
from oversight.models import Commission
from reports import demo as reports_demo
from reports.models import Finding, Report
from tests.factories import CommissionFactory, FindingFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once_labelled_and_published(client):
    for _ in range(2):
        reports_demo.load(stdout=StringIO())
        oversight_demo.load(stdout=StringIO())
    assert Report.objects.filter(dataset="demo", publication_status="published").count() == 4
    assert Commission.objects.filter(dataset="demo").count() == 2
    assert set(Finding.objects.values_list("outcome", flat=True)) == {"sustained", "not_sustained", "exonerated", "unfounded"}
    report = Report.objects.first()
    assert report.officer.is_published
    assert "Demo record" in client.get(reverse("reports:detail", kwargs={"public_id": report.public_id})).text


def test_staff_edit_reports_with_their_findings_inline_and_see_link_health(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    finding = FindingFactory(basis="Policy 300.3")
    response = client.get(reverse("admin:reports_report_change", args=[finding.report.pk]))
    assert response.status_code == 200
    assert "Policy 300.3" in response.text
    assert client.get(reverse("admin:reports_report_changelist"), {"findings__outcome": "unfounded"}).status_code == 200
    assert client.get(reverse("admin:reports_report_changelist"), {"q": finding.report.officer.last_name}).status_code == 200
    commission = CommissionFactory()
    assert client.get(reverse("admin:oversight_commission_change", args=[commission.pk])).status_code == 200
    assert client.get(reverse("admin:core_linkstatus_changelist"), {"dead": "yes"}).status_code == 200


def test_publishing_from_the_admin_records_who_did_it(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    report = FindingFactory(report__publication_status="draft").report
    client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "mark_published", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert report.is_published
    assert report.history.first().history_user == admin
