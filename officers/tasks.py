"""Celery tasks for officers: thin, take ids, idempotent. The photo tasks live in officers/photos/tasks.py."""

from celery import shared_task

from officers.importers.jobs import import_job_run


@shared_task(acks_late=True, queue="default", soft_time_limit=3600, time_limit=3700)
def run_import_job(job_id: int) -> None:
    """Run a CSV import started from the admin (see officers.importers.jobs); not retried: a
    failed import wrote nothing and says why on its page."""
    import_job_run(job_id)
