"""Celery tasks for photos (queue `images`): thin, take ids, idempotent."""

from celery import shared_task

from officers.photos.models import Image
from officers.photos.services import faces


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def detect_faces(image_id: int, force: bool = False) -> dict:
    """Propose face boxes for one image; running it again changes nothing."""
    try:
        result = faces.image_faces_detect(image_id=image_id, force=force)
    except Image.DoesNotExist:
        return {"image": image_id, "created": 0, "skipped": True, "missing": True}
    return {"image": image_id, "created": result.created, "skipped": result.skipped}
