"""Celery tasks for officers (queue `images`): thin, take ids, idempotent."""

from celery import shared_task

from officers import photo_services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, retry_backoff_max=600, max_retries=5)
def detect_faces(image_id: int, force: bool = False) -> dict:
    """Propose face boxes for one image; running it again changes nothing."""
    from officers.models import Image

    try:
        result = photo_services.image_faces_detect(image_id=image_id, force=force)
    except Image.DoesNotExist:
        return {"image": image_id, "created": 0, "skipped": True, "missing": True}
    return {"image": image_id, "created": result.created, "skipped": result.skipped}


@shared_task(acks_late=True, queue="default", soft_time_limit=3600, time_limit=3700)
def run_import_job(job_id: int) -> None:
    """Run a CSV import started from the admin (see officers.importers.jobs); not retried: a
    failed import wrote nothing and says why on its page."""
    from officers.importers.jobs import import_job_run

    import_job_run(job_id)
