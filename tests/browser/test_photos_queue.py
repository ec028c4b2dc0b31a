from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from core.roles import Role
from officers.photos.services import faces
from tests.conftest import login
from tests.factories import AssignmentFactory, ImageFactory, OfficerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ASTRONAUT = Path(__file__).resolve().parent.parent / "fixtures" / "astronaut.jpg"


@pytest.fixture(autouse=True)
def photo_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_volunteer_sorts_with_the_keyboard_then_tags_a_face(page, phone_page, live_server, screenshot):
    volunteer = UserFactory(username="vol", roles=[Role.VOLUNTEER])
    photo = ImageFactory(file=ContentFile(ASTRONAUT.read_bytes(), name="a.jpg"), width=512, height=512)
    faces.image_faces_detect(image_id=photo.pk)
    empty = ImageFactory()
    officer = OfficerFactory(department=photo.department, first_name="Eileen", last_name="Collins")
    AssignmentFactory(officer=officer, badge_number="1995")

    login(page, live_server, volunteer)
    page.goto(f"{live_server.url}/en/officers/photos/queue/sort/")
    assert page.get_by_role("heading", name="Does this photo show police officers?").is_visible()
    screenshot(page, "photos-sort-en-desktop")
    page.keyboard.press("y")
    page.wait_for_load_state()
    page.wait_for_selector(f"img[src$='/images/{empty.pk}/file/']")
    page.keyboard.press("n")
    page.wait_for_selector("text=There are no photos left to sort right now.")
    photo.refresh_from_db()
    empty.refresh_from_db()
    assert (photo.contains_officers, empty.contains_officers) == (True, False)

    page.goto(f"{live_server.url}/en/officers/photos/queue/tag/")
    assert page.locator(".face-box").count() == 1
    # Draw a second box with the mouse over the bottom-left of the photo.
    page.get_by_role("button", name="Draw a box").click()
    page.locator("#tag-stage.drawing").wait_for()
    stage = page.locator("#tag-stage").bounding_box()
    page.mouse.move(stage["x"] + 20, stage["y"] + stage["height"] - 120)
    page.mouse.down()
    page.mouse.move(stage["x"] + 90, stage["y"] + stage["height"] - 40, steps=5)
    page.mouse.up()
    page.get_by_role("button", name="Save the new box").click()
    page.wait_for_selector("text=Box added. Now find the officer.")
    assert page.locator(".face-box").count() == 2
    drawn = page.locator(".face-card").filter(has_text="Drawn by a volunteer")
    drawn.get_by_role("button", name="Not an officer's face: remove").click()
    page.wait_for_selector("text=Box removed.")

    card = page.locator(".face-card").filter(has_text="Proposed by face detection")
    card.get_by_label("Find the officer by name or badge number").fill("1995")
    card.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Link Eileen Collins").click()
    page.wait_for_selector("text=Linked to Eileen Collins.")
    screenshot(page, "photos-tag-en-desktop")
    face = photo.faces.get()
    assert (face.origin, face.officer) == ("detector", officer)

    login(phone_page, live_server, volunteer)
    phone_page.goto(f"{live_server.url}/en/officers/photos/queue/tag/{photo.pk}/")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "photos-tag-en-phone")
    page.get_by_role("button", name="Done with this photo").click()
    page.wait_for_selector("text=No photo needs tagging right now.")
