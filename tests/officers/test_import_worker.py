"""The admin's CSV import through a real Celery worker: the request only queues it, the page
polls its progress, and the report appears when the worker is done."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from officers.models import Department, ImportJob, Officer
from tests.officers.test_import_openoversight import _production_roster


@pytest.mark.worker
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_big_roster_imports_from_the_admin_through_the_worker(client, live_worker, user_with_role):
    curator = user_with_role("curator", is_staff=True)
    department = Department.objects.create(name="Worker PD", state="USA-IL", publication_status="published")
    department.curators.add(curator)
    client.force_login(curator)
    roster = _production_roster(department.pk, 3000).encode()

    started = time.monotonic()
    response = client.post(
        reverse("admin:officers_officer_import"),
        {"department": department.pk, "format": "wide", "wide": SimpleUploadedFile("roster.csv", roster)},
    )
    assert response.status_code == 302
    assert time.monotonic() - started < 5, "the request waited for the import"

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = client.get(response["Location"] + "progress/").json()
        if state["finished"]:
            break
        time.sleep(0.2)
    assert state["finished"] and state["status"] == "done", state
    page = client.get(response["Location"])
    assert page.context["report"].committed
    assert Officer.objects.filter(department=department).count() == page.context["report"].counts["officers"].created > 2900
    assert ImportJob.objects.get().progress == 100
    Officer.objects.filter(department=department).delete()
