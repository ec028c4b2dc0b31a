from celery import shared_task

from downloads import services


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=2,
             soft_time_limit=30 * 60, time_limit=30 * 60 + 60)
def build_downloads() -> dict:
    """Nightly: rebuild the public bulk downloads (idempotent; unchanged sets stay as they are)."""
    summary = services.downloads_build()
    return {"created": summary.created, "updated": summary.updated,
            "unchanged": summary.unchanged, "failed": summary.failed}
