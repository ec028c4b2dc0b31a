"""build_downloads: what goes into each zip, what stays out, and that a rebuild changes nothing."""

import csv
import io
import json
import zipfile
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import DataSet
from downloads.models import Download
from downloads.services import downloads_build
from tests.factories import (
    CommissionFactory,
    DepartmentFactory,
    FindingFactory,
    IncidentFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def build(*args) -> str:
    out = StringIO()
    call_command("build_downloads", *args, stdout=out)
    return out.getvalue()


def members(slug: str) -> dict[str, str]:
    download = Download.objects.get(slug=slug)
    with default_storage.open(download.file.name, "rb") as handle:
        archive = zipfile.ZipFile(io.BytesIO(handle.read()))
    return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def records():
    department = DepartmentFactory(name="Hampton Police Division", state="USA-VA")
    officer = OfficerFactory(department=department, first_name="Dana", last_name="Reyes")
    hidden = OfficerFactory(department=department, last_name="Drafted", publication_status="draft")
    report = ReportFactory(officer=officer, investigation_id="CCRB-1", outcome="sustained")
    FindingFactory(report=report, summary="=HYPERLINK(\"http://evil\")", outcome="sustained")
    ReportFactory(officer=hidden, investigation_id="CCRB-2")
    ReportFactory(officer=officer, investigation_id="DRAFT-3", publication_status="draft")
    ReportFactory(officer=officer, investigation_id="DEMO-4", dataset="demo")
    CommissionFactory(name="Citizens Police Review Commission", departments=[department],
                      dataset="chicago-law-oversight-agencies", source_row="71")
    DataSet.objects.create(
        slug="chicago-law-oversight-agencies", title="Police oversight agencies",
        publisher="University of Chicago Law School", source_url="https://github.com/chicago-law",
        licence="Apache-2.0", licence_url="https://www.apache.org/licenses/LICENSE-2.0",
        attribution="University of Chicago Law School, police-oversight-agencies",
    )
    IncidentFactory(title="Tear gas on Main Street", review_status="approved", force_rank=4)
    IncidentFactory(title="Still a candidate", review_status="candidate")
    return officer


def test_each_set_holds_its_files_a_readme_and_a_licence(records):
    assert "created 6, updated 0, unchanged 0, skipped 0, failed 0" in build()
    expected = {
        "officers-openoversight": {"officers.csv", "assignments.csv", "salaries.csv", "links.csv"},
        "officers": {"officers.csv", "assignments.csv", "salaries.csv", "links.csv"},
        "reports": {"reports.csv", "findings.csv"},
        "oversight-bodies": {"oversight_bodies.csv"},
        "records-laws": {"records_laws.csv"},
        "incidents": {"incidents.csv", "incidents.geojson"},
    }
    for slug, files in expected.items():
        assert set(members(slug)) == files | {"README.txt", "LICENCE.txt"}, slug


def test_only_published_records_go_in(records):
    build()
    reports = rows(members("reports")["reports.csv"])
    assert [r["investigation_id"] for r in reports] == ["CCRB-1", "CCRB-2"]
    # A public report about an officer who is not public does not name them.
    assert {r["investigation_id"]: r["officer_name"] for r in reports}["CCRB-2"] == ""
    officers = rows(members("officers")["officers.csv"])
    assert [o["last_name"] for o in officers] == ["Reyes"]
    incidents = members("incidents")
    incident_rows = rows(incidents["incidents.csv"])
    assert [i["title"] for i in incident_rows] == ["Tear gas on Main Street"]
    # Numbers are not "neutralised": a longitude keeps its minus sign for the reader's tools.
    assert (incident_rows[0]["latitude"], incident_rows[0]["longitude"]) == ("45.52", "-122.68")
    geojson = json.loads(incidents["incidents.geojson"])
    assert [f["properties"]["title"] for f in geojson["features"]] == ["Tear gas on Main Street"]
    assert geojson["features"][0]["geometry"]["coordinates"] == [-122.68, 45.52]


def test_the_officer_files_are_the_officer_export(records):
    build()
    oo = rows(members("officers-openoversight")["officers.csv"])
    assert (oo[0]["id"], oo[0]["department_name"], oo[0]["department_state"]) == (
        f"#{records.pk}", "Hampton Police Division", "VA")
    ours = rows(members("officers")["officers.csv"])
    assert ours[0]["id"] == str(records.pk) and ours[0]["department_id"] == str(records.department_id)


def test_cells_that_a_spreadsheet_would_run_are_neutralised(records):
    build()
    finding = rows(members("reports")["findings.csv"])[0]
    assert finding["summary"] == "'=HYPERLINK(\"http://evil\")"


def test_the_licence_names_each_source_and_its_attribution(records):
    build()
    licence = members("oversight-bodies")["LICENCE.txt"]
    assert "University of Chicago Law School, police-oversight-agencies" in licence
    assert "Apache-2.0" in licence
    assert Download.objects.get(slug="oversight-bodies").licences == ["Apache-2.0"]
    body = rows(members("oversight-bodies")["oversight_bodies.csv"])[0]
    assert (body["dataset"], body["source_row"], body["departments_covered"]) == (
        "chicago-law-oversight-agencies", "71", "Hampton Police Division")
    readme = members("reports")["README.txt"]
    assert "reports.csv: 2 rows" in readme and "findings.csv: 1 rows" in readme


def test_a_second_build_changes_nothing_and_a_new_record_changes_one_set(
    records, django_capture_on_commit_callbacks
):
    build()
    first = {d.slug: (d.file.name, d.changed_at) for d in Download.objects.all()}
    assert "created 0, updated 0, unchanged 6" in build()
    assert {d.slug: (d.file.name, d.changed_at) for d in Download.objects.all()} == first
    ReportFactory(officer=records, investigation_id="CCRB-9")
    with django_capture_on_commit_callbacks(execute=True):
        assert "created 0, updated 1, unchanged 5" in build()
    report = Download.objects.get(slug="reports")
    assert report.file.name != first["reports"][0] and report.row_count == 3
    # The earlier file is removed once the new one is in place.
    assert not default_storage.exists(first["reports"][0])


def test_a_dry_run_builds_and_counts_but_stores_nothing(records):
    out = build("--dry-run")
    assert "dry run: created 6, updated 0" in out and "reports: 2 rows" in out
    assert not Download.objects.exists()


def test_a_set_that_fails_is_reported_and_the_others_are_built(records, monkeypatch):
    from downloads import services, sets

    def broken():
        raise ValueError("no such column")

    reports = sets.file_set("reports")
    monkeypatch.setattr(services, "FILE_SETS", [
        sets.FileSet(s.slug, s.title, s.description, broken) if s is reports else s
        for s in sets.FILE_SETS
    ])
    with pytest.raises(CommandError, match="1 file set"):
        build()
    assert set(Download.objects.values_list("slug", flat=True)) == {
        "officers-openoversight", "officers", "oversight-bodies", "records-laws", "incidents"}
    assert downloads_build(only=["reports"]).notes == ["reports: failed: ValueError('no such column')"]


def test_beat_rebuilds_the_downloads_every_night():
    from celery.schedules import crontab

    from config.celery import app
    from downloads.tasks import build_downloads

    entry = app.conf.beat_schedule["build-public-downloads"]
    assert entry["task"] == build_downloads.name == "downloads.tasks.build_downloads"
    assert entry["schedule"] == crontab(minute=30, hour=2)


def test_the_task_builds_what_the_command_builds(records):
    from downloads.tasks import build_downloads

    assert build_downloads() == {"created": 6, "updated": 0, "unchanged": 0, "failed": 0}
    assert build_downloads()["unchanged"] == 6
