"""Find-an-officer sees every change to an officer, whichever path wrote it.

Searches read OfficerSearch, which database triggers keep (migration 0007); on PostgreSQL the
searches below go through the trigram index and the importer writes with COPY.
"""

import pytest

from core.services import publication_status_set
from officers.importers import ImportOptions, import_wide
from officers.models import Department, Officer
from officers.search.selectors import OfficerCriteria, officer_search_page
from officers.merges.services import officer_merge, officer_merge_undo
from tests.factories import AssignmentFactory, DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db

WIDE_HEADER = (
    "department_id,unique_internal_identifier,first_name,last_name,middle_initial,suffix,gender,"
    "race,employment_date,birth_year,star_no,job_title,unit_id,start_date,resign_date,salary,"
    "salary_year,salary_is_fiscal_year,overtime_pay\n"
)


def found(**criteria) -> list[str]:
    page = officer_search_page(criteria=OfficerCriteria(**criteria))
    return [officer.full_name for officer in page.officers]


def test_a_renamed_officer_is_found_by_the_new_name_only():
    officer = OfficerFactory(first_name="Ann", last_name="Lee")
    officer.last_name = "Ramírez"
    officer.save()
    assert found(q="rami") == ["Ann Ramírez"]
    assert found(q="lee") == []


def test_imported_officers_are_found_and_a_reimport_with_a_new_name_finds_them_by_it():
    department = DepartmentFactory()
    options = ImportOptions(department=department, publish=True)
    row = "E7,José,{last},,,M,HISPANIC,,1980,4521,Officer,,2010-05-01,,,,,"
    import_wide(WIDE_HEADER + f"{department.pk},{row.format(last='Núñez')}\n", options=options)

    assert found(q="nunez") == found(badge="452") == found(internal_id="e7") == ["José Núñez"]

    # A name is a static field: the re-import changes it only when asked (OpenOversight's rule).
    renaming = ImportOptions(department=department, publish=True, update_static_fields=True)
    import_wide(WIDE_HEADER + f"{department.pk},{row.format(last='Ortiz')}\n", options=renaming)

    assert found(q="ortiz") == ["José Ortiz"]
    assert found(q="nunez") == []


def test_a_merge_moves_the_badge_to_the_kept_officer_in_search_and_undoing_moves_it_back():
    department = DepartmentFactory()
    kept = OfficerFactory(department=department, first_name="Kim", last_name="Kept")
    merged = OfficerFactory(department=department, first_name="Max", last_name="Merged")
    AssignmentFactory(officer=merged, badge_number="9021")

    merge = officer_merge(kept=kept, merged=merged, actor=None)
    assert found(badge="9021") == ["Kim Kept"]

    officer_merge_undo(merge=merge, actor=None)
    assert found(badge="9021") == ["Max Merged"]


def test_withdrawn_departments_and_retracted_officers_drop_out_of_search():
    department = DepartmentFactory()
    OfficerFactory(department=department, first_name="Val", last_name="Visible")

    departments = Department.objects.filter(pk=department.pk)

    publication_status_set(queryset=departments, status="draft", actor=None)
    assert found(q="visib") == []
    publication_status_set(queryset=departments, status="published", actor=None)
    assert found(q="visib") == ["Val Visible"]
    # A bulk update that bypasses save() reaches search too.
    Officer.objects.filter(department=department).update(publication_status="retracted")
    assert found(q="visib") == []


def test_a_deleted_officer_is_no_longer_found():
    OfficerFactory(first_name="Del", last_name="Gone").delete()
    assert found(q="gone") == []


@pytest.mark.postgres
def test_a_misspelt_name_lists_the_closest_names_first():
    for last_name in ("Johnston", "Johnson", "Jones"):
        OfficerFactory(first_name="Al", last_name=last_name)
    assert found(last_name="johnsn") == ["Al Johnson", "Al Johnston"]
