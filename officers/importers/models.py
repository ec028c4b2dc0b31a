"""Imports started from the admin. Registered with the officers app (same app label and table),
through the import at the end of officers/models.py."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class ImportJob(TimeStampedModel):
    """A CSV import started from the admin, run by a Celery task so that a roster of tens of
    thousands of officers never holds a web request; the page polls its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("officers.Department", on_delete=models.CASCADE, related_name="+")
    # The uploaded files as one zip (kind → CSV), and the wide file's name if it is one.
    files = models.BinaryField()
    wide_name = models.CharField(max_length=255, blank=True)
    options = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    stage = models.CharField(max_length=100, blank=True)
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"import #{self.pk} ({self.status})"
