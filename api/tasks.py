from celery import shared_task

from api import metering


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def flush_api_usage() -> dict[str, int]:
    return metering.pending_usage_flush()
