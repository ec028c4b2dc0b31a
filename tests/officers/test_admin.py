import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from officers.models import Officer, OfficerMerge
from tests.factories import AssignmentFactory, DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator(user_with_role):
    return user_with_role("curator", is_staff=True)


def test_a_curator_sees_only_officers_of_departments_they_curate(client, curator):
    mine, theirs = DepartmentFactory(), DepartmentFactory()
    mine.curators.add(curator)
    OfficerFactory(department=mine, last_name="Mine")
    other = OfficerFactory(department=theirs, last_name="Theirs")
    client.force_login(curator)

    response = client.get(reverse("admin:officers_officer_changelist"))

    assert "Mine" in response.text and "Theirs" not in response.text
    assert client.get(reverse("admin:officers_officer_change", args=[other.pk])).status_code == 302


def test_the_admin_upload_imports_a_wide_csv_into_a_curated_department(client, curator, django_capture_on_commit_callbacks, eager_tasks):
    department = DepartmentFactory()
    department.curators.add(curator)
    client.force_login(curator)
    content = (
        "department_id,unique_internal_identifier,first_name,last_name,star_no\n"
        f"{department.pk},X1,Ann,Lee,12\n"
    ).encode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:officers_officer_import"),
            {"department": department.pk, "format": "wide", "wide": SimpleUploadedFile("r.csv", content)},
        )
    page = client.get(response["Location"])

    assert response.status_code == 302 and page.status_code == 200
    assert page.context["report"].committed
    officer = Officer.objects.get(internal_id="X1")
    assert officer.history.first().history_user == curator


def test_the_admin_upload_refuses_departments_the_curator_does_not_curate(client, curator):
    department = DepartmentFactory()
    client.force_login(curator)
    content = b"department_id,first_name,last_name\n1,Ann,Lee\n"

    response = client.post(
        reverse("admin:officers_officer_import"),
        {"department": department.pk, "format": "wide", "wide": SimpleUploadedFile("r.csv", content)},
    )

    assert "department" in response.context["form"].errors
    assert Officer.objects.count() == 0


def test_the_import_page_is_for_staff_only(client, user_with_role):
    client.force_login(user_with_role("volunteer"))
    response = client.get(reverse("admin:officers_officer_import"))
    assert response.status_code == 302


def test_merging_from_the_admin_asks_for_confirmation_then_merges(client, curator):
    department = DepartmentFactory()
    department.curators.add(curator)
    kept, merged = OfficerFactory(department=department), OfficerFactory(department=department)
    AssignmentFactory(officer=merged, badge_number="55")
    client.force_login(curator)
    url = reverse("admin:officers_officer_changelist")
    selection = {"action": "merge_officers", "_selected_action": [kept.pk, merged.pk]}

    confirm = client.post(url, selection)
    assert "Merge these officers" in confirm.text
    assert not OfficerMerge.objects.exists()

    client.post(url, {**selection, "confirm": "yes", "kept": kept.pk, "reason": "same person"})

    merged.refresh_from_db()
    assert merged.merged_into == kept and merged.publication_status == "retracted"
    assert kept.assignments.get().badge_number == "55"


@pytest.mark.parametrize("typed", ["garcia", "GARCÍA", "García", "maria garcia"])
def test_the_admin_officer_search_ignores_case_and_accents(client, user_with_role, typed):
    admin = user_with_role("admin", is_staff=True, is_superuser=True)
    OfficerFactory(first_name="María", last_name="García", internal_id="E-77")
    OfficerFactory(first_name="Ann", last_name="Lee")
    client.force_login(admin)

    response = client.get(reverse("admin:officers_officer_changelist"), {"q": typed})

    assert response.status_code == 200
    assert "García" in response.text and "Lee" not in response.text


def test_the_admin_officer_search_still_finds_an_internal_id(client, user_with_role):
    admin = user_with_role("admin", is_staff=True, is_superuser=True)
    OfficerFactory(first_name="María", last_name="García", internal_id="E-77")
    OfficerFactory(first_name="Ann", last_name="Lee", internal_id="X-1")
    client.force_login(admin)
    response = client.get(reverse("admin:officers_officer_changelist"), {"q": "e-77"})
    assert "García" in response.text and "Lee" not in response.text


def test_the_admin_takes_one_zip_shows_the_dry_run_and_lists_the_columns(client, curator, django_capture_on_commit_callbacks, eager_tasks):
    import io
    import zipfile
    from pathlib import Path

    department = DepartmentFactory(name="Springfield Police Department", state="USA-IL")
    department.curators.add(curator)
    client.force_login(curator)
    fixtures = Path(__file__).parent.parent / "fixtures" / "openoversight"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("officers", "assignments", "salaries"):
            archive.writestr(f"Springfield_Police_Department_{name}.csv", (fixtures / f"{name}.csv").read_bytes())
    url = reverse("admin:officers_officer_import")

    page = client.get(url)
    assert "badge number" in page.text and "unique identifier" in page.text  # aliases listed

    def post(dry_run):
        upload = SimpleUploadedFile("springfield.zip", buffer.getvalue(), content_type="application/zip")
        data = {"department": department.pk, "format": "zip", "archive": upload}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {**data, "dry_run": "on"} if dry_run else data)
        return client.get(response["Location"])

    checked = post(dry_run=True)
    assert checked.context["report"].dry_run and checked.context["report"].counts["officers"].created == 3
    assert Officer.objects.count() == 0
    imported = post(dry_run=False)
    assert imported.context["report"].committed and Officer.objects.count() == 3


def test_the_admin_says_when_the_upload_is_not_a_zip(client, curator):
    department = DepartmentFactory()
    department.curators.add(curator)
    client.force_login(curator)
    response = client.post(
        reverse("admin:officers_officer_import"),
        {"department": department.pk, "format": "zip", "archive": SimpleUploadedFile("x.zip", b"not a zip")},
    )
    assert response.status_code == 200
    assert "archive" in response.context["form"].errors


def test_an_import_page_belongs_to_the_person_who_started_it(client, curator, django_user_model, django_capture_on_commit_callbacks, eager_tasks):
    department = DepartmentFactory()
    department.curators.add(curator)
    client.force_login(curator)
    content = f"department_id,unique_internal_identifier,first_name,last_name\n{department.pk},X1,Ann,Lee\n".encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:officers_officer_import"),
            {"department": department.pk, "format": "wide", "wide": SimpleUploadedFile("r.csv", content), "dry_run": "on"},
        )
    job_url = response["Location"]
    progress = client.get(job_url + "progress/").json()
    assert progress["finished"] and progress["progress"] == 100

    other = django_user_model.objects.create_user("other-curator", password="x", is_staff=True)
    other.groups.set(curator.groups.all())
    client.force_login(other)
    assert client.get(job_url).status_code == 404


def _dry_run(client, department, content: bytes, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:officers_officer_import"),
            {"department": department.pk, "format": "wide", "wide": SimpleUploadedFile("r.csv", content), "dry_run": "on"},
        )
    return response["Location"]


def test_after_a_clean_dry_run_the_same_files_import_without_a_new_upload(client, curator, django_capture_on_commit_callbacks, eager_tasks):
    department = DepartmentFactory()
    department.curators.add(curator)
    client.force_login(curator)
    job_url = _dry_run(client, department, f"department_id,unique_internal_identifier,first_name,last_name,star_no\n{department.pk},X1,Ann,Lee,12\n".encode(), django_capture_on_commit_callbacks)
    assert "Import these files now" in client.get(job_url).text and Officer.objects.count() == 0

    assert client.get(job_url + "write/").status_code == 403  # a GET writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(job_url + "write/")
    page = client.get(response["Location"])

    assert page.context["report"].committed and not page.context["report"].dry_run
    assert Officer.objects.get(internal_id="X1").history.first().history_user == curator
    assert "Import these files now" not in page.text


def test_a_dry_run_with_problems_cannot_be_written_from_its_page(client, curator, django_capture_on_commit_callbacks, eager_tasks):
    department = DepartmentFactory()
    department.curators.add(curator)
    client.force_login(curator)
    job_url = _dry_run(client, department, f"department_id,unique_internal_identifier,first_name,last_name\n{department.pk},X1,Ann,\n".encode(), django_capture_on_commit_callbacks)

    assert "Import these files now" not in client.get(job_url).text
    assert client.post(job_url + "write/").status_code == 403
    assert Officer.objects.count() == 0


def test_a_dry_run_is_not_written_for_a_department_the_person_no_longer_curates(client, curator, django_user_model, django_capture_on_commit_callbacks, eager_tasks):
    department = DepartmentFactory()
    department.curators.add(curator)
    client.force_login(curator)
    job_url = _dry_run(client, department, f"department_id,unique_internal_identifier,first_name,last_name\n{department.pk},X1,Ann,Lee\n".encode(), django_capture_on_commit_callbacks)
    department.curators.remove(curator)

    assert client.post(job_url + "write/").status_code == 403
    other = django_user_model.objects.create_user("other-curator", password="x", is_staff=True)
    other.groups.set(curator.groups.all())
    department.curators.add(other)
    client.force_login(other)
    assert client.post(job_url + "write/").status_code == 404  # not their upload
    assert Officer.objects.count() == 0
