from celery import shared_task
from django.db import transaction

from core import services


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Send `task` to the broker once the current transaction commits (never for rolled-back rows)."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs))


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def clear_expired_sessions() -> int:
    return services.expired_sessions_clear()


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def purge_contacts() -> int:
    from django.conf import settings

    return services.contacts_purge(days=settings.CONTACT_RETENTION_DAYS)
