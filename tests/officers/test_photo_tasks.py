"""Face detection through the real Celery worker, enqueued when an upload commits."""

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from officers.photos.models import Image
from officers.photos.services import intake
from tests.factories import DepartmentFactory

ASTRONAUT = Path(__file__).resolve().parent.parent / "fixtures" / "astronaut.jpg"


@pytest.fixture(autouse=True)
def photo_media():
    """The worker is another process: keep the default MEDIA_ROOT both sides share."""
    yield


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_an_upload_gets_its_faces_from_the_worker(live_worker):
    department = DepartmentFactory()
    upload = SimpleUploadedFile("a.jpg", ASTRONAUT.read_bytes(), content_type="image/jpeg")
    [image] = intake.images_submit(department=department, files=[upload]).created
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        image.refresh_from_db()
        if image.faces_detected_at:
            break
        time.sleep(0.3)
    assert image.faces_detected_at is not None, "the worker never scanned the photo"
    assert image.faces.count() == 1
    for face in image.faces.all():
        face.crop.delete(save=False)
    image.file.delete(save=False)
    Image.objects.filter(pk=image.pk).delete()
