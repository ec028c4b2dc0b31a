from celery import shared_task

from oversight import services


@shared_task(
    acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=2,
    soft_time_limit=3 * 60 * 60, time_limit=3 * 60 * 60 + 120,
)
def check_links() -> dict:
    """Weekly: check every external link of reports and commissions (idempotent)."""
    return services.links_check().as_dict()
