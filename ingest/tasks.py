"""Scrape tasks (queue `scrape`, routed by module in config/celery.py). Thin: ids in, one service."""

from celery import shared_task
from django.db import OperationalError

from ingest import selectors, services
from ingest.models import Source


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def scrape_source(source_id: int, trigger: str = "scheduler") -> dict | None:
    """Run one source. Fetch failures are recorded on the Run, so only database trouble retries."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return None
    run = services.source_run(source=source, trigger=trigger)
    return {"run": run.pk, "status": run.status, "new": run.new}


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def scrape_due_sources() -> int:
    """Beat, every 4 hours: one scrape_source task per source whose schedule says run."""
    due = selectors.source_list_due()
    for source in due:
        scrape_source.delay(source.pk, trigger="scheduler")
    return len(due)
