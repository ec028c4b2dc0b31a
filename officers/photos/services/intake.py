"""Photos submitted by the public: checked by content, cleaned of metadata, deduplicated, reviewed."""

from __future__ import annotations

import hashlib
import io
import uuid
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.services import audited_save, rows_locked
from core.tasks import enqueue_on_commit
from officers.models import Department
from officers.photos import tasks
from officers.photos.models import Image, ImageReviewState
from officers.photos.services.limits import (
    ALLOWED_FORMATS,
    MAX_FILES_PER_SUBMISSION,
    MAX_PIXELS,
    MAX_SIDE,
    MAX_UPLOAD_BYTES,
)

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


def _too_big(size: int) -> ValidationError:
    return ValidationError(
        _("This file is %(size)s MB; the limit is %(limit)s MB.")
        % {"size": _megabytes(size), "limit": MAX_UPLOAD_BYTES // 1024 // 1024},
        code="too_big",
    )


def _too_many_pixels(pixels: int) -> ValidationError:
    return ValidationError(
        _("This photo has %(mp)s megapixels; the limit is %(limit)s.")
        % {"mp": round(pixels / 1e6, 1), "limit": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def upload_sha256(data: bytes) -> str:
    """The hash of the bytes as sent, to recognise a resent file before decoding it."""
    return hashlib.sha256(data).hexdigest()


def photo_clean(*, data: bytes) -> CleanPhoto:
    """Check an upload by its content and return it re-encoded without any metadata.

    The type comes from the bytes (Pillow), never from the name. Pillow reads only the header on
    open, so the type and the pixel count are checked before any pixel is decoded; the pixels are
    then decoded once, straight to at most PHOTO_MAX_SIDE on the longest side (JPEG decodes at a
    reduced scale, others are reduced right after decoding). A flat 40-megapixel PNG is 150 KB on
    the wire and 120 MB decoded: every extra full-size copy costs that again. EXIF orientation
    is applied to the pixels, so the photo still stands the right way up once the EXIF is gone.
    Raises ValidationError with a message a submitter can act on.
    """
    from PIL import Image as PILImage
    from PIL import ImageOps, UnidentifiedImageError

    if len(data) > MAX_UPLOAD_BYTES:
        raise _too_big(len(data))
    with warnings.catch_warnings():
        # Pillow warns, then raises, on decompression bombs; treat the warning as the error.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(io.BytesIO(data)) as source:
                kind = source.format
                if kind not in ALLOWED_FORMATS:
                    raise ValidationError(
                        _("This is a %(kind)s file. Please send a JPEG, PNG or WebP photo.") % {"kind": kind or "?"},
                        code="wrong_type",
                    )
                if source.width * source.height > MAX_PIXELS:
                    raise _too_many_pixels(source.width * source.height)
                taken_at = _taken_at(source.getexif())
                # The one decode (draft() for JPEG inside thumbnail), at the bounded size.
                source.thumbnail((MAX_SIDE, MAX_SIDE))
                upright = ImageOps.exif_transpose(source)
                mode = "RGBA" if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info else "RGB"
                if kind == "JPEG":
                    mode = "RGB"
                pixels = upright if upright.mode == mode else upright.convert(mode)
                # A new image from raw pixels carries no EXIF, GPS, XMP, ICC or comments.
                clean = PILImage.frombytes(mode, pixels.size, pixels.tobytes())
                del pixels, upright
        except ValidationError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise ValidationError(
                _("This photo is too large to process safely (more than %(limit)s megapixels).")
                % {"limit": MAX_PIXELS // 1_000_000},
                code="too_many_pixels",
            ) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, MemoryError):
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


def _megabytes(size: int) -> str:
    """A size in MB with one decimal, in the reader's decimal separator ("19.1" in English, "19,1" in Spanish)."""
    return number_format(size / 1024 / 1024, decimal_pos=1, use_l10n=True)


def _read(upload: UploadedFile) -> bytes:
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise _too_big(upload.size)
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
    result = SubmissionResult()
    seen: dict[str, Image] = {}
    for upload in files[:MAX_FILES_PER_SUBMISSION]:
        name = upload.name or _("unnamed file")
        try:
            data = _read(upload)
        except ValidationError as error:
            result.rejected.append((name, " ".join(error.messages)))
            continue
        # A file sent before (the same bytes) is recognised without decoding it again.
        sent_hash = upload_sha256(data)
        existing = seen.get(sent_hash) or Image.objects.filter(upload_sha256=sent_hash).first()
        if existing is not None:
            result.duplicates.append(existing)
            continue
        try:
            photo = photo_clean(data=data)
        except ValidationError as error:
            result.rejected.append((name, " ".join(error.messages)))
            continue
        del data
        # The same photo sent with other metadata cleans to the same pixels.
        existing = seen.get(photo.sha256) or Image.objects.filter(sha256=photo.sha256).first()
        if existing is not None:
            result.duplicates.append(existing)
            continue
        image = Image(
            sha256=photo.sha256,
            upload_sha256=sent_hash,
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
                audited_save(image, actor=submitter, reason="submitted")
        except IntegrityError:
            # The same photo arrived from someone else in the same instant.
            image.file.delete(save=False)
            result.duplicates.append(Image.objects.get(sha256=photo.sha256))
            continue
        seen[photo.sha256] = seen[sent_hash] = image
        result.created.append(image)
        enqueue_on_commit(tasks.detect_faces, image.pk)
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
    for image in rows_locked(queryset):
        if image.review_state == state:
            continue
        image.review_state = state
        audited_save(image, actor=actor, reason=f"review → {state}", update_fields=["review_state", "updated_at"])
        changed += 1
    return changed
