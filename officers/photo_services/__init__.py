"""Writes for submitted photos and their faces: intake, detection, the volunteer queue, review.

One module per stage; callers import from here."""

from officers.photo_services.faces import (
    DetectionResult,
    face_box_set,
    face_create,
    face_delete,
    face_tag,
    image_faces_detect,
)
from officers.photo_services.intake import (
    CleanPhoto,
    SubmissionResult,
    images_review_set,
    images_submit,
    photo_clean,
)
from officers.photo_services.limits import (
    ALLOWED_FORMATS,
    CLAIM_LEASE,
    MAX_FILES_PER_SUBMISSION,
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    MIN_BOX_SIDE,
)
from officers.photo_services.queue import (
    face_tag_undo,
    image_claim,
    image_claim_is_stale,
    image_claim_next,
    image_release,
    image_sort,
    image_sort_undo,
    image_tagging_finish,
)

__all__ = [
    "ALLOWED_FORMATS", "CLAIM_LEASE", "MAX_FILES_PER_SUBMISSION", "MAX_PIXELS", "MAX_UPLOAD_BYTES", "MIN_BOX_SIDE",
    "CleanPhoto", "DetectionResult", "SubmissionResult",
    "face_box_set", "face_create", "face_delete", "face_tag", "face_tag_undo",
    "image_claim", "image_claim_is_stale", "image_claim_next", "image_faces_detect", "image_release",
    "image_sort", "image_sort_undo", "image_tagging_finish", "images_review_set", "images_submit", "photo_clean",
]
