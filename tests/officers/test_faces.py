"""Face detection proposes boxes and crops inside the photo, once per photo."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image as PILImage

from officers.photos.detector import Box, find_faces
from officers.photos.models import Face, FaceOrigin, Image
from officers.photos.services import faces
from tests.factories import ImageFactory, OfficerFactory, UserFactory, photo_bytes

ASTRONAUT = Path(__file__).resolve().parent.parent / "fixtures" / "astronaut.jpg"


def astronaut_image(**fields) -> Image:
    data = ASTRONAUT.read_bytes()
    return ImageFactory(file=ContentFile(data, name="a.jpg"), width=512, height=512, **fields)


def test_the_detector_finds_the_face_in_a_real_photo():
    import numpy as np

    rgb = np.asarray(PILImage.open(ASTRONAUT).convert("RGB"))
    [box] = find_faces(rgb)
    # Eileen Collins' face sits around x 180–270, y 60–175 in this 512 × 512 photo.
    assert 150 < box.x < 210 and 40 < box.y < 100
    assert 60 < box.width < 140 and 80 < box.height < 160
    assert box.confidence > 0.95


def test_the_detector_finds_nothing_in_a_blank_picture():
    import numpy as np

    assert find_faces(np.full((300, 400, 3), 180, np.uint8)) == []


def test_a_crop_margin_never_leaves_the_photo():
    box = Box(2, 3, 50, 60).with_margin(60, 70)
    assert box.x >= 0 and box.y >= 0
    assert box.x + box.width <= 60 and box.y + box.height <= 70


@pytest.mark.django_db
def test_detection_proposes_a_cropped_face_inside_the_photo():
    image = astronaut_image()
    result = faces.image_faces_detect(image_id=image.pk)
    assert result.created == 1
    face = image.faces.get()
    assert face.origin == FaceOrigin.DETECTOR and face.officer is None
    assert 0 <= face.x and face.x + face.width <= 512 and face.y + face.height <= 512
    crop = PILImage.open(face.crop)
    # The crop carries a margin around the face, so it is larger than the box.
    assert crop.width > face.width and crop.height > face.height
    image.refresh_from_db()
    assert image.faces_detected_at is not None


@pytest.mark.django_db
def test_detection_twice_does_not_duplicate_faces():
    image = astronaut_image()
    faces.image_faces_detect(image_id=image.pk)
    again = faces.image_faces_detect(image_id=image.pk)
    assert again.skipped
    forced = faces.image_faces_detect(image_id=image.pk, force=True)
    assert forced.created == 1
    assert Face.objects.filter(image=image).count() == 1


@pytest.mark.django_db
def test_a_forced_rescan_keeps_faces_people_have_tagged():
    image = astronaut_image()
    faces.image_faces_detect(image_id=image.pk)
    face = image.faces.get()
    officer = OfficerFactory(department=image.department)
    faces.face_tag(face=face, officer=officer, actor=UserFactory())
    result = faces.image_faces_detect(image_id=image.pk, force=True)
    assert result.created == 0
    assert list(image.faces.values_list("pk", "officer")) == [(face.pk, officer.pk)]


@pytest.mark.django_db
def test_the_command_scans_pending_photos_once_and_reports(capsys):
    with_face = astronaut_image()
    blank = ImageFactory(file=ContentFile(photo_bytes(width=200, height=150), name="b.jpg"), width=200, height=150)
    call_command("detect_faces", "--dry-run")
    assert "[dry run] scanned 2" in capsys.readouterr().out
    assert Face.objects.count() == 0
    call_command("detect_faces")
    out = capsys.readouterr().out
    assert "scanned 2, faces created 1, skipped 0, failed 0" in out
    call_command("detect_faces")
    assert "scanned 0" in capsys.readouterr().out
    assert with_face.faces.count() == 1 and blank.faces.count() == 0
