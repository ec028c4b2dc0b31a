"""Every admin bulk action, driven as staff use it: a POST to the real changelist, on PostgreSQL.

Several changelists annotate their querysets with counts (a GROUP BY), and PostgreSQL refuses
to lock such a query; these tests are what catch a `NotSupportedError` there. A new action
without a case below fails `test_every_admin_action_has_a_case`.
"""

import socket
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from api.models import PartnerKey
from api.services import partner_key_create
from incidents.models import Incident
from ingest.models import Source
from officers.models import CertificationEvent, Department, Image, Officer, OfficerMerge
from officers.merges.services import officer_merge
from core.models import LinkStatus
from pra.models import Law, RequestTemplate
from tests.factories import (
    CommissionFactory,
    DepartmentFactory,
    FaceFactory,
    ImageFactory,
    IncidentFactory,
    OfficerFactory,
    ReportFactory,
    SourceFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Third-party actions left out, and why.
NOT_COVERED = {
    # Sends the selected beat tasks to the broker at once; what they do is each task's own test.
    ("django_celery_beat.PeriodicTask", "run_tasks"),
}


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/gone"


def _department_with_officers(status):
    department = DepartmentFactory(publication_status=status)
    OfficerFactory.create_batch(2, department=department)  # the changelist counts them
    return department


def _image_with_face(state):
    image = ImageFactory(review_state=state)
    FaceFactory(image=image)  # the changelist counts faces
    return image


def _publication_cases():
    makers = {
        "officers.Department": _department_with_officers,
        "officers.Officer": lambda status: OfficerFactory(publication_status=status),
        "reports.Report": lambda status: ReportFactory(publication_status=status),
        "oversight.Commission": lambda status: CommissionFactory(publication_status=status),
        "pra.Law": lambda status: _law(status),
        "pra.RequestTemplate": lambda status: _template(status),
        "officers.CertificationEvent": lambda status: CertificationEvent.objects.create(
            officer=OfficerFactory(), state="USA-VA", kind="decertified", publication_status=status
        ),
    }
    moves = {"mark_published": ("draft", "published"), "mark_retracted": ("published", "retracted"),
             "mark_draft": ("retracted", "draft")}
    for label, make in makers.items():
        for action, (before, after) in moves.items():
            yield label, action, make, before, after


def _law(status):
    from pra.seed import seed

    seed()
    law = Law.objects.order_by("pk").first()
    Law.objects.filter(pk=law.pk).update(publication_status=status)
    return law


def _template(status):
    from pra.seed import seed

    seed()
    template = RequestTemplate.objects.order_by("pk").first()
    RequestTemplate.objects.filter(pk=template.pk).update(publication_status=status)
    return template


def _post(client, model, action, pks, **extra):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    return client.post(url, {"action": action, "_selected_action": list(pks), **extra})


def _assert_done(response):
    """An action answers with the changelist again (a redirect), or a page of its own."""
    assert response.status_code in (200, 302), response.content[:500]


@pytest.mark.parametrize(("label", "action", "make", "before", "after"), list(_publication_cases()),
                         ids=lambda value: value if isinstance(value, str) else "")
def test_publication_actions_change_the_status(staff, label, action, make, before, after):
    records = [make(before), make(before)]
    model = type(records[0])
    response = _post(staff, model, action, [r.pk for r in records])
    _assert_done(response)
    assert set(model.objects.filter(pk__in=[r.pk for r in records]).values_list("publication_status", flat=True)) == {after}


@pytest.mark.parametrize(("action", "before", "after"), [
    ("mark_approved", "pending", "approved"), ("mark_rejected", "pending", "rejected"),
    ("mark_pending", "approved", "pending"),
])
def test_photo_review_actions_change_the_state(staff, action, before, after):
    images = [_image_with_face(before), _image_with_face(before)]
    _assert_done(_post(staff, Image, action, [i.pk for i in images]))
    assert set(Image.objects.filter(pk__in=[i.pk for i in images]).values_list("review_state", flat=True)) == {after}


@pytest.mark.parametrize(("label", "model"), [("departments", Department), ("officers", Officer)])
def test_csv_export_actions_answer_a_zip(staff, label, model):
    department = _department_with_officers("published")
    pks = [department.pk] if model is Department else list(department.officers.values_list("pk", flat=True))
    response = _post(staff, model, "export_csv", pks)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:2] == b"PK"


def test_merge_action_asks_for_confirmation(staff):
    department = DepartmentFactory()
    kept, merged = OfficerFactory(department=department), OfficerFactory(department=department)
    response = _post(staff, Officer, "merge_officers", [kept.pk, merged.pk])
    assert response.status_code == 200 and "Merge these officers" in response.text
    _post(staff, Officer, "merge_officers", [kept.pk, merged.pk], confirm="yes", kept=kept.pk, reason="same person")
    merged.refresh_from_db()
    assert merged.merged_into == kept


def test_undo_merge_action_brings_the_officer_back(staff):
    department = DepartmentFactory()
    kept, merged = OfficerFactory(department=department), OfficerFactory(department=department)
    merge = officer_merge(kept=kept, merged=merged, actor=staff.user, reason="same person")
    _assert_done(_post(staff, OfficerMerge, "undo", [merge.pk]))
    merge.refresh_from_db()
    merged.refresh_from_db()
    assert merge.undone_at is not None and merged.merged_into is None


@pytest.mark.parametrize(("action", "status"), [
    ("mark_approved_any", "approved"), ("mark_rejected_no_force", "rejected"),
    ("mark_rejected_no_police", "rejected"), ("mark_rejected_duplicate", "rejected"),
    ("mark_candidate_any", "candidate"),
])
def test_incident_review_actions_decide(staff, action, status):
    start = "approved" if status == "candidate" else "candidate"
    incidents = [IncidentFactory(review_status=start), IncidentFactory(review_status=start)]
    response = _post(staff, Incident, action, [i.pk for i in incidents])
    _assert_done(response)
    assert set(Incident.objects.filter(pk__in=[i.pk for i in incidents]).values_list("review_status", flat=True)) == {status}


def test_link_recheck_action_checks_the_link_again(staff, settings):
    settings.LINK_CHECK_TIMEOUT = 2
    commission = CommissionFactory()
    status = LinkStatus.objects.create(
        content_type=ContentType.objects.get_for_model(commission), object_id=commission.pk,
        field="website", url=_closed_port_url(),
    )
    _assert_done(_post(staff, LinkStatus, "recheck", [status.pk]))
    status.refresh_from_db()
    assert status.checked_at is not None and status.consecutive_failures == 1


def test_source_run_now_action_queues_a_run(staff, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr("ingest.tasks.scrape_source.apply_async", lambda *a, **kw: sent.append((a, kw)))
    monkeypatch.setattr("ingest.tasks.scrape_source.delay", lambda *a, **kw: sent.append((a, kw)))
    source = SourceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _assert_done(_post(staff, Source, "run_now", [source.pk]))
    assert len(sent) == 1


def test_source_clear_pause_action_lifts_the_pause(staff):
    from django.utils import timezone

    source = SourceFactory(resume_after=timezone.now() + timezone.timedelta(hours=1))
    _assert_done(_post(staff, Source, "clear_pause", [source.pk]))
    source.refresh_from_db()
    assert source.resume_after is None


@pytest.mark.parametrize("action", ["rotate_keys", "revoke_keys"])
def test_partner_key_actions(staff, action):
    key, _secret = partner_key_create(organisation="Police Accountability Project")
    old_hash = key.key_hash
    response = _post(staff, PartnerKey, action, [key.pk])
    _assert_done(response)
    key.refresh_from_db()
    if action == "rotate_keys":
        assert key.key_hash != old_hash
    else:
        assert key.revoked_at is not None


@pytest.mark.parametrize(("action", "before", "after"), [
    ("enable_tasks", False, True), ("disable_tasks", True, False), ("toggle_tasks", True, False),
])
def test_beat_schedule_actions(staff, action, before, after):
    every = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    task = PeriodicTask.objects.create(name="nightly", task="core.tasks.clear_expired_sessions",
                                       interval=every, enabled=before)
    _assert_done(_post(staff, PeriodicTask, action, [task.pk]))
    task.refresh_from_db()
    assert task.enabled is after


def test_cleaning_up_expired_sign_in_attempts_keeps_the_recent_ones(staff):
    def attempt(username, hours_ago):
        made = AccessAttempt.objects.create(
            username=username, ip_address="192.0.2.7", user_agent="guess", http_accept="*/*",
            path_info="/admin/login/", get_data="", post_data="", failures_since_start=5,
        )
        AccessAttempt.objects.filter(pk=made.pk).update(attempt_time=timezone.now() - timedelta(hours=hours_ago))
        return made

    old, recent = attempt("old-guess", hours_ago=3), attempt("recent-guess", hours_ago=0)
    _assert_done(_post(staff, AccessAttempt, "cleanup_expired_attempts", [old.pk, recent.pk]))
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent-guess"]


def test_cleaning_up_expired_sign_in_attempts_keeps_the_recent_ones(staff):
    def attempt(username, hours_ago):
        made = AccessAttempt.objects.create(
            username=username, ip_address="192.0.2.7", user_agent="guess", http_accept="*/*",
            path_info="/admin/login/", get_data="", post_data="", failures_since_start=5,
        )
        AccessAttempt.objects.filter(pk=made.pk).update(attempt_time=timezone.now() - timedelta(hours=hours_ago))
        return made

    old, recent = attempt("old-guess", hours_ago=3), attempt("recent-guess", hours_ago=0)
    _assert_done(_post(staff, AccessAttempt, "cleanup_expired_attempts", [old.pk, recent.pk]))
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["recent-guess"]


@pytest.mark.parametrize(("action", "before", "after"), [
    ("mark_accepted", "open", "accepted"), ("mark_rejected", "open", "rejected"), ("mark_open", "rejected", "open"),
])
def test_error_report_triage_actions_set_the_status(staff, action, before, after):
    from corrections.models import Correction
    from corrections.services import correction_submit

    reports = [correction_submit(kind="officer", record=OfficerFactory(), message="The badge is wrong.") for _ in range(2)]
    Correction.objects.filter(pk__in=[r.pk for r in reports]).update(status=before)
    _assert_done(_post(staff, Correction, action, [r.pk for r in reports]))
    assert set(Correction.objects.values_list("status", flat=True)) == {after}


COVERED = {
    *(("corrections.Correction", a) for a in ("mark_accepted", "mark_rejected", "mark_open")),
    *((label, action) for label, action, *_ in _publication_cases()),
    *(("officers.Image", a) for a in ("mark_approved", "mark_rejected", "mark_pending")),
    ("officers.Department", "export_csv"), ("officers.Officer", "export_csv"),
    ("officers.Officer", "merge_officers"), ("officers.OfficerMerge", "undo"),
    *(("incidents.Incident", a) for a in ("mark_approved_any", "mark_rejected_no_force",
                                          "mark_rejected_no_police", "mark_rejected_duplicate",
                                          "mark_candidate_any")),
    ("core.LinkStatus", "recheck"), ("ingest.Source", "run_now"), ("ingest.Source", "clear_pause"),
    ("api.PartnerKey", "rotate_keys"), ("api.PartnerKey", "revoke_keys"),
    ("axes.AccessAttempt", "cleanup_expired_attempts"),
    *(("django_celery_beat.PeriodicTask", a) for a in ("enable_tasks", "disable_tasks", "toggle_tasks")),
}


def test_every_admin_action_has_a_case(django_user_model):
    request = RequestFactory().get("/admin/")
    request.user = django_user_model(is_superuser=True, is_staff=True, is_active=True)
    found = {
        (model._meta.label, name)
        for model, model_admin in admin.site._registry.items()
        for name in model_admin.get_actions(request)
        if name != "delete_selected"  # Django's own, with its confirmation page
    }
    assert found - COVERED - NOT_COVERED == set()
