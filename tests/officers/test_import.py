import io
import zipfile

import pytest

from officers.exporters import export_zip
from officers.importers import ImportOptions, import_advanced, import_wide
from officers.models import Assignment, Link, Officer, Rank, Salary, Unit
from tests.factories import AssignmentFactory, DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db

WIDE_HEADER = (
    "department_id,unique_internal_identifier,first_name,last_name,middle_initial,suffix,gender,"
    "race,employment_date,birth_year,star_no,job_title,unit_id,start_date,resign_date,salary,"
    "salary_year,salary_is_fiscal_year,overtime_pay\n"
)


def wide(department, *rows):
    return WIDE_HEADER + "".join(f"{department.pk},{row}\n" for row in rows)


def test_it_imports_a_wide_roster_with_assignments_and_salaries():
    department = DepartmentFactory()
    content = wide(
        department,
        "E100,José,Núñez,A,Jr,M,HISPANIC,2010-05-01,1980,4521,Officer,Patrol,2010-05-01,,81000,2022,false,12000.50",
        "E100,José,Núñez,A,Jr,M,HISPANIC,2010-05-01,1980,4521,Officer,Patrol,2010-05-01,,84000,2023,false,",
        "E101,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,2020-12-31,,,,",
    )
    report = import_wide(content, options=ImportOptions(department=department, publish=True))

    assert report.ok and report.committed
    assert report.counts["officers"].created == 2
    assert report.counts["assignments"].created == 2
    assert report.counts["salaries"].created == 2
    jose = Officer.objects.get(internal_id="E100")
    assert (jose.first_name, jose.race, jose.gender, jose.suffix) == ("José", "hispanic", "male", "Jr")
    assert jose.search_last_name == "nunez" and jose.search_badges == "4521"
    assert jose.is_published
    assert sorted(jose.salaries.values_list("year", flat=True)) == [2022, 2023]
    assert Rank.objects.filter(department=department).count() == 2
    assert Unit.objects.get(department=department).name == "Patrol"
    assert jose.history.first().history_change_reason == "CSV import"


def test_a_second_import_updates_and_skips_instead_of_duplicating():
    department = DepartmentFactory()
    first = wide(department, "E1,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,,70000,2022,false,")
    import_wide(first, options=ImportOptions(department=department))
    second = wide(department, "E1,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,2023-06-30,71000,2022,false,")

    report = import_wide(second, options=ImportOptions(department=department))

    assert report.counts["officers"].skipped == 1
    assert report.counts["assignments"].updated == 1
    assert report.counts["salaries"].updated == 1
    assert Officer.objects.count() == 1
    assert Assignment.objects.get().end_date.isoformat() == "2023-06-30"


def test_it_matches_by_name_and_badge_when_there_is_no_internal_id():
    department = DepartmentFactory()
    officer = OfficerFactory(department=department, first_name="Maria", last_name="Gómez")
    AssignmentFactory(officer=officer, badge_number="7310")
    content = wide(department, ",maria,GOMEZ,,,F,,,,7310,,,,,,,,")

    report = import_wide(content, options=ImportOptions(department=department))

    assert report.counts["officers"].created == 0
    assert report.counts["officers"].updated == 1  # gender filled in
    assert Officer.objects.count() == 1


def test_every_problem_names_file_row_and_column_and_nothing_is_written():
    department = DepartmentFactory()
    content = wide(
        department,
        "E1,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,,70000,2022,false,",
        "E2,Bob,,,,Q,,not-a-date,,,,,,,,,,",
    )
    report = import_wide(content, options=ImportOptions(department=department), name="roster.csv")

    assert not report.committed
    where = {(p.file, p.row, p.column) for p in report.problems}
    assert ("roster.csv", 3, "last_name") in where
    assert ("roster.csv", 3, "gender") in where
    assert ("roster.csv", 3, "employment_date") in where
    assert Officer.objects.count() == 0
    assert Rank.objects.count() == 0


def test_the_same_bad_value_is_reported_on_every_row_that_has_it():
    department = DepartmentFactory()
    content = wide(
        department,
        "E1,Ann,Lee,,,Q,,,,,,,,,,,,",
        "E2,Bob,Ray,,,Q,,,,,,,,,,,,",
        "E3,Cy,Day,,,F,,,,,,,,,,,,",
    )
    report = import_wide(content, options=ImportOptions(department=department), name="roster.csv")

    assert [(p.row, p.column) for p in report.problems] == [(2, "gender"), (3, "gender")]
    assert report.counts["officers"].failed == 2


def test_blank_lines_are_skipped_short_rows_are_read_and_long_rows_are_reported():
    department = DepartmentFactory()
    content = WIDE_HEADER + f"{department.pk},E1,Ann,Lee\n\n  ,  \n{department.pk},E2,Bob,Ray" + ",x" * 20 + "\n"
    report = import_wide(content, options=ImportOptions(department=department, partial=True), name="roster.csv")

    assert [(p.row, p.message) for p in report.problems] == [(5, "The row has more cells than the header has columns.")]
    assert list(Officer.objects.values_list("internal_id", "last_name")) == [("E1", "Lee")]


def test_partial_imports_the_good_rows():
    department = DepartmentFactory()
    content = wide(
        department,
        "E1,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,,70000,2022,false,",
        "E2,Bob,Ray,,,M,,,,12,,,,,lots,2022,,",
    )
    report = import_wide(content, options=ImportOptions(department=department, partial=True))

    assert report.committed
    assert [p.column for p in report.problems] == ["salary"]
    assert list(Officer.objects.values_list("internal_id", flat=True)) == ["E1"]


def test_dry_run_counts_but_writes_nothing():
    department = DepartmentFactory()
    content = wide(department, "E1,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,,70000,2022,false,")
    report = import_wide(content, options=ImportOptions(department=department, dry_run=True))

    assert report.counts["officers"].created == 1 and not report.committed
    assert Officer.objects.count() == 0


def test_curators_cannot_import_into_departments_they_do_not_curate():
    mine, theirs = DepartmentFactory(), DepartmentFactory()
    content = wide(theirs, "E1,Ann,Lee,,,F,,,,,,,,,,,,")
    report = import_wide(content, options=ImportOptions(allowed_department_ids={mine.pk}))

    assert report.problems[0].column == "department_id"
    assert Officer.objects.count() == 0


ADVANCED = {
    "officers": (
        "id,department_id,last_name,first_name,middle_initial,suffix,race,gender,"
        "employment_date,birth_year,unique_internal_identifier\n"
        "#1,{d},Smith,John,Q,,WHITE,M,2015-01-01,1985,A-1\n"
        "#2,{d},Okafor,Ngozi,,,BLACK,F,,1990,A-2\n"
    ),
    "assignments": (
        "id,officer_id,star_no,job_title,unit_id,unit_name,start_date,resign_date\n"
        "#a,#1,501,Officer,,Traffic,2015-01-01,2018-12-31\n"
        "#b,#1,501,Sergeant,,Traffic,2019-01-01,\n"
        "#c,#2,777,Officer,,Patrol,2016-03-01,\n"
    ),
    "salaries": (
        "id,officer_id,salary,overtime_pay,year,is_fiscal_year\n"
        "#s,#1,90000,5000,2023,true\n"
    ),
    "links": (
        "id,officer_ids,incident_ids,title,description,url,link_type,author\n"
        "#l,#1 #2,,Court record,,https://example.org/case/1,link,Clerk\n"
    ),
    "incidents": "id,department_id,date\n1,1,2020-01-01\n",
}


def advanced_files(department, **changes):
    files = {name: text.replace("{d}", str(department.pk)) for name, text in ADVANCED.items()}
    files.update(changes)
    return files


def test_it_imports_the_advanced_format_and_reports_incidents_as_skipped():
    department = DepartmentFactory()
    report = import_advanced(advanced_files(department), options=ImportOptions(department=department))

    assert report.committed, report.problems
    assert report.counts["officers"].created == 2
    assert report.counts["assignments"].created == 3
    assert report.counts["links"].created == 2
    assert Salary.objects.get().is_fiscal_year is True
    assert Link.objects.filter(url="https://example.org/case/1").count() == 2
    assert any("incidents.csv" in notice for notice in report.notices)
    assert Officer.objects.get(internal_id="A-1").search_badges == "501"


def test_an_assignment_for_an_unknown_officer_is_reported_with_its_row():
    department = DepartmentFactory()
    files = advanced_files(
        department,
        assignments="id,officer_id,star_no,job_title,unit_id,unit_name,start_date,resign_date\n#a,#9,1,,,,,\n",
    )
    report = import_advanced(files, options=ImportOptions(department=department))

    problem = report.problems[0]
    assert (problem.file, problem.row, problem.column) == ("assignments.csv", 2, "officer_id")
    assert Officer.objects.count() == 0


def test_child_files_alone_add_rows_to_officers_already_in_the_database():
    department = DepartmentFactory()
    officer = OfficerFactory(department=department)
    salaries = f"id,officer_id,salary,overtime_pay,year,is_fiscal_year\n,{officer.pk},50000,,2022,false\n,999999,1,,2022,false\n"

    report = import_advanced({"salaries": salaries}, options=ImportOptions(department=department, partial=True))

    assert {(p.file, p.row, p.column) for p in report.problems} == {("salaries.csv", 3, "officer_id")}
    assert "No officer with id 999999 in this department." in [p.message for p in report.problems]
    assert report.committed and report.counts["salaries"].created == 1
    assert officer.salaries.get().salary == 50000


def test_an_assignment_named_by_its_id_moves_to_a_new_rank_with_its_history():
    department = DepartmentFactory()
    import_advanced(advanced_files(department), options=ImportOptions(department=department))
    exported = _export(Officer.objects.filter(department=department), format="accountable")
    assignments = exported["assignments"].decode().replace(",Sergeant,", ",Commander,")

    report = import_advanced({**exported, "assignments": assignments}, options=ImportOptions(department=department))

    assert report.counts["assignments"].updated == 1 and report.counts["ranks"].created == 1
    moved = Assignment.objects.get(rank__name="Commander")
    assert moved.badge_number == "501" and moved.officer.internal_id == "A-1"
    assert moved.history.first().history_type == "~" and moved.history.first().rank_id == moved.rank_id


def test_an_import_leaves_the_garbage_collector_as_it_found_it():
    import gc

    department = DepartmentFactory()
    import_advanced(advanced_files(department), options=ImportOptions(department=department))
    assert gc.isenabled()


def _export(officers, format="openoversight") -> dict[str, bytes]:
    buffer = io.BytesIO()
    export_zip(officers, buffer, format=format)
    with zipfile.ZipFile(buffer) as archive:
        return {
            name.removesuffix(".csv"): archive.read(name)
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def _without_ids(files: dict[str, bytes]) -> dict[str, list[list[str]]]:
    import csv

    id_columns = {"id", "officer_id", "officer_ids", "department_id", "unit_id"}
    result = {}
    for name, content in files.items():
        rows = list(csv.reader(io.StringIO(content.decode())))
        keep = [i for i, column in enumerate(rows[0]) if column not in id_columns]
        result[name] = sorted([row[i] for i in keep] for row in rows[1:])
    return result


@pytest.mark.parametrize("format", ["openoversight", "accountable"])
def test_import_of_an_export_round_trips(format):
    department = DepartmentFactory()
    import_advanced(advanced_files(department), options=ImportOptions(department=department))
    OfficerFactory(department=department, first_name="=HYPERLINK(1)", last_name="-Dash", internal_id="X-9")
    exported = _export(Officer.objects.filter(department=department), format=format)

    again = import_advanced(exported, options=ImportOptions(department=department))
    assert again.problems == []
    assert again.counts["officers"].created == 0
    assert again.counts["officers"].skipped == 3
    assert again.counts["assignments"].created == 0

    # Into an empty database (the officers gone): the same files come back out.
    Officer.objects.all().delete()
    copied = import_advanced(exported, options=ImportOptions(department=department))
    assert copied.problems == []
    assert copied.counts["officers"].created == 3
    assert _without_ids(_export(Officer.objects.filter(department=department), format=format)) == _without_ids(exported)


def test_an_export_is_refused_by_a_department_of_another_name_or_state():
    department = DepartmentFactory()
    import_advanced(advanced_files(department), options=ImportOptions(department=department))
    exported = _export(Officer.objects.all())

    other_name = DepartmentFactory(name="Elsewhere PD", state=department.state)
    report = import_advanced(exported, options=ImportOptions(department=other_name))
    assert {p.column for p in report.problems if p.file == "officers.csv"} == {"department_name"}
    same_name = DepartmentFactory(name=department.name, state="USA-OR" if department.state != "USA-OR" else "USA-WA")
    report = import_advanced(exported, options=ImportOptions(department=same_name))
    assert {p.column for p in report.problems if p.file == "officers.csv"} == {"department_state"}
    assert not report.committed and Officer.objects.filter(department__in=[other_name, same_name]).count() == 0


def test_export_neutralises_cells_that_a_spreadsheet_would_run():
    from core.spreadsheets import formula_safe

    assert formula_safe("=SUM(A1)") == "'=SUM(A1)"
    assert formula_safe("+1") == "'+1"
    assert formula_safe("-2") == "'-2"
    assert formula_safe("@cmd") == "'@cmd"
    assert formula_safe("\tx") == "'\tx"
    assert formula_safe("Smith") == "Smith"
    department = DepartmentFactory()
    OfficerFactory(department=department, last_name="=cmd|' /C calc'!A0")
    officers_csv = _export(Officer.objects.all())["officers"].decode()
    assert "'=cmd|" in officers_csv


def test_the_command_reports_problems_and_writes_nothing(tmp_path):
    from django.core.management import CommandError, call_command

    department = DepartmentFactory()
    path = tmp_path / "roster.csv"
    path.write_text(wide(department, "E1,Ann,Lee,,,F,,,,,,,,,,,,", "E2,Bob,,,,,,,,,,,,,,,,"))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_officers", str(path))
    assert Officer.objects.count() == 0
    call_command("import_officers", str(path), "--partial", "--publish")
    assert Officer.objects.get().is_published


@pytest.mark.postgres
def test_on_postgresql_the_copy_import_writes_rows_links_and_history_like_the_orm(django_user_model):
    department = DepartmentFactory()
    curator = django_user_model.objects.create_user("curator", password="x")
    content = wide(
        department,
        'E7,Zoë,"O\'Brien\tTab",,,F,BLACK,2011-02-03,1979,12\\34,Detective,Gang,2011-02-03,,90000.5,2023,true,100',
    )

    report = import_wide(content, options=ImportOptions(department=department, actor=curator, publish=True))

    assert report.committed
    officer = Officer.objects.get(internal_id="E7")
    assert officer.last_name == "O'Brien\tTab" and officer.search_last_name == "o'brien tab"
    assert officer.employment_date.isoformat() == "2011-02-03" and officer.is_published
    assignment = officer.assignments.select_related("rank", "unit").get()
    assert (assignment.badge_number, assignment.rank.name, assignment.unit.name) == ("12\\34", "Detective", "Gang")
    salary = officer.salaries.get()
    assert (str(salary.salary), str(salary.overtime_pay), salary.is_fiscal_year) == ("90000.50", "100.00", True)
    for record in (officer, assignment, salary, assignment.rank, assignment.unit):
        entry = record.history.get()
        assert (entry.history_type, entry.history_user, entry.history_change_reason) == ("+", curator, "CSV import")
    assert officer.history.get().last_name == "O'Brien\tTab"


@pytest.mark.postgres
def test_on_postgresql_a_roster_longer_than_one_copy_chunk_keeps_each_row_with_its_own_values_and_history(monkeypatch):
    from officers.importers import pgcopy

    monkeypatch.setattr(pgcopy, "CHUNK", 2)
    department = DepartmentFactory()
    rows = [
        f"E{n},First{n},Last{n},,,F,,,{1970 + n},{500 + n},Detective,,2010-01-0{n},,{60000 + n},2022,false,"
        for n in range(1, 8)
    ]

    report = import_wide(wide(department, *rows), options=ImportOptions(department=department))

    assert report.committed and report.counts["officers"].created == 7
    for n in range(1, 8):
        officer = Officer.objects.get(internal_id=f"E{n}")
        assert (officer.first_name, officer.last_name, officer.birth_year) == (f"First{n}", f"Last{n}", 1970 + n)
        assignment = officer.assignments.get()
        assert (assignment.badge_number, assignment.start_date.day) == (str(500 + n), n)
        salary = officer.salaries.get()
        assert salary.salary == 60000 + n
        for record, field in ((officer, "last_name"), (assignment, "badge_number"), (salary, "salary")):
            entry = record.history.get()
            assert entry.history_type == "+" and getattr(entry, field) == getattr(record, field)


@pytest.mark.postgres
def test_on_postgresql_an_update_by_copy_changes_only_the_matched_rows_and_records_it():
    department = DepartmentFactory()
    import_wide(wide(department, "E1,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,,70000,2022,false,"), options=ImportOptions(department=department))
    bystander = OfficerFactory(department=department, last_name="Stays")

    report = import_wide(
        wide(department, "E1,Anne,Lee,,,F,ASIAN,,1975,88,Sergeant,,2001-01-01,2023-06-30,71000,2022,false,"),
        options=ImportOptions(department=department, update_static_fields=True),
    )

    assert report.counts["officers"].updated == 1
    ann = Officer.objects.get(internal_id="E1")
    assert (ann.first_name, ann.search_first_name) == ("Anne", "anne")
    assert ann.salaries.get().salary == 71000
    assert ann.history.first().history_type == "~" and ann.history.first().first_name == "Anne"
    assert ann.assignments.get().history.first().end_date.isoformat() == "2023-06-30"
    bystander.refresh_from_db()
    assert bystander.last_name == "Stays" and bystander.history.count() <= 1


@pytest.mark.postgres
def test_on_postgresql_a_bad_salary_row_refuses_the_officers_written_while_it_was_read():
    # On PostgreSQL salaries.csv is read while the officers and assignments are written; a
    # problem in it still refuses the whole file set, in the curator's language.
    from django.utils import translation

    department = DepartmentFactory()
    files = advanced_files(
        department,
        salaries="id,officer_id,salary,overtime_pay,year,is_fiscal_year\n#s,#1,90000,5000,2023,true\n#t,#2,80000,,,false\n",
    )

    with translation.override("es"):
        report = import_advanced(files, options=ImportOptions(department=department, publish=True))

    assert not report.committed
    assert [(p.file, p.row, p.column, p.message) for p in report.problems] == [
        ("salaries.csv", 3, "year", "Una fila de salario necesita el año.")
    ]
    assert report.counts["officers"].created == 2 and report.counts["salaries"].failed == 1
    assert not Officer.objects.exists() and not Assignment.objects.exists()
    assert not Officer.history.exists() and not Assignment.history.exists() and not Rank.objects.exists()
    # The same files with the row fixed import whole.
    fixed = {**files, "salaries": files["salaries"].replace(",,,false", ",,2023,false")}
    report = import_advanced(fixed, options=ImportOptions(department=department, publish=True))
    assert report.committed and Salary.objects.count() == 2 and Officer.history.count() == 2


@pytest.mark.postgres
def test_on_postgresql_salaries_naming_an_officer_of_the_database_import_once_with_the_new_officers():
    # salaries.csv names, by our id, an officer that neither officers.csv nor assignments.csv
    # mention: found only after the new officers were written, so the import starts again in
    # order; nothing is written twice.
    department = DepartmentFactory()
    veteran = OfficerFactory(department=department, last_name="Veteran")
    files = advanced_files(
        department,
        salaries=f"id,officer_id,salary,overtime_pay,year,is_fiscal_year\n#s,#1,90000,5000,2023,true\n#v,{veteran.pk},65000,,2023,false\n",
    )

    report = import_advanced(files, options=ImportOptions(department=department))

    assert report.committed, report.problems
    assert (report.counts["officers"].created, report.counts["salaries"].created) == (2, 2)
    assert Officer.objects.filter(department=department).count() == 3
    assert veteran.salaries.get().salary == 65000
    smith = Officer.objects.get(internal_id="A-1")
    assert smith.history.get().history_type == "+" and smith.salaries.get().salary == 90000
    assert Assignment.objects.count() == 3 and Assignment.history.count() == 3
    assert len({o.public_id for o in Officer.objects.all()}) == 3


@pytest.mark.postgres
def test_on_postgresql_history_rows_match_their_records_when_another_writer_took_ids_in_between():
    # New rows' ids normally form one block of the sequence, and their history rows are read
    # back from them; when they do not (here every other id), the history is copied from the
    # same text instead. Either way each history row holds its record's values.
    from django.db import connection

    department = DepartmentFactory()
    bystander = OfficerFactory(department=department)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence('officers_salary', 'id')")
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        last = cursor.fetchone()[0]
        cursor.execute(f"ALTER SEQUENCE {sequence} INCREMENT BY 2")
    # Another writer's salary between the import's ids (last + 2, + 4, + 6).
    other = Salary.objects.create(pk=last + 3, officer=bystander, year=2020, salary=1)
    try:
        files = advanced_files(
            department,
            salaries=(
                "id,officer_id,salary,overtime_pay,year,is_fiscal_year\n"
                "#s,#1,90000,5000,2022,true\n#t,#1,91000,,2023,true\n#u,#2,70000,10,2023,false\n"
            ),
        )
        report = import_advanced(files, options=ImportOptions(department=department))
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER SEQUENCE {sequence} INCREMENT BY 1")

    assert report.committed, report.problems
    imported = Salary.objects.exclude(pk=other.pk)
    assert sorted(imported.values_list("pk", flat=True)) == [last + 2, last + 4, last + 6]
    assert [entry.history_type for entry in other.history.all()] == ["+"]  # its own, no other
    for salary in imported:
        entry = salary.history.get()
        assert entry.history_type == "+" and entry.history_change_reason == "CSV import"
        assert (entry.salary, entry.overtime_pay, entry.year, entry.officer_id) == (
            salary.salary, salary.overtime_pay, salary.year, salary.officer_id,
        )
