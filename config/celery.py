"""The one Celery app. Queues: default, scrape, ml, images.

Tasks are routed to a queue by module, so a task lands on the right workers without every call
site naming it. Periodic jobs are declared here and copied into django-celery-beat's tables,
where staff can pause or re-time them in the admin.
"""

import os

from celery import Celery
from celery.schedules import crontab
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("accountable")
app.config_from_object("django.conf:settings", namespace="CELERY")

app.conf.task_queues = [Queue(name) for name in ("default", "scrape", "ml", "images")]
app.conf.task_routes = {
    "ingest.tasks.*": {"queue": "scrape"},
    "incidents.tasks.classify_*": {"queue": "ml"},
    "officers.photos.tasks.*": {"queue": "images"},
}
app.conf.beat_schedule = {
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": crontab(minute=17, hour=3),
    },
    # Submitters' contact details go once the retention period is over (CONTACT_RETENTION_DAYS).
    "purge-contacts": {
        "task": "core.tasks.purge_contacts",
        "schedule": crontab(minute=27, hour=3),
    },
    "check-external-links": {
        "task": "oversight.tasks.check_links",
        "schedule": crontab(minute=40, hour=4, day_of_week="sun"),
    },
    "flush-api-usage": {
        "task": "api.tasks.flush_api_usage",
        "schedule": crontab(minute="*/5"),
    },
    "scrape-due-sources": {
        "task": "ingest.tasks.scrape_due_sources",
        "schedule": crontab(minute=5, hour="*/4"),
        "options": {"queue": "scrape"},
    },
    # Public bulk downloads, after the night's other jobs; unchanged sets are left as they are.
    "build-public-downloads": {
        "task": "downloads.tasks.build_downloads",
        "schedule": crontab(minute=30, hour=2),
    },
    # New posts get a force rank within a quarter of an hour of arriving.
    "classify-pending-posts": {
        "task": "incidents.tasks.classify_pending_posts",
        "schedule": crontab(minute="*/15"),
    },
}

app.autodiscover_tasks()
# Rooms inside an app keep their own tasks module, which autodiscovery (`<app>.tasks`) does not find.
app.autodiscover_tasks(["officers.photos"])
