from pathlib import Path

import pytest

from officers.photos.models import Image
from tests.factories import DepartmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ASTRONAUT = Path(__file__).resolve().parent.parent / "fixtures" / "astronaut.jpg"


@pytest.fixture(autouse=True)
def photo_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_visitor_submits_a_photo_in_english(page, phone_page, live_server, screenshot):
    department = DepartmentFactory(name="Springfield Police Department")
    page.goto(f"{live_server.url}/en/officers/photos/submit/?department={department.pk}")
    assert page.locator("h1").inner_text() == "Submit photos of police officers"
    screenshot(page, "photos-submit-en-desktop")

    page.click(".photo-submit button[type=submit]")
    page.wait_for_selector("text=Choose at least one photo to send.")
    page.set_input_files("#id_photos", str(ASTRONAUT))
    assert "astronaut.jpg" in page.locator("#file-list").inner_text()
    page.check("#id_rights")
    page.click(".photo-submit button[type=submit]")
    page.wait_for_url("**/photos/submit/thanks/")
    assert "We received 1 new photo" in page.locator("main").inner_text()
    screenshot(page, "photos-submitted-en-desktop")
    assert Image.objects.get().review_state == "pending"

    phone_page.goto(f"{live_server.url}/en/officers/photos/submit/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "photos-submit-en-phone")


def test_a_visitor_submits_a_photo_in_spanish(page, phone_page, live_server, screenshot):
    department = DepartmentFactory(name="Departamento de Policía de Springfield")
    page.goto(f"{live_server.url}/es/officers/photos/submit/")
    assert page.get_attribute("html", "lang") == "es"
    assert page.locator("h1").inner_text() == "Envíe fotos de agentes de policía"
    page.select_option("#id_department", str(department.pk))
    page.set_input_files("#id_photos", str(ASTRONAUT))
    page.check("#id_rights")
    page.click(".photo-submit button[type=submit]")
    page.wait_for_url("**/photos/submit/thanks/")
    assert "Recibimos 1 foto nueva" in page.locator("main").inner_text()
    screenshot(page, "photos-submitted-es-desktop")

    phone_page.goto(f"{live_server.url}/es/officers/photos/submit/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "photos-submit-es-phone")
