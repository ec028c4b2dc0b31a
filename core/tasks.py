from celery import shared_task
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from core import services


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Send `task` to the broker once the current transaction commits (never for rolled-back rows)."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs))


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def clear_expired_sessions() -> int:
    """Django's own `clearsessions`, nightly; returns how many sessions had expired."""
    expired = Session.objects.filter(expire_date__lt=timezone.now()).count()
    call_command("clearsessions")
    return expired


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def purge_contacts() -> int:
    return services.contacts_purge(days=settings.CONTACT_RETENTION_DAYS)
