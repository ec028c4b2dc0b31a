"""Writes for submitted photos and their faces: intake, detection, the volunteer queue, review."""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import record_actor
from officers.faces import Box
from officers.models import Department, Face, FaceOrigin, Image, ImageReviewState, Officer

MAX_UPLOAD_BYTES = settings.PHOTO_MAX_UPLOAD_BYTES
MAX_PIXELS = settings.PHOTO_MAX_PIXELS
MAX_FILES_PER_SUBMISSION = 10
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# How long a volunteer keeps an image to themselves before it goes back to the queue.
CLAIM_LEASE = timedelta(minutes=15)
MIN_BOX_SIDE = 8


# --- Intake ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    extension: str
    width: int
    height: int
    sha256: str
    taken_at: datetime | None


@dataclass
class SubmissionResult:
    created: list[Image] = field(default_factory=list)
    duplicates: list[Image] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def _taken_at(exif) -> datetime | None:
    """When the camera says the photo was taken (EXIF DateTimeOriginal), read before stripping."""
    raw = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)
    if not isinstance(raw, str):
        return None
    try:
        taken = datetime.strptime(raw.strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if taken.year < 1900 or taken > datetime.now() + timedelta(days=1):
        return None
    return timezone.make_aware(taken, timezone.get_default_timezone())


def photo_clean(*, data: bytes) -> CleanPhoto:
    """Check an upload by its content and return it re-encoded without any metadata.

    The type comes from the bytes (Pillow), never from the name. EXIF orientation is applied to
    the pixels first, so the photo still stands the right way up once the EXIF is gone. Raises
    ValidationError with a message a submitter can act on.
    """
    from PIL import Image as PILImage
    from PIL import ImageOps, UnidentifiedImageError

    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
            code="too_big",
        )
    with warnings.catch_warnings():
        # Pillow warns, then raises, on decompression bombs; treat the warning as the error.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(io.BytesIO(data)) as probe:
                kind = probe.format
                probe.verify()
            if kind not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("This is a %(kind)s file. Please send a JPEG, PNG or WebP photo.") % {"kind": kind or "?"},
                    code="wrong_type",
                )
            with PILImage.open(io.BytesIO(data)) as source:
                if source.width * source.height > MAX_PIXELS:
                    raise ValidationError(
                        _("This photo has %(mp)s megapixels; the limit is %(limit)s.")
                        % {"mp": round(source.width * source.height / 1e6, 1), "limit": MAX_PIXELS // 1_000_000},
                        code="too_many_pixels",
                    )
                taken_at = _taken_at(source.getexif())
                upright = ImageOps.exif_transpose(source)
                mode = "RGBA" if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info else "RGB"
                if kind == "JPEG":
                    mode = "RGB"
                pixels = upright.convert(mode)
                # A new image from raw pixels carries no EXIF, GPS, XMP, ICC or comments.
                clean = PILImage.frombytes(mode, pixels.size, pixels.tobytes())
        except ValidationError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ValidationError(
                _("This photo is too large to process safely (more than %(limit)s megapixels).")
                % {"limit": MAX_PIXELS // 1_000_000},
                code="too_many_pixels",
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
            raise ValidationError(
                _("This file is not a photo we can read. Please send a JPEG, PNG or WebP image."),
                code="unreadable",
            ) from None
    out = io.BytesIO()
    if kind == "JPEG":
        clean.save(out, "JPEG", quality=92, optimize=True)
    elif kind == "PNG":
        clean.save(out, "PNG")
    else:
        clean.save(out, "WEBP", quality=90)
    content = out.getvalue()
    return CleanPhoto(
        content=content,
        extension=ALLOWED_FORMATS[kind],
        width=clean.width,
        height=clean.height,
        sha256=hashlib.sha256(content).hexdigest(),
        taken_at=taken_at,
    )


def _read(upload: UploadedFile) -> bytes:
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1024 / 1024, 1), "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
            code="too_big",
        )
    upload.seek(0)
    return upload.read(MAX_UPLOAD_BYTES + 1)


def images_submit(
    *,
    department: Department,
    files: list[UploadedFile],
    note: str = "",
    submitter: AbstractBaseUser | None = None,
) -> SubmissionResult:
    """Store each acceptable photo once, pending review; report duplicates and refusals per file.

    One bad file does not cost the good ones. Face detection is queued once each new image is
    committed.
    """
    from officers.tasks import detect_faces

    result = SubmissionResult()
    seen: dict[str, Image] = {}
    for upload in files[:MAX_FILES_PER_SUBMISSION]:
        name = upload.name or _("unnamed file")
        try:
            photo = photo_clean(data=_read(upload))
        except ValidationError as error:
            result.rejected.append((name, " ".join(error.messages)))
            continue
        existing = seen.get(photo.sha256) or Image.objects.filter(sha256=photo.sha256).first()
        if existing is not None:
            result.duplicates.append(existing)
            continue
        image = Image(
            sha256=photo.sha256,
            width=photo.width,
            height=photo.height,
            taken_at=photo.taken_at,
            department=department,
            submitted_by=submitter if submitter is not None and submitter.is_authenticated else None,
            submitter_note=note,
        )
        image.file.save(f"{uuid.uuid4().hex}.{photo.extension}", ContentFile(photo.content), save=False)
        try:
            with transaction.atomic():
                record_actor(image, submitter)
                image._change_reason = "submitted"
                image.save()
        except IntegrityError:
            # The same photo arrived from someone else in the same instant.
            image.file.delete(save=False)
            result.duplicates.append(Image.objects.get(sha256=photo.sha256))
            continue
        seen[photo.sha256] = image
        result.created.append(image)
        transaction.on_commit(lambda pk=image.pk: detect_faces.delay(pk))
    for upload in files[MAX_FILES_PER_SUBMISSION:]:
        result.rejected.append(
            (upload.name or "", _("Only %(count)d photos can be sent at once.") % {"count": MAX_FILES_PER_SUBMISSION})
        )
    return result


@transaction.atomic
def images_review_set(
    *, queryset, state: ImageReviewState, actor: AbstractBaseUser | None
) -> int:
    """Approve or reject submissions; each change is kept in the image's history."""
    changed = 0
    for image in queryset.select_for_update():
        if image.review_state == state:
            continue
        image.review_state = state
        record_actor(image, actor)
        image._change_reason = f"review → {state}"
        image.save(update_fields=["review_state", "updated_at"])
        changed += 1
    return changed


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
    from officers.faces import detect_faces

    image = Image.objects.get(pk=image_id)
    if image.faces_detected_at and not force:
        return DetectionResult(created=0, skipped=True)
    boxes = detect_faces(_load_rgb(image))
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
            face._change_reason = f"detected (confidence {box.confidence:.3f})"
            face.save()
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
    record_actor(face, actor)
    face._change_reason = "drawn"
    face.save()
    return face


@transaction.atomic
def face_box_set(*, face: Face, x: int, y: int, width: int, height: int, actor: AbstractBaseUser) -> Face:
    """A volunteer moves or resizes a proposed box; the crop follows."""
    box = _valid_box(face.image, x=x, y=y, width=width, height=height)
    old_crop = face.crop.name
    face.x, face.y, face.width, face.height = box.x, box.y, box.width, box.height
    crop = _crop_file(face.image, box)
    face.crop.save(crop.name, crop, save=False)
    record_actor(face, actor)
    face._change_reason = "box adjusted"
    face.save()
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
    record_actor(face, actor)
    face._change_reason = "tagged"
    face.save()
    return face


@transaction.atomic
def face_delete(*, face: Face, actor: AbstractBaseUser) -> None:
    """Remove a box that is not a face (or not an officer's)."""
    if face.officer_id:
        raise ValidationError(_("This face is linked to an officer; a reviewer must undo the tag first."), code="tagged")
    record_actor(face, actor)
    face._change_reason = "removed by volunteer"
    crop, storage = face.crop.name, face.crop.storage
    face.delete()
    if crop:
        transaction.on_commit(lambda: storage.delete(crop))


# --- The volunteer queue --------------------------------------------------------------------


def _claim_is_free(now: datetime) -> Q:
    return Q(claimed_by__isnull=True) | Q(claimed_at__lt=now - CLAIM_LEASE)


def image_claim_next(*, user: AbstractBaseUser, stage: str, exclude_ids=()) -> Image | None:
    """Give `user` the next image to sort ("sort") or to tag ("tag"), and no one else.

    The image is leased to the user (CLAIM_LEASE). On PostgreSQL candidates are locked with
    SKIP LOCKED so concurrent volunteers pass over each other's rows instead of waiting; the
    conditional UPDATE makes the lease a compare-and-set on every database.
    """
    from officers.photo_selectors import images_needing

    now = timezone.now()
    held = images_needing(stage).filter(claimed_by=user, claimed_at__gte=now - CLAIM_LEASE).exclude(pk__in=exclude_ids).first()
    if held is not None:
        return held
    for _attempt in range(5):
        with transaction.atomic():
            candidates = images_needing(stage).filter(_claim_is_free(now)).exclude(pk__in=exclude_ids)
            if settings.IS_POSTGRES:
                candidates = candidates.select_for_update(skip_locked=True, of=("self",))
            candidate = candidates.order_by("created_at", "pk").first()
            if candidate is None:
                return None
            won = Image.objects.filter(_claim_is_free(now), pk=candidate.pk).update(claimed_by=user, claimed_at=now)
            if won:
                Image.objects.filter(claimed_by=user).exclude(pk=candidate.pk).update(claimed_by=None, claimed_at=None)
                candidate.claimed_by, candidate.claimed_at = user, now
                return candidate
    return None


def image_claim_is_stale(image: Image) -> bool:
    return image.claimed_at is None or image.claimed_at < timezone.now() - CLAIM_LEASE


def image_claim(*, image: Image, user: AbstractBaseUser) -> bool:
    """Lease one given image to `user` unless someone else holds a live lease on it."""
    now = timezone.now()
    won = Image.objects.filter(_claim_is_free(now) | Q(claimed_by=user), pk=image.pk).update(claimed_by=user, claimed_at=now)
    if won:
        Image.objects.filter(claimed_by=user).exclude(pk=image.pk).update(claimed_by=None, claimed_at=None)
    return bool(won)


def image_release(*, image: Image, user: AbstractBaseUser) -> None:
    Image.objects.filter(pk=image.pk, claimed_by=user).update(claimed_by=None, claimed_at=None)


@transaction.atomic
def image_sort(*, image: Image, contains_officers: bool, actor: AbstractBaseUser) -> Image:
    """Record a volunteer's answer to "does this photo show police officers?"."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    if image.contains_officers is not None:
        raise ValidationError(_("Someone has already sorted this photo."), code="already_sorted")
    image.contains_officers = contains_officers
    image.sorted_by = actor
    image.sorted_at = timezone.now()
    image.claimed_by = image.claimed_at = None
    record_actor(image, actor)
    image._change_reason = "sorted"
    image.save()
    return image


@transaction.atomic
def image_tagging_finish(*, image: Image, actor: AbstractBaseUser) -> Image:
    """The volunteer has boxed and linked every officer they can in this photo."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    image.tagging_done_by = actor
    image.tagging_done_at = timezone.now()
    image.claimed_by = image.claimed_at = None
    record_actor(image, actor)
    image._change_reason = "tagging finished"
    image.save()
    return image


# --- Reviewers' undo ------------------------------------------------------------------------


@transaction.atomic
def image_sort_undo(*, image: Image, actor: AbstractBaseUser) -> Image:
    """Send a sorted photo back to the queue. Its tags must be undone first."""
    image = Image.objects.select_for_update().get(pk=image.pk)
    if image.faces.filter(officer__isnull=False).exists():
        raise ValidationError(
            _("Faces in this photo are linked to officers; undo those tags first."), code="has_tags"
        )
    image.contains_officers = None
    image.sorted_by = None
    image.sorted_at = None
    image.tagging_done_by = None
    image.tagging_done_at = None
    record_actor(image, actor)
    image._change_reason = "sort undone by reviewer"
    image.save()
    return image


@transaction.atomic
def face_tag_undo(*, face: Face, actor: AbstractBaseUser) -> Face:
    """Unlink a face from its officer and reopen the photo for tagging."""
    face = Face.objects.select_for_update().select_related("image").get(pk=face.pk)
    face.officer = None
    face.confirmed_by = None
    face.confirmed_at = None
    face.is_featured = False
    record_actor(face, actor)
    face._change_reason = "tag undone by reviewer"
    face.save()
    image = face.image
    if image.tagging_done_at:
        image.tagging_done_by = None
        image.tagging_done_at = None
        record_actor(image, actor)
        image._change_reason = "reopened for tagging"
        image.save(update_fields=["tagging_done_by", "tagging_done_at", "updated_at"])
    return face

