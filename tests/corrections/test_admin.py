"""Staff triage error reports in the admin: accept (linking the change to the record's
history), reject, reopen; contact details for reviewers only."""

import pytest
from django.urls import reverse

from core.services import private_contact_store
from corrections.models import Correction
from corrections.services import correction_submit
from tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db


def _correction(officer=None):
    officer = officer or OfficerFactory(last_name="Okafor")
    correction = correction_submit(kind="officer", record=officer, message="The last name is Okafor-Reyes.")
    return officer, correction


def test_a_reviewer_accepts_a_report_and_it_points_at_the_change_in_the_record_s_history(client, user_with_role):
    reviewer = user_with_role("reviewer", is_staff=True)
    client.force_login(reviewer)
    officer, correction = _correction()
    officer.last_name = "Okafor-Reyes"
    officer.save()
    change = officer.history.latest()

    response = client.post(reverse("admin:corrections_correction_change", args=[correction.pk]), {
        "status": "accepted", "resolution_note": "Last name corrected from the 2023 roster.",
    })

    assert response.status_code == 302
    correction.refresh_from_db()
    assert (correction.status, correction.resolved_by, correction.record_history_id) == ("accepted", reviewer, change.history_id)
    page = client.get(reverse("admin:corrections_correction_change", args=[correction.pk])).text
    assert reverse("admin:officers_officer_simple_history", args=[officer.pk, change.history_id]) in page


def test_the_reject_action_on_the_changelist_closes_reports(client, user_with_role):
    client.force_login(user_with_role("reviewer", is_staff=True))
    reports = [_correction()[1], _correction()[1]]
    response = client.post(reverse("admin:corrections_correction_changelist"), {
        "action": "mark_rejected", "_selected_action": [c.pk for c in reports],
    })
    assert response.status_code == 302
    assert set(Correction.objects.values_list("status", flat=True)) == {"rejected"}


def test_reviewers_see_the_contact_and_curators_cannot_open_reports(client, user_with_role):
    _officer, correction = _correction()
    private_contact_store(record=correction, email="ana@example.org")
    url = reverse("admin:corrections_correction_change", args=[correction.pk])

    client.force_login(user_with_role("reviewer", is_staff=True))
    assert "ana@example.org" in client.get(url).text
    client.force_login(user_with_role("curator", is_staff=True))
    assert client.get(url).status_code == 403
