"""load_public_data on the real files (data/public/ copies): facts from the files themselves.

The files are loaded once for this module, in a transaction rolled back at its end; each test
runs inside it in its own savepoint, so what one test changes the next does not see.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from core.models import DataSet
from officers.models import CertificationEvent, Department, Officer
from oversight.models import Commission
from reports.models import FindingOutcome, Report

pytestmark = pytest.mark.django_db


def load(*args) -> str:
    out = StringIO()
    call_command("load_public_data", *args, "--only", "va_departments", "--only", "va_decertifications",
                 "--only", "nyc_ccrb", "--only", "oversight_bodies", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    # An empty DATA_DIR: the loaders fall back to the copies shipped in data/public/.
    with django_db_blocker.unblock(), override_settings(DATA_DIR=tmp_path_factory.mktemp("empty")):
        with transaction.atomic():
            yield load()
            transaction.set_rollback(True)


def test_it_loads_oversight_bodies_with_their_facts(loaded):
    albuquerque = Commission.objects.get(dataset="chicago-law-oversight-agencies", source_row="1")
    assert (albuquerque.name, albuquerque.city, albuquerque.state) == ("Civilian Police Oversight Agency", "Albuquerque", "USA-NM")
    assert (albuquerque.established_year, albuquerque.amended_year) == (2014, 2016)
    assert albuquerque.roles == ["investigative"] and albuquerque.needs_contact_details
    assert Commission.objects.get(name="Honolulu Police Commission").state == "USA-HI"
    assert Commission.objects.filter(dataset="chicago-law-oversight-agencies").count() == 88


def test_it_links_ccrb_to_the_nypd_and_richmond_to_its_police(loaded):
    nypd = Department.objects.get(name="New York City Police Department")
    assert "Citizens Complaint Review Board" in {c.name for c in nypd.oversight_commissions.all()}
    richmond = Department.objects.get(name="Richmond Police Department", state="USA-VA")
    assert [c.name for c in richmond.oversight_commissions.all()] == ["Citizens Police Review Commission"]
    airport = Department.objects.get(name="Richmond International Airport Police")
    assert not airport.oversight_commissions.exists()


def test_it_loads_virginia_departments(loaded):
    abingdon = Department.objects.get(name="Abingdon Police Department")
    assert (abingdon.kind, abingdon.head_name, abingdon.phone, abingdon.certified_officer_count) == (
        "police", "Jonathan Holbrook", "276-628-3111", 25)
    assert abingdon.website == "http://www.abingdon-va.gov"
    assert Department.objects.get(name="Accomack County Sheriff's Office").kind == "sheriff"


def test_it_loads_decertifications_with_reason_and_flags_the_2029_date(loaded):
    event = CertificationEvent.objects.get(officer__last_name="Freeman", officer__first_name="Deangelo")
    assert str(event.date) == "2021-01-04" and event.kind == "decertified"
    assert event.reason.startswith("Felony:  Conspiracy to possess with intent to distribute")
    assert event.officer.department.name == "Hampton Police Division"
    borum = CertificationEvent.objects.get(officer__last_name="Borum")
    assert borum.date is None and borum.date_in_doubt and borum.date_as_stated == "2029-03-28"
    assert CertificationEvent.objects.get(officer__last_name="Mebane").reason == "Refusal to submit to drug screening §15.2-1707"
    assert CertificationEvent.objects.count() == 434


def test_it_loads_ccrb_cases_including_department_level_ones(loaded, client):
    case = Report.objects.get(investigation_id="201007184")
    assert (case.outcome, case.outcome_as_stated, case.officer) == (FindingOutcome.NOT_SUSTAINED, "Unsubstantiated", None)
    assert case.report_url.endswith("201007184_RedactedClosingReport.pdf")
    named = Report.objects.get(investigation_id="201804621")
    assert {o.last_name for o in named.named_officers.all()} == {"Cancel", "Delaney"}
    assert Report.objects.filter(dataset="nyc-ccrb-complaint-records").count() == 5627
    assert client.get(f"/en/reports/{case.public_id}/").status_code == 200
    assert client.get(f"/en/reports/{named.public_id}/").status_code == 200


def test_a_second_run_changes_nothing(loaded):
    again = load()
    for line in again.splitlines():
        if line.split(":")[0] in ("va_departments", "va_decertifications", "nyc_ccrb", "oversight_bodies"):
            assert ": created 0, updated 0," in line, line


def test_the_about_page_lists_each_data_set(loaded, client):
    page = client.get("/en/about/").content.decode()
    for data_set in DataSet.objects.all():
        assert data_set.title in page and data_set.licence in page
    assert DataSet.objects.get(slug="va-dcjs-decertifications").row_count == 434
