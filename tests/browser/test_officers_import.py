import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from core.roles import Role
from officers.models import Department, ImportJob, Officer
from tests.conftest import PHONE, _new_page, login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "openoversight"


def test_a_curator_checks_a_zip_of_openoversight_files_in_the_admin(page, live_server, screenshot, eager_tasks, tmp_path):
    curator = UserFactory(username="cur", roles=[Role.CURATOR], is_staff=True)
    department = Department.objects.create(name="Springfield Police Department", state="USA-IL", publication_status="published")
    department.curators.add(curator)
    archive = tmp_path / "springfield.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as handle:
        for name in ("officers", "assignments", "salaries"):
            handle.writestr(f"Springfield_Police_Department_{name}.csv", (FIXTURES / f"{name}.csv").read_bytes())
    archive.write_bytes(buffer.getvalue())

    login(page, live_server, curator)
    page.goto(f"{live_server.url}/admin/officers/officer/import/")
    page.select_option("#id_department", str(department.pk))
    page.check("input[name=format][value=zip]")
    page.set_input_files("#id_archive", str(archive))
    page.locator("details.module summary").click()
    screenshot(page, "officers-import-form")
    page.click("input[type=submit]")
    page.wait_for_selector("#report-title")
    assert "Dry run" in page.locator("#report-title").inner_text()
    screenshot(page, "officers-import-dry-run")
    assert Officer.objects.count() == 0


def test_a_curator_dry_runs_several_files_then_imports_them_without_a_new_upload(page, live_server, screenshot, eager_tasks):
    curator = UserFactory(username="cur", roles=[Role.CURATOR], is_staff=True)
    department = Department.objects.create(name="Springfield Police Department", state="USA-IL", publication_status="published")
    department.curators.add(curator)

    login(page, live_server, curator)
    page.goto(f"{live_server.url}/admin/officers/officer/import/")
    page.select_option("#id_department", str(department.pk))
    page.check("input[name=format][value=advanced]")
    for name in ("officers", "assignments", "salaries"):
        page.set_input_files(f"#id_{name}", str(FIXTURES / f"{name}.csv"))
    page.click("input[type=submit]")
    page.wait_for_selector("#report-title")
    assert "Dry run" in page.locator("#report-title").inner_text()
    assert page.locator("section[aria-labelledby=report-title] tbody tr").first.inner_text().split()[:2] == ["officers", "3"]
    assert Officer.objects.count() == 0

    page.click("#import-write")
    page.wait_for_selector("#report-title")

    assert page.locator("#report-title").inner_text() == "Imported"
    assert page.locator("#import-write").count() == 0
    screenshot(page, "officers-import-written")
    assert Officer.objects.filter(department=department).count() == 3


def test_the_import_page_follows_a_running_import_to_its_report_on_a_phone_in_spanish(browser, live_server, screenshot):
    curator = UserFactory(username="cur", roles=[Role.CURATOR], is_staff=True)
    department = Department.objects.create(name="Springfield Police Department", state="USA-IL", publication_status="published")
    department.curators.add(curator)
    job = ImportJob.objects.create(
        user=curator, department=department, files=b"", status=ImportJob.Status.RUNNING, progress=60, stage="writing"
    )
    context, phone = _new_page(browser, PHONE, "es-ES")
    try:
        login(phone, live_server, curator)
        # A person who chose Spanish on the site (the admin follows the language cookie).
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}])
        phone.goto(f"{live_server.url}/admin/officers/officer/import/{job.pk}/")
        assert phone.locator("#import-progress").get_attribute("value") == "60"
        assert phone.locator("#import-stage").inner_text() == "Escribiendo"
        screenshot(phone, "officers-import-progress-es-phone")

        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.DONE, progress=100, stage="done",
            report={"counts": {"officers": {"created": 3, "updated": 0, "skipped": 0, "failed": 0}}, "problems": [], "problem_count": 0, "warnings": [], "notices": [], "dry_run": False, "committed": True},
        )
        phone.wait_for_selector("#report-title")  # the page polled, saw the end and reloaded

        assert phone.locator("#report-title").inner_text() == "Importado"
        screenshot(phone, "officers-import-done-es-phone")
    finally:
        context.close()
