"""Our export, checked against what OpenOversight's advanced import accepts (the rules in
tests/officers/openoversight_reader.py, written from its source), and read back here."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import call_command

from officers.importers import ImportOptions, import_advanced
from officers.models import Assignment, Department, Gender, Link, Officer, Race, Rank, Salary, Unit
from tests.officers import openoversight_reader

pytestmark = pytest.mark.django_db
LONG_UNIT = "Bureau of Patrol, Area North, District 4, Tactical Response and Community Safety " * 2
LONG_TITLE = "Federal court finds the department's stop-and-frisk practice unconstitutional in " * 2


@pytest.fixture
def department():
    return Department.objects.create(
        name="Springfield Police Department", state="USA-IL", publication_status="published"
    )


@pytest.fixture
def officers(department):
    """Values our records hold and OpenOversight's schema does not take as they are."""
    unknown = Officer.objects.create(
        department=department, first_name="Dana", last_name="Okafor", suffix="Jr.",
        gender=Gender.UNKNOWN, race=Race.UNKNOWN, internal_id="SPD-7",
        employment_date=datetime.date(2011, 5, 16), birth_year=1984,
    )
    known = Officer.objects.create(
        department=department, first_name="Lorraine", last_name="Begay", suffix="III",
        gender=Gender.FEMALE, race=Race.NATIVE_AMERICAN, internal_id="SPD-42",
    )
    Assignment.objects.create(
        officer=unknown, badge_number="4401", unit=Unit.objects.create(department=department, name=LONG_UNIT),
        start_date=datetime.date(2011, 5, 16),
    )
    Assignment.objects.create(
        officer=known, badge_number="4410", rank=Rank.objects.create(department=department, name="Sergeant"),
        start_date=datetime.date(2010, 3, 1), end_date=datetime.date(2020, 1, 31),
    )
    Salary.objects.create(officer=known, year=2023, salary=Decimal("88000.00"), overtime_pay=Decimal("3100.50"))
    Link.objects.create(officer=unknown, url="https://example.org/court/2021-114", title=LONG_TITLE, link_type="document")
    return unknown, known


def _exported(tmp_path, department) -> tuple[dict[str, str], str]:
    target = tmp_path / "out.zip"
    call_command("export_officers", str(target), "--department", str(department.pk))
    with zipfile.ZipFile(target) as archive:
        files = {
            name.removesuffix(".csv"): archive.read(name).decode()
            for name in archive.namelist()
            if name.endswith(".csv")
        }
        return files, archive.read("README.txt").decode()


def test_openoversight_would_import_the_export_without_stopping_or_dropping_a_value(tmp_path, department, officers):
    files, _readme = _exported(tmp_path, department)

    assert openoversight_reader.problems(
        files, department_name="Springfield Police Department", department_state="IL"
    ) == []


def test_an_unknown_gender_is_blank_as_openoversights_officers_table_allows_no_other(tmp_path, department, officers):
    files, _readme = _exported(tmp_path, department)
    rows = {row["last_name"]: row for row in csv.DictReader(io.StringIO(files["officers"]))}

    assert (rows["Okafor"]["suffix"], rows["Okafor"]["race"], rows["Okafor"]["gender"]) == ("Jr", "Not Sure", "")
    assert (rows["Begay"]["suffix"], rows["Begay"]["race"], rows["Begay"]["gender"]) == ("III", "NATIVE AMERICAN", "F")


def test_values_longer_than_openoversights_columns_are_shortened_for_it(tmp_path, department, officers):
    files, _readme = _exported(tmp_path, department)

    [link] = csv.DictReader(io.StringIO(files["links"]))
    assert len(link["title"]) == 100 and LONG_TITLE.startswith(link["title"].removesuffix("…"))
    units = [row["unit_name"] for row in csv.DictReader(io.StringIO(files["assignments"]))]
    assert max(map(len, units)) == 120 and LONG_UNIT.startswith(max(units, key=len).removesuffix("…"))


def test_the_readme_gives_openoversights_command_for_this_department(tmp_path, department, officers):
    _files, readme = _exported(tmp_path, department)

    assert 'flask advanced-csv-import "Springfield Police Department" IL --officers-csv officers.csv' in readme


def test_an_export_of_several_departments_says_openoversight_takes_one_at_a_time(tmp_path, department, officers):
    other = Department.objects.create(name="Shelbyville PD", state="USA-IL", publication_status="published")
    Officer.objects.create(department=other, first_name="Ann", last_name="Lee", internal_id="S-1")
    target = tmp_path / "all.zip"

    call_command("export_officers", str(target))

    with zipfile.ZipFile(target) as archive:
        readme = archive.read("README.txt").decode()
    assert "2 departments" in readme and "split the files by department_name" in readme


def test_the_openoversight_export_imports_back_here_into_an_empty_department(tmp_path, department, officers):
    files, _readme = _exported(tmp_path, department)
    Department.objects.filter(pk=department.pk).update(name="Springfield PD (old)")
    copy = Department.objects.create(name=department.name, state="USA-IL", publication_status="published")

    report = import_advanced(files, options=ImportOptions(department=copy))

    assert report.committed, report.problems
    okafor = Officer.objects.get(department=copy, last_name="Okafor")
    assert (okafor.gender, okafor.race, okafor.suffix, okafor.internal_id) == (Gender.UNKNOWN, Race.UNKNOWN, "Jr", "SPD-7")
    begay = Officer.objects.get(department=copy, last_name="Begay")
    assert begay.salaries.get().overtime_pay == Decimal("3100.50")
    assert begay.assignments.get().end_date == datetime.date(2020, 1, 31)
    again = import_advanced(files, options=ImportOptions(department=copy))
    assert again.committed and again.counts["officers"].skipped == 2
    assert sum(again.counts[kind].created + again.counts[kind].updated for kind in ("officers", "assignments", "salaries", "links")) == 0
