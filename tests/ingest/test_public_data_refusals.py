"""load_public_data refuses what it cannot load and writes nothing: a dry run, a malformed file."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import DataSet
from officers.models import Officer
from oversight.models import Commission
from reports.models import Report
from tests.ingest.test_public_data import load

pytestmark = pytest.mark.django_db


def test_dry_run_writes_nothing(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    out = load("--dry-run")
    assert "dry run: nyc_ccrb: created 5927," in out
    assert not Report.objects.exists() and not Commission.objects.exists() and not DataSet.objects.exists()


def test_a_malformed_file_writes_nothing_and_names_the_row(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    shutil.copy("data/public/nyc_ccrb_departure_letters.json", tmp_path)
    payload = json.loads(open("data/public/nyc_ccrb_closing_reports.json").read())
    payload["closingReports"][2]["ClosedDate"] = "31/02/2016"
    (tmp_path / "nyc_ccrb_closing_reports.json").write_text(json.dumps(payload))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_public_data", "--only", "nyc_ccrb", stdout=StringIO(), stderr=err)
    assert "row 201203642, column 'ClosedDate'" in err.getvalue() and "31/02/2016" in err.getvalue()
    assert not Report.objects.exists() and not Officer.objects.exists()
