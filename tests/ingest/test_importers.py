"""PB2020 incidents and CSV posts: located, idempotent, all-or-nothing."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from incidents.models import Incident, Post
from ingest.models import Run, RunStatus
from ingest.services import ImportFailed, import_source_get_or_create, pb2020_import, posts_import_csv

pytestmark = pytest.mark.django_db

V2 = {
    "edit_at": "https://github.com/2020PB/police-brutality",
    "help": "ask @ubershmekel on twitter",
    "updated_at": "2020-11-01T00:00:00+00:00",
    "data": [
        {
            "links": [{"url": "https://twitter.com/x/status/1", "text": ""}, {"url": "https://www.youtube.com/watch?v=a", "text": "video"}],
            "state": "Oregon",
            "edit_at": "https://github.com/2020PB/police-brutality/blob/master/reports/Oregon.md",
            "city": "Portland",
            "description": "Police fire tear gas at protesters.",
            "tags": ["tear-gas", "protester", "shove"],
            "name": "Police tear gas protesters",
            "date": "2020-07-20",
            "date_text": "July 20th",
            "id": "or-portland-1",
        },
        {
            "links": [{"url": "https://twitter.com/x/status/2", "text": ""}],
            "state": "Washington DC",
            "edit_at": "https://github.com/2020PB/police-brutality/blob/master/reports/Washington DC.md",
            "city": "DC",
            "description": "Officer shoves a man.",
            "tags": ["shove"],
            "name": "Officer shoves man",
            "date": "2020-06-01",
            "date_text": "June 1st",
            "id": "dc-dc-1",
        },
    ],
}


def test_the_shared_data_set_imports_as_located_incidents_and_only_once():
    call_command("import_pb2020")
    total = Incident.objects.filter(dataset="pb2020").count()
    located = Incident.objects.filter(dataset="pb2020", latitude__isnull=False, location_method="dataset")

    call_command("import_pb2020")

    lines = (settings.DATA_DIR / "pb2020_incidents.jsonl").read_text().strip().splitlines()
    assert total == len(lines) == Incident.objects.count()
    assert located.count() >= total - 5
    first = json.loads(lines[0])
    incident = Incident.objects.get(dataset="pb2020", external_id=first["id"])
    assert incident.force_rank == first["force_rank"]
    assert incident.links == first["links"]
    assert incident.tags == first["tags"]
    assert incident.source_kind == "dataset"
    assert incident.review_status == "candidate"
    assert (incident.latitude, incident.longitude) == (first["lat"], first["lon"])
    assert incident.state == "USA-UT"
    assert incident.history.count() == 1


def test_the_original_v2_format_is_located_with_the_gazetteer_and_ranked_from_its_tags():
    summary = pb2020_import(text=json.dumps(V2), approve=True)

    assert (summary.created, summary.approved) == (2, 2)
    portland = Incident.objects.get(external_id="or-portland-1")
    assert portland.force_rank == 4  # tear-gas outranks shove
    assert portland.links == ["https://twitter.com/x/status/1", "https://www.youtube.com/watch?v=a"]
    assert (portland.city, portland.state, portland.location_method) == ("Portland", "USA-OR", "dataset")
    assert 45 < portland.latitude < 46
    assert portland.review_status == "approved" and "2020PB" in portland.review_note
    dc = Incident.objects.get(external_id="dc-dc-1")
    assert (dc.state, dc.city, dc.force_rank) == ("USA-DC", "Washington", 2)


def test_reimporting_updates_changed_incidents_and_never_reapproves_a_rejected_one():
    pb2020_import(text=json.dumps(V2))
    Incident.objects.filter(external_id="dc-dc-1").update(review_status="rejected")
    V2_changed = json.loads(json.dumps(V2))
    V2_changed["data"][0]["name"] = "Police tear gas protesters downtown"

    summary = pb2020_import(text=json.dumps(V2_changed), approve=True)

    assert (summary.created, summary.updated, summary.unchanged, summary.approved) == (0, 1, 1, 1)
    assert Incident.objects.get(external_id="or-portland-1").title == "Police tear gas protesters downtown"
    assert Incident.objects.get(external_id="dc-dc-1").review_status == "rejected"


def test_a_bad_record_reports_where_and_imports_nothing(tmp_path):
    lines = [
        json.dumps({"id": "a-1", "title": "Fine", "date": "2020-06-01", "tags": []}),
        json.dumps({"id": "a-2", "title": "Bad date", "date": "June 1st"}),
        "{not json",
        json.dumps({"id": "a-1", "title": "Repeat"}),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines))

    with pytest.raises(CommandError):
        call_command("import_pb2020", "--file", str(path))

    assert Incident.objects.count() == 0
    with pytest.raises(ImportFailed) as error:
        pb2020_import(text=path.read_text(), name="bad.jsonl")
    assert error.value.problems == [
        "bad.jsonl, line 3: not valid JSON (Expecting property name enclosed in double quotes)",
        "bad.jsonl, line 2, field date: 'June 1st' is not a YYYY-MM-DD date",
        "bad.jsonl, line 4, field id: 'a-1' already used at bad.jsonl, line 1",
    ]


def test_a_dry_run_counts_and_writes_nothing(capsys):
    call_command("import_pb2020", "--dry-run")

    assert Incident.objects.count() == 0
    assert "dry run" in capsys.readouterr().out


CSV = (
    "id,text,created_at,url,author,lang,city,state,extra\n"
    "a1,Police fired tear gas &amp; flash-bangs in Portland,2026-11-20T10:00:00Z,https://example.org/a1,jo,en,,,x\n"
    "a2,Taser used on a teenager,2026-11-19,,,,Minneapolis,MN,\n"
)


def test_a_csv_of_posts_is_imported_once_with_a_run_record():
    source = import_source_get_or_create(name="HRF sample")

    run = posts_import_csv(source=source, text=CSV)
    again = posts_import_csv(source=source, text=CSV)

    assert (run.new, again.new, again.duplicates) == (2, 0, 2)
    assert Post.objects.count() == 2
    first = Post.objects.get(external_id="a1")
    assert first.source_kind == "csv" and first.text == "Police fired tear gas & flash-bangs in Portland"
    assert first.raw["extra"] == "x"
    assert (first.city, first.location_method) == ("Portland", "text")
    second = Post.objects.get(external_id="a2")
    assert (second.city, second.state, second.location_method) == ("Minneapolis", "USA-MN", "dataset")
    assert second.posted_at.isoformat() == "2026-11-19T00:00:00+00:00"
    assert source.runs.filter(status=RunStatus.SUCCEEDED).count() == 2


def test_a_csv_with_bad_rows_names_row_and_column_and_commits_nothing(tmp_path, capsys):
    path = tmp_path / "posts.csv"
    path.write_text(
        "id,text,created_at,url\n"
        "1,fine,2026-11-20,https://example.org/1\n"
        "2,,yesterday,javascript:alert(1)\n"
        "1,again,,\n"
    )

    with pytest.raises(CommandError):
        call_command("import_posts_csv", str(path))

    err = capsys.readouterr().err
    assert "row 3, column text: empty" in err
    assert "row 3, column created_at: 'yesterday' is not an ISO date or time" in err
    assert "row 3, column url" in err
    assert "row 4, column id: '1' repeats row 2" in err
    assert Post.objects.count() == 0
    failed = Run.objects.get()
    assert failed.status == RunStatus.FAILED and len(failed.errors) == 4


def test_a_csv_without_the_required_columns_is_refused():
    with pytest.raises(ImportFailed) as error:
        posts_import_csv(source=import_source_get_or_create(name="x"), text="tweet,label\n1,2\n")

    assert "missing column(s) id, text" in error.value.problems[0]


def test_demo_data_loads_approved_incidents_idempotently():
    call_command("load_demo")
    pb2020 = Incident.objects.filter(dataset="pb2020")
    approved = pb2020.public().count()
    call_command("load_demo")

    # Other apps' demos may add candidate incidents (classified demo posts); 2020PB's are approved.
    assert approved == pb2020.public().count() == pb2020.count() > 1000
    assert "demo data" in pb2020.first().review_note
