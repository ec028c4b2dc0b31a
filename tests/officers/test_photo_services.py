"""Photo intake: content checks, limits, metadata stripping, orientation, duplicates."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from officers.photos.models import Image, ImageReviewState
from officers.photos.services import intake
from tests.factories import DepartmentFactory, photo_bytes

pytestmark = pytest.mark.django_db


def gps_exif(orientation: int | None = None) -> bytes:
    exif = PILImage.Exif()
    exif[0x010F] = "SnoopCam"  # Make
    exif[0x0132] = "2024:05:01 10:11:12"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (41.0, 52.0, 30.0), 3: "W", 4: (87.0, 37.0, 40.0)})
    if orientation:
        exif[0x0112] = orientation
    return exif.tobytes()


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_it_strips_gps_and_every_other_metadata():
    original = photo_bytes(exif=gps_exif())
    assert b"SnoopCam" in original
    photo = intake.photo_clean(data=original)
    cleaned = PILImage.open(io.BytesIO(photo.content))
    assert dict(cleaned.getexif()) == {}
    assert b"SnoopCam" not in photo.content and b"Exif" not in photo.content
    assert photo.taken_at is not None and photo.taken_at.year == 2024


def test_it_applies_the_exif_orientation_before_stripping():
    # Orientation 6: the camera was turned; the photo must come out standing upright.
    photo = intake.photo_clean(data=photo_bytes(width=80, height=40, exif=gps_exif(orientation=6)))
    assert (photo.width, photo.height) == (40, 80)
    assert PILImage.open(io.BytesIO(photo.content)).size == (40, 80)


@pytest.mark.parametrize("fmt,extension", [("PNG", "png"), ("WEBP", "webp"), ("JPEG", "jpg")])
def test_it_accepts_jpeg_png_and_webp_by_content(fmt, extension):
    assert intake.photo_clean(data=photo_bytes(fmt=fmt)).extension == extension


def test_it_refuses_a_gif_named_like_a_jpeg():
    with pytest.raises(ValidationError) as error:
        intake.photo_clean(data=photo_bytes(fmt="GIF"))
    assert error.value.code == "wrong_type"


def test_it_refuses_text_disguised_as_a_photo():
    with pytest.raises(ValidationError) as error:
        intake.photo_clean(data=b"<?php system($_GET['c']); ?>" * 10)
    assert error.value.code == "unreadable"


def test_it_refuses_a_truncated_photo():
    with pytest.raises(ValidationError):
        intake.photo_clean(data=photo_bytes(width=300, height=300)[:400])


def test_it_refuses_files_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(intake, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValidationError) as error:
        intake.photo_clean(data=photo_bytes(width=200, height=200, color=(1, 2, 3)) + b"\0" * 2000)
    assert error.value.code == "too_big"


def test_it_refuses_too_many_pixels_without_decoding_them(monkeypatch):
    monkeypatch.setattr(intake, "MAX_PIXELS", 100 * 100)
    with pytest.raises(ValidationError) as error:
        intake.photo_clean(data=photo_bytes(width=200, height=200, fmt="PNG"))
    assert error.value.code == "too_many_pixels"


def png_claiming(width: int, height: int) -> bytes:
    """A few-hundred-byte PNG whose header claims width × height pixels."""
    data = bytearray(photo_bytes(width=8, height=8, fmt="PNG"))
    ihdr = data.index(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", width, height)
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(data[ihdr : ihdr + 17])))
    return bytes(data)


def test_it_refuses_a_decompression_bomb():
    bomb = png_claiming(30_000, 30_000)  # 900 megapixels in a few hundred bytes
    assert len(bomb) < 1000
    with pytest.raises(ValidationError) as error:
        intake.photo_clean(data=bomb)
    assert error.value.code == "too_many_pixels"


def test_a_submission_is_pending_hashed_and_stored_without_metadata():
    department = DepartmentFactory()
    result = intake.images_submit(department=department, files=[upload(photo_bytes(exif=gps_exif()))])
    [image] = result.created
    assert image.review_state == ImageReviewState.PENDING
    assert len(image.sha256) == 64
    stored = image.file.read()
    assert b"SnoopCam" not in stored
    assert image.file.name.endswith(".jpg") and "photo" not in image.file.name


def test_an_exact_duplicate_is_linked_not_stored_twice():
    department = DepartmentFactory()
    data = photo_bytes(color=(9, 9, 9))
    first = intake.images_submit(department=department, files=[upload(data)]).created[0]
    again = intake.images_submit(department=department, files=[upload(data, "other-name.jpg"), upload(data)])
    assert again.created == []
    assert [image.pk for image in again.duplicates] == [first.pk, first.pk]
    assert Image.objects.count() == 1


def test_one_bad_file_does_not_cost_the_good_ones():
    department = DepartmentFactory()
    result = intake.images_submit(
        department=department, files=[upload(b"not a photo", "notes.jpg"), upload(photo_bytes(), "good.jpg")]
    )
    assert len(result.created) == 1
    assert result.rejected[0][0] == "notes.jpg"


@pytest.mark.parametrize(("language", "shown"), [("en", "1.5 MB"), ("es", "1,5 MB")])
def test_a_too_big_file_is_measured_in_the_reader_s_decimal_separator(monkeypatch, language, shown):
    from django.utils import translation

    monkeypatch.setattr(intake, "MAX_UPLOAD_BYTES", 1024 * 1024)
    with translation.override(language), pytest.raises(ValidationError) as error:
        intake.photo_clean(data=b"\0" * (1024 * 1024 * 3 // 2))
    assert shown in error.value.messages[0]


def test_a_resent_file_is_recognised_before_it_is_decoded(monkeypatch):
    department = DepartmentFactory()
    data = photo_bytes(color=(20, 30, 40))
    first = intake.images_submit(department=department, files=[upload(data)]).created[0]

    def no_decoding(**kwargs):
        raise AssertionError("a known file was decoded again")

    monkeypatch.setattr(intake, "photo_clean", no_decoding)
    again = intake.images_submit(department=department, files=[upload(data, "again.jpg")])
    assert [image.pk for image in again.duplicates] == [first.pk]


def test_the_same_photo_with_other_metadata_is_still_a_duplicate():
    department = DepartmentFactory()
    first = intake.images_submit(department=department, files=[upload(photo_bytes(color=(5, 6, 7)))]).created[0]
    tagged = photo_bytes(color=(5, 6, 7), exif=gps_exif())
    again = intake.images_submit(department=department, files=[upload(tagged)])
    assert [image.pk for image in again.duplicates] == [first.pk]
    assert Image.objects.count() == 1


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_big_photo_is_decoded_and_stored_at_the_bounded_size(monkeypatch, fmt):
    monkeypatch.setattr(intake, "MAX_SIDE", 100)
    photo = intake.photo_clean(data=photo_bytes(width=400, height=300, fmt=fmt))
    assert (photo.width, photo.height) == (100, 75)
    assert PILImage.open(io.BytesIO(photo.content)).size == (100, 75)
