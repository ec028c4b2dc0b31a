import io
import zipfile
from pathlib import Path

import pytest

from core.roles import Role
from officers.models import Department, Officer
from tests.conftest import login
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
