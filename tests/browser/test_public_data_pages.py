"""The pages that show the real public data, in a browser: the department directory by state,
a department page (oversight body, decertified officers, reports), the about page, a state's
records-request page and the bulk downloads, on a desktop and a phone, in both languages."""

import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from officers.models import Department
from pra.seed import seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{what} must not scroll sideways"


def test_the_real_data_pages_on_a_desktop_and_a_phone(page, phone_page, live_server, screenshot, tmp_path,
                                                      settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(DATA_DIR=tmp_path):  # empty: the copies shipped in data/public/
        call_command("load_public_data", "--only", "va_departments", "--only", "va_decertifications",
                     "--only", "oversight_bodies", "--only", "nyc_ccrb", stdout=StringIO())
    seed()
    call_command("build_downloads", stdout=StringIO())
    richmond = Department.objects.get(name="Richmond Police Department", state="USA-VA")
    nypd = Department.objects.get(name="New York City Police Department")
    base = live_server.url

    # The directory: states first, then one state's departments.
    page.goto(f"{base}/en/officers/departments/")
    page.get_by_role("link", name="Virginia", exact=True).click()
    page.get_by_role("heading", name="Departments in Virginia").wait_for()
    assert page.get_by_role("link", name="Richmond Police Department", exact=True).is_visible()
    screenshot(page, "data-directory-va-en-desktop")
    phone_page.goto(f"{base}/es/officers/departments/")
    assert phone_page.get_by_text("Elija un estado para ver sus departamentos.").is_visible()
    _fits(phone_page, "the directory")
    screenshot(phone_page, "data-directory-es-phone")

    # A department with an oversight body and decertified officers, each with its source.
    page.goto(f"{base}/en/officers/departments/{richmond.pk}/")
    assert page.get_by_role("link", name="Citizens Police Review Commission").is_visible()
    decertified = page.locator("#dept-decert-title + ul li")
    assert decertified.count() == 10
    assert "Virginia DCJS" in page.locator("section[aria-labelledby=dept-decert-title] .attribution").inner_text()
    screenshot(page, "data-department-richmond-en-desktop")
    phone_page.goto(f"{base}/es/officers/departments/{richmond.pk}/")
    _fits(phone_page, "a department page with a long web address")
    screenshot(phone_page, "data-department-richmond-es-phone")
    # One with an oversight body and reports: the CCRB and its closing reports.
    page.goto(f"{base}/es/officers/departments/{nypd.pk}/")
    assert page.get_by_role("link", name="Citizens Complaint Review Board").is_visible()
    assert page.get_by_role("link", name="5627 informes").is_visible()
    screenshot(page, "data-department-nypd-es-desktop")

    # The about page lists each data set with its licence, and links to the downloads.
    page.goto(f"{base}/en/about/")
    rows = page.locator("table.data-sets tbody tr")
    assert rows.count() == 4
    assert "Apache-2.0" in page.locator("table.data-sets").inner_text()
    screenshot(page, "data-about-en-desktop")
    phone_page.goto(f"{base}/es/about/")
    _fits(phone_page, "the about page")
    screenshot(phone_page, "data-about-es-phone")

    # A state's records-request page: the verified deadline with its citation.
    page.goto(f"{base}/en/records-requests/states/USA-NY/")
    deadline = page.locator("section[aria-labelledby=deadline-heading]").inner_text()
    assert "Pub. Off. Law § 89(3)(a)" in deadline
    screenshot(page, "data-pra-ny-en-desktop")
    phone_page.goto(f"{base}/es/records-requests/states/USA-VA/")
    _fits(phone_page, "a state's records page")
    screenshot(phone_page, "data-pra-va-es-phone")

    # The downloads, reached from the footer; a file downloads with its README and LICENCE.
    page.goto(f"{base}/en/about/")
    page.locator("footer").get_by_role("link", name="Bulk downloads").click()
    page.get_by_role("heading", name="Bulk downloads", level=1).wait_for()
    card = page.locator("#oversight-bodies")
    assert "88" in card.inner_text() and "Apache-2.0" in card.inner_text()
    screenshot(page, "data-downloads-en-desktop")
    with page.expect_download() as download_info:
        card.get_by_role("link", name="Download zip").click()
    download = download_info.value
    assert download.suggested_filename == "accountable-oversight-bodies.zip"
    names = set(zipfile.ZipFile(Path(download.path())).namelist())
    assert names == {"README.txt", "LICENCE.txt", "oversight_bodies.csv"}
    phone_page.goto(f"{base}/es/downloads/")
    assert phone_page.get_by_role("heading", name="Descargas masivas").is_visible()
    _fits(phone_page, "the downloads page")
    screenshot(phone_page, "data-downloads-es-phone")
