"""The admin: sources with their last run, read-only runs, the X token warning, file import."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from incidents.models import Incident, Post
from ingest.models import Run, RunStatus
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client, django_user_model):
    user = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def test_the_source_list_warns_when_x_has_no_token(staff, settings):
    settings.TWITTER_BEARER_TOKEN = ""

    response = staff.get(reverse("admin:ingest_source_changelist"))

    assert response.status_code == 200
    assert "no bearer token is set" in response.content.decode()


def test_runs_are_listed_filtered_and_read_only(staff):
    source = SourceFactory(kind="news", name="Desk")
    Run.objects.create(source=source, status=RunStatus.FAILED, message="The feed answered HTTP 500.", fetched=3, new=2,
                       errors=[{"level": "error", "message": "<b>bad</b> entry"}])

    listing = staff.get(reverse("admin:ingest_run_changelist") + "?status__exact=failed")
    run = Run.objects.get()
    detail = staff.get(reverse("admin:ingest_run_change", args=[run.pk]))

    assert "The feed answered HTTP 500." in listing.content.decode()
    body = detail.content.decode()
    assert "&lt;b&gt;bad&lt;/b&gt; entry" in body
    assert 'name="_save"' not in body
    assert staff.get(reverse("admin:ingest_run_add")).status_code == 403


def test_run_now_queues_the_source(staff, feed_host, django_capture_on_commit_callbacks, eager_tasks):
    from tests.ingest.test_news import RSS

    feed_host.feeds["/rss.xml"] = RSS
    source = SourceFactory(kind="news", name="Desk", config={"url": feed_host.url + "/rss.xml"})

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("admin:ingest_source_changelist"), {"action": "run_now", "_selected_action": [source.pk]})

    assert Run.objects.get(source=source).trigger == "admin: boss"
    assert Post.objects.count() == 2


def test_a_pb2020_file_can_be_uploaded_and_checked_first(staff):
    from tests.ingest.test_importers import V2

    url = reverse("admin:ingest_source_import")
    upload = lambda: SimpleUploadedFile("all-locations-v2.json", json.dumps(V2).encode())  # noqa: E731

    checked = staff.post(url, {"format": "pb2020", "file": upload(), "dry_run": "on"}, follow=True)
    assert "2 created" in checked.content.decode() and Incident.objects.count() == 0

    staff.post(url, {"format": "pb2020", "file": upload(), "approve": "on"})
    assert Incident.objects.public().count() == 2


def test_a_bad_csv_upload_lists_every_problem_and_imports_nothing(staff):
    response = staff.post(
        reverse("admin:ingest_source_import"),
        {"format": "csv", "source_name": "Uploads", "file": SimpleUploadedFile("p.csv", b"id,text\n1,\n")},
    )

    assert "row 2, column text: empty" in response.content.decode()
    assert Post.objects.count() == 0


def test_a_file_that_is_not_utf8_is_refused_with_a_message(staff):
    response = staff.post(
        reverse("admin:ingest_source_import"),
        {"format": "csv", "file": SimpleUploadedFile("p.csv", b"id,text\n1,caf\xe9\n")},
    )

    assert response.status_code == 200
    assert "not UTF-8" in response.content.decode()


def _import(staff, fmt, name, content):
    return staff.post(
        reverse("admin:ingest_source_import"),
        {"format": fmt, "source_name": "Uploads", "file": SimpleUploadedFile(name, content)},
    )


def test_a_file_with_a_nul_character_is_refused_with_a_message(staff):
    response = _import(staff, "csv", "p.csv", b"first_name,last_name\x00\nA,B\n")

    assert response.status_code == 200
    assert "The file contains a NUL character (byte 20): it is not a text file." in response.content.decode()
    assert Run.objects.count() == 0


def test_a_csv_cell_past_the_csv_field_limit_is_a_problem_of_the_file(staff):
    response = _import(staff, "csv", "p.csv", b"id,text\n1," + b"A" * 200_000 + b"\n")

    assert response.status_code == 200
    assert "after line 1: not readable as CSV (field larger than field limit (131072))" in response.content.decode()
    assert Post.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "p.json, line 1: JSON nested too deeply"),
        (json.dumps({"data": [{"id": "1", "name": "t", "links": 5}]}).encode(), "p.json, record 1, field links: 5 is not a list"),
        (json.dumps([{"id": "1", "name": "t", "tags": 7}]).encode(), "p.json, record 1, field tags: 7 is not a list"),
    ],
)
def test_a_pb2020_file_of_the_wrong_shape_lists_the_problem(staff, content, problem):
    response = _import(staff, "pb2020", "p.json", content)

    assert response.status_code == 200
    assert problem in response.content.decode()
    assert Incident.objects.count() == 0
