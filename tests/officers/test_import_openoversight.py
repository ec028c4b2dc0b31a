"""Files in OpenOversight's formats, as its users have them (tests/fixtures/openoversight/,
written for these tests from OpenOversight's documented columns and values)."""

import csv
import datetime
import io
import random
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from officers.importers import ImportOptions, import_advanced, import_wide
from officers.importers import parsing as p
from officers.models import Assignment, Department, Gender, Link, Officer, Race, Rank, Salary, Unit
from tests.factories import AssignmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "openoversight"


@pytest.fixture
def department():
    return Department.objects.create(
        name="Springfield Police Department", state="USA-IL", publication_status="published"
    )


def advanced(*names):
    return {name: (FIXTURES / f"{name}.csv").read_bytes() for name in names}


def wide_roster(department) -> bytes:
    return (FIXTURES / "roster_wide.csv").read_bytes().replace(b"{d}", str(department.pk).encode())


def test_a_spreadsheet_made_advanced_import_reads_completely(department):
    report = import_advanced(
        advanced("officers", "assignments", "salaries"), options=ImportOptions(department=department)
    )

    assert report.problems == [], report.problems
    assert report.committed
    anna = Officer.objects.get(last_name="Kowalski")
    assert (anna.employment_date, anna.birth_year, anna.race, anna.gender) == (
        datetime.date(2019, 7, 12), 1971, Race.WHITE, Gender.FEMALE,
    )
    assert list(anna.assignments.order_by("start_date").values_list("badge_number", "rank__name", "unit__name", "end_date")) == [
        ("7890", "Police Officer", "District 4", datetime.date(2022, 6, 30)),
        ("7890", "Sergeant", "District 4", None),
    ]
    assert Officer.objects.get(internal_id="SPD-0042").employment_date == datetime.date(1998, 1, 9)
    assert Officer.objects.get(last_name="Reyes").assignments.get().start_date == datetime.date(2005, 3, 1)
    assert str(anna.salaries.get().salary) == "81500.00"
    assert not any("not used" in notice for notice in report.notices), report.notices


def test_importing_the_same_files_again_changes_nothing(department):
    files = advanced("officers", "assignments", "salaries")
    import_advanced(files, options=ImportOptions(department=department))
    before = (Officer.objects.count(), Assignment.objects.count(), Salary.objects.count())

    again = import_advanced(files, options=ImportOptions(department=department))

    assert again.problems == [] and again.warnings == []
    assert {kind: (c.created, c.updated) for kind, c in again.counts.items() if kind != "units"} == {
        kind: (0, 0) for kind in ("officers", "assignments", "salaries", "links", "ranks")
    }
    assert (Officer.objects.count(), Assignment.objects.count(), Salary.objects.count()) == before


def test_the_wide_roster_with_spaced_headers_and_words_for_gender_reads(department):
    report = import_wide(wide_roster(department), options=ImportOptions(department=department, partial=True))

    assert report.counts["officers"].created == 3
    genders = dict(Officer.objects.values_list("last_name", "gender"))
    assert genders == {"Oyelaran": Gender.MALE, "Raman": Gender.FEMALE, "Whitfield": Gender.OTHER}
    assert Officer.objects.get(last_name="Oyelaran").search_badges == "4401"
    # Dana Lucero has neither a badge nor an internal id: refused, with the way out.
    [problem] = report.problems
    assert (problem.row, problem.column) == (5, "star_no")
    assert "--update-by-name" in problem.message


def test_update_by_name_matches_an_officer_with_neither_badge_nor_internal_id(department):
    OfficerFactory(department=department, first_name="Dana", last_name="Lucero", race=Race.UNKNOWN)
    options = ImportOptions(department=department, update_by_name=True)
    report = import_wide(wide_roster(department), options=options)

    assert report.committed, report.problems
    assert Officer.objects.filter(last_name="Lucero").count() == 1
    assert Officer.objects.get(last_name="Lucero").race == Race.PACIFIC_ISLANDER  # was unknown
    assert import_wide(wide_roster(department), options=options).counts["officers"].created == 0


def test_a_file_with_neither_badge_nor_internal_id_column_is_refused(department):
    roster = f"department_id,first_name,last_name\n{department.pk},Ann,Lee\n"
    report = import_wide(roster, options=ImportOptions(department=department))
    assert not report.committed and report.problems[0].row == 1
    assert "neither star_no nor unique_internal_identifier" in report.problems[0].message


def test_static_fields_change_only_when_asked(department):
    import_advanced(advanced("officers", "assignments"), options=ImportOptions(department=department))
    # Lorraine Begay is known by her internal id; the newer file spells her name differently.
    officers = advanced("officers")["officers"].replace(b"Begay,Lorraine", b"Begay,Lorena")
    files = {**advanced("assignments"), "officers": officers}

    report = import_advanced(files, options=ImportOptions(department=department))
    [warning] = report.warnings
    assert (warning.file, warning.row, warning.column) == ("officers.csv", 4, "first_name")
    assert "Lorraine" in warning.message and "Lorena" in warning.message
    assert report.committed and Officer.objects.get(internal_id="SPD-0042").first_name == "Lorraine"

    import_advanced(files, options=ImportOptions(department=department, update_static_fields=True))
    assert Officer.objects.get(internal_id="SPD-0042").first_name == "Lorena"
    assert Officer.objects.count() == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-07-12", datetime.date(2019, 7, 12)),
        ("07-12-2019", datetime.date(2019, 7, 12)),
        ("07/12/2019", datetime.date(2019, 7, 12)),
        ("7/2/19", datetime.date(2019, 7, 2)),
        ("1/9/71", datetime.date(1971, 1, 9)),
        ("2019-07-12 00:00:00", datetime.date(2019, 7, 12)),
        ("2019-07-12T08:30:00Z", datetime.date(2019, 7, 12)),
        # OpenOversight parsed dates with dateutil, which reads English month names.
        ("Jul 12, 2019", datetime.date(2019, 7, 12)),
        ("July 12 2019", datetime.date(2019, 7, 12)),
        ("Sept. 3, 2019", datetime.date(2019, 9, 3)),
        ("12-JUL-2019", datetime.date(2019, 7, 12)),
        ("12 July 71", datetime.date(1971, 7, 12)),
    ],
)
def test_dates_in_the_shapes_curators_send(text, expected):
    assert p.parse_date(text) == expected


@pytest.mark.parametrize("text", ["13/07/2019", "02-30-2019", "Juli 12 2019", "Feb 30, 2019", "2019-7"])
def test_an_ambiguous_or_impossible_date_names_the_value_and_the_formats(text):
    with pytest.raises(p.CellError) as error:
        p.parse_date(text)
    assert text in str(error.value) and "MM-DD-YYYY" in str(error.value)


def test_files_openoversight_read_with_dateutil_and_strtobool_import_completely(department):
    # What its advanced import accepted: month names (dateutil) and on/off (strtobool).
    officers = (
        "id,department_name,department_state,last_name,first_name,gender,race,employment_date,birth_year,unique_internal_identifier\r\n"
        "#1,Springfield Police Department,IL,Okafor,Dana,Female,Black,\"Jul 12, 2019\",1984,SPD-7\r\n"
        "#2,Springfield Police Department,IL,Begay,Lorraine,F,NATIVE AMERICAN,09-JAN-1998,1975,SPD-42\r\n"
    )
    salaries = "id,officer_id,salary,overtime_pay,year,is_fiscal_year\r\n,#1,81500,0,2023,on\r\n,#2,88000,,2023,off\r\n"

    report = import_advanced({"officers": officers, "salaries": salaries}, options=ImportOptions(department=department))

    assert report.committed, report.problems
    okafor, begay = Officer.objects.get(internal_id="SPD-7"), Officer.objects.get(internal_id="SPD-42")
    assert (okafor.employment_date, begay.employment_date) == (datetime.date(2019, 7, 12), datetime.date(1998, 1, 9))
    assert (okafor.salaries.get().is_fiscal_year, begay.salaries.get().is_fiscal_year) == (True, False)


def test_a_bad_date_is_a_row_error_with_file_row_and_column(department):
    officers = b"id,last_name,first_name,employment_date,unique_internal_identifier\n#1,Lee,Ann,31/12/2019,X1\n"
    report = import_advanced({"officers": officers}, options=ImportOptions(department=department))
    [problem] = report.problems
    assert (problem.file, problem.row, problem.column) == ("officers.csv", 2, "employment_date")
    assert "31/12/2019" in problem.message


def test_numeric_unit_and_job_ids_name_the_departments_own(department):
    unit = Unit.objects.create(department=department, name="Marine")
    rank = Rank.objects.create(department=department, name="Lieutenant", order=3)
    officers = b"id,last_name,first_name,unique_internal_identifier\n#1,Lee,Ann,X1\n"
    assignments = (
        f"id,officer_id,star_no,job_id,unit_id\n,#1,55,{rank.pk},{unit.pk}.0\n,#1,56,,999999\n".encode()
    )
    report = import_advanced(
        {"officers": officers, "assignments": assignments},
        options=ImportOptions(department=department, partial=True),
    )
    assert [(x.row, x.column) for x in report.problems] == [(3, "unit_id")]
    assert not Unit.objects.filter(name="999999").exists()
    assignment = Assignment.objects.get()
    assert (assignment.unit, assignment.rank, assignment.badge_number) == (unit, rank, "55")


def test_links_from_the_download_page_name_officers_as_a_list(department):
    first, second = OfficerFactory(department=department), OfficerFactory(department=department)
    links = (FIXTURES / "links_download.csv").read_bytes()
    links = links.replace(b"{a}", str(first.pk).encode()).replace(b"{b}", str(second.pk).encode())

    report = import_advanced({"links": links}, options=ImportOptions(department=department))

    assert report.committed, report.problems
    assert Link.objects.filter(url="https://example.org/court/2021-114").count() == 2
    assert "federal court" in Link.objects.first().description
    assert any("incidents only" in notice for notice in report.notices)


def test_a_newer_roster_adds_the_promotion_and_closes_the_old_assignment(department):
    roster = (
        "department_id,unique_internal_identifier,first_name,last_name,star_no,job_title,start_date,resign_date\n"
        f"{department.pk},E1,Ann,Lee,501,Police Officer,2015-01-01,\n"
    )
    import_wide(roster, options=ImportOptions(department=department))
    newer = (
        "department_id,unique_internal_identifier,first_name,last_name,star_no,job_title,start_date,resign_date\n"
        f"{department.pk},E1,Ann,Lee,501,Police Officer,2015-01-01,2020-05-31\n"
        f"{department.pk},E1,Ann,Lee,622,Sergeant,2020-06-01,\n"
    )
    report = import_wide(newer, options=ImportOptions(department=department))

    assert report.committed and report.counts["officers"].created == 0
    officer = Officer.objects.get()
    assert list(officer.assignments.order_by("start_date").values_list("badge_number", "rank__name", "end_date")) == [
        ("501", "Police Officer", datetime.date(2020, 5, 31)),
        ("622", "Sergeant", None),
    ]


def test_a_dry_run_with_problems_exits_non_zero_and_prints_the_table(department, tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(wide_roster(department))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_officers", str(roster), "--department", str(department.pk), "--dry-run")
    out = capsys.readouterr().out
    assert "officers" in out and "refused" in out
    assert "problem: roster.csv, row 5, column star_no" in out
    assert Officer.objects.count() == 0


def test_a_zip_of_download_named_files_imports(department, tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        for name, content in advanced("officers", "assignments").items():
            handle.writestr(f"Springfield_Police_Department_{name}.csv", content)
    call_command("import_officers", "--zip", str(archive), "--department", str(department.pk))
    assert Officer.objects.count() == 3


def test_the_export_is_what_openoversights_advanced_import_accepts(department, tmp_path):
    import_advanced(advanced("officers", "assignments", "salaries"), options=ImportOptions(department=department))
    target = tmp_path / "out.zip"
    call_command("export_officers", str(target), "--department", str(department.pk))

    with zipfile.ZipFile(target) as archive:
        readme = archive.read("README.txt").decode()
        officers = list(csv.DictReader(io.StringIO(archive.read("officers.csv").decode())))
        assignments = list(csv.DictReader(io.StringIO(archive.read("assignments.csv").decode())))
    assert "openoversight" in readme and "accountable" in readme
    # OpenOversight requires id and department_name and rejects unknown columns.
    assert set(officers[0]) <= set(p.OFFICER_COLUMNS) | {"department_name", "department_state"}
    assert {"id", "department_name"} <= set(officers[0])
    anna = next(row for row in officers if row["last_name"] == "Kowalski")
    assert (anna["race"], anna["gender"], anna["employment_date"], anna["department_state"]) == (
        "WHITE", "F", "2019-07-12", "IL",
    )
    assert anna["id"].startswith("#") and all(row["officer_id"].startswith("#") for row in assignments)
    assert "unit_id" not in assignments[0]  # OpenOversight looks unit ids up in its own database
    assert {row["id"] for row in assignments} == {""}


def _production_roster(department_id: int, officers: int, seed: int = 11) -> str:
    """A roster in OpenOversight's bulk-add format as departments send it: no internal ids,
    badges as floats, month-first dates, one row per assignment, and the names that repeat
    in any big department."""
    rng = random.Random(seed)
    firsts = ["Michael", "John", "David", "Maria", "Jose", "Linda", "Kevin", "Angela", "Luis", "Karen"]
    lasts = [f"{stem}{end}" for stem in ("Smith", "Garcia", "Johnson", "Nguyen", "Brown", "Lopez") for end in ("", "s", "son", "ez", "ski")]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["department_id", "first_name", "last_name", "gender", "race", "employment_date", "birth_year", "star_no", "job_title", "start_date", "resign_date"])
    for _number in range(officers):
        hired = datetime.date(rng.randint(1990, 2020), rng.randint(1, 12), rng.randint(1, 28))
        person = [department_id, rng.choice(firsts), rng.choice(lasts), rng.choice("MF"), rng.choice(["WHITE", "BLACK", "HISPANIC", "Not Sure"]), hired.strftime("%m-%d-%Y"), f"{rng.randint(1955, 2000)}.0"]
        badge = f"{rng.randint(1000, 9999)}.0"
        writer.writerow([*person, badge, "Police Officer", hired.strftime("%m-%d-%Y"), ""])
        if rng.random() < 0.2:
            writer.writerow([*person, badge, "Sergeant", f"06-01-{hired.year + 5}", ""])
    return out.getvalue()


@pytest.mark.postgres
def test_on_postgresql_a_second_import_of_a_production_roster_changes_nothing(department):
    # 4,000 officers over 10 × 30 names and 9,000 badges: officers who share a name, and a few
    # who share a name and a badge, as in real rosters of that size.
    roster = _production_roster(department.pk, 4000)
    first = import_wide(roster, options=ImportOptions(department=department))
    assert first.committed, first.problems[:3]
    counts = (Officer.objects.count(), Assignment.objects.count(), Salary.objects.count())

    second = import_wide(roster, options=ImportOptions(department=department))

    assert second.committed, second.problems[:3]
    assert second.counts["officers"].created == 0 and second.counts["assignments"].created == 0
    assert second.counts["officers"].skipped == first.counts["officers"].created
    assert (Officer.objects.count(), Assignment.objects.count(), Salary.objects.count()) == counts


def test_the_download_page_csvs_import_and_a_second_import_changes_nothing(department):
    files = {
        kind: (FIXTURES / f"download_{kind}.csv").read_bytes()
        for kind in ("officers", "assignments", "salaries")
    }
    first = import_advanced(files, options=ImportOptions(department=department))

    assert first.committed, first.problems
    assert (first.counts["officers"].created, first.counts["assignments"].created) == (2, 2)
    tran = Officer.objects.get(last_name="Tran")
    assert tran.assignments.get().badge_number == "5120" and tran.race == Race.ASIAN
    again = import_advanced(files, options=ImportOptions(department=department))
    assert again.committed and again.counts["officers"].created == 0
    assert again.counts["assignments"].created == 0 and Officer.objects.count() == 2


def test_two_people_sharing_a_name_and_a_reissued_badge_import_twice_without_failing(department):
    # The row without an internal id must not be matched to the officer the first row claims.
    roster = (
        "department_id,unique_internal_identifier,first_name,last_name,birth_year,star_no,job_title\n"
        f"{department.pk},E1,John,Smith,1970,100,Police Officer\n"
        f"{department.pk},,John,Smith,1992,100,Police Officer\n"
    )
    first = import_wide(roster, options=ImportOptions(department=department))
    assert first.committed and first.counts["officers"].created == 2

    second = import_wide(roster, options=ImportOptions(department=department))

    assert second.committed, second.problems
    assert (second.counts["officers"].created, second.counts["officers"].skipped) == (0, 2)
    assert Officer.objects.count() == 2
