"""Faces in approved photos: proposed by the detector, drawn, tagged or deleted by volunteers."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import audited_save, record_actor
from officers.models import Officer
from officers.photos.detector import Box, find_faces
from officers.photos.models import Face, FaceOrigin, Image
from officers.photos.services.limits import MIN_BOX_SIDE

# --- Faces ----------------------------------------------------------------------------------


def _load_rgb(image: Image):
    import numpy as np
    from PIL import Image as PILImage

    with image.file.open("rb") as handle, PILImage.open(handle) as picture:
        return np.asarray(picture.convert("RGB"))


def _crop_file(image: Image, box: Box) -> ContentFile:
    from PIL import Image as PILImage

    area = box.with_margin(image.width, image.height)
    with image.file.open("rb") as handle, PILImage.open(handle) as picture:
        crop = picture.convert("RGB").crop((area.x, area.y, area.x + area.width, area.y + area.height))
    crop.thumbnail((600, 600))
    out = io.BytesIO()
    crop.save(out, "JPEG", quality=88)
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.jpg")


@dataclass(frozen=True)
class DetectionResult:
    created: int
    skipped: bool


def image_faces_detect(*, image_id: int, force: bool = False) -> DetectionResult:
    """Propose a box (and a crop with a margin) for every face the detector finds.

    Idempotent: an image is scanned once unless `force`; a forced re-scan replaces only the
    detector's own proposals that nobody has confirmed or tagged, and never adds a box over a face
    that is already boxed.
    """
    image = Image.objects.get(pk=image_id)
    if image.faces_detected_at and not force:
        return DetectionResult(created=0, skipped=True)
    boxes = find_faces(_load_rgb(image))
    with transaction.atomic():
        image = Image.objects.select_for_update().get(pk=image_id)
        if image.faces_detected_at and not force:
            return DetectionResult(created=0, skipped=True)
        if force:
            for stale in image.faces.filter(origin=FaceOrigin.DETECTOR, officer__isnull=True, confirmed_by__isnull=True):
                stale.crop.delete(save=False)
                stale.delete()
        kept = [Box(f.x, f.y, f.width, f.height) for f in image.faces.all()]
        created = 0
        for box in boxes:
            if any(box.iou(other) > 0.4 for other in kept):
                continue
            face = Face(image=image, x=box.x, y=box.y, width=box.width, height=box.height, origin=FaceOrigin.DETECTOR)
            crop = _crop_file(image, box)
            face.crop.save(crop.name, crop, save=False)
            audited_save(face, actor=None, reason=f"detected (confidence {box.confidence:.3f})")
            kept.append(box)
            created += 1
        image.faces_detected_at = timezone.now()
        image.save(update_fields=["faces_detected_at", "updated_at"])
    return DetectionResult(created=created, skipped=False)


def _valid_box(image: Image, *, x: int, y: int, width: int, height: int) -> Box:
    box = Box(x, y, width, height).clamped(image.width, image.height)
    if box is None or min(box.width, box.height) < MIN_BOX_SIDE:
        raise ValidationError(_("Draw the box around a face inside the photo."), code="bad_box")
    return box


@transaction.atomic
def face_create(*, image: Image, x: int, y: int, width: int, height: int, actor: AbstractBaseUser) -> Face:
    """A volunteer draws a box the detector missed."""
    box = _valid_box(image, x=x, y=y, width=width, height=height)
    face = Face(
        image=image, x=box.x, y=box.y, width=box.width, height=box.height,
        origin=FaceOrigin.VOLUNTEER, proposed_by=actor,
    )
    crop = _crop_file(image, box)
    face.crop.save(crop.name, crop, save=False)
    audited_save(face, actor=actor, reason="drawn")
    return face


@transaction.atomic
def face_box_set(*, face: Face, x: int, y: int, width: int, height: int, actor: AbstractBaseUser) -> Face:
    """A volunteer moves or resizes a proposed box; the crop follows."""
    box = _valid_box(face.image, x=x, y=y, width=width, height=height)
    old_crop = face.crop.name
    face.x, face.y, face.width, face.height = box.x, box.y, box.width, box.height
    crop = _crop_file(face.image, box)
    face.crop.save(crop.name, crop, save=False)
    audited_save(face, actor=actor, reason="box adjusted")
    if old_crop:
        transaction.on_commit(lambda: face.crop.storage.delete(old_crop))
    return face


@transaction.atomic
def face_tag(*, face: Face, officer: Officer, actor: AbstractBaseUser) -> Face:
    """Link a face to an officer. Only ever an officer of the photo's own department."""
    if officer.department_id != face.image.department_id:
        raise ValidationError(_("That officer is not in this photo's department."), code="wrong_department")
    face.officer = officer
    face.confirmed_by = actor
    face.confirmed_at = timezone.now()
    audited_save(face, actor=actor, reason="tagged")
    return face


@transaction.atomic
def face_delete(*, face: Face, actor: AbstractBaseUser) -> None:
    """Remove a box that is not a face (or not an officer's)."""
    if face.officer_id:
        raise ValidationError(_("This face is linked to an officer; a reviewer must undo the tag first."), code="tagged")
    # The deletion's history row says who and why, as audited_save does for a save.
    record_actor(face, actor)
    face._change_reason = "removed by volunteer"
    crop, storage = face.crop.name, face.crop.storage
    face.delete()
    if crop:
        transaction.on_commit(lambda: storage.delete(crop))
