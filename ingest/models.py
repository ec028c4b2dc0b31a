"""Sources of posts (X/Twitter searches, news feeds, data sets) and a record of every run."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class SourceKind(models.TextChoices):
    TWITTER = "twitter", _("X / Twitter")
    NEWS = "news", _("News feed")
    DATASET = "dataset", _("Data set")
    CSV = "csv", _("CSV import")
    PUBLIC = "public", _("Public submission")


class Source(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=16, choices=SourceKind.choices)
    name = models.CharField(_("name"), max_length=200, unique=True)
    config = models.JSONField(
        _("configuration"),
        default=dict,
        blank=True,
        help_text=_("Kind-specific settings: queries for X, the feed URL for news."),
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    schedule_hours = models.PositiveSmallIntegerField(
        _("run every (hours)"),
        default=4,
        help_text=_("The scheduler runs the source when this many hours have passed; 0: by hand only."),
    )
    resume_after = models.DateTimeField(
        _("paused until"),
        null=True,
        blank=True,
        help_text=_("Set when the source asked us to wait (rate limit); runs wait until then."),
    )
    lease_until = models.DateTimeField(
        _("running until"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Held by the run in progress, so two workers never run one source at once."),
    )
    cursor = models.JSONField(
        _("cursor"),
        default=dict,
        blank=True,
        help_text=_("Where the next run continues: newest id seen, ETag, query rotation."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    PARTIAL = "partial", _("Stopped early, continues next run")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class Run(models.Model):
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="runs", verbose_name=_("source")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    fetched = models.PositiveIntegerField(_("fetched"), default=0)
    new = models.PositiveIntegerField(_("new"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicates"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    cursor = models.JSONField(_("cursor after the run"), default=dict, blank=True)
    trigger = models.CharField(_("started by"), max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("run")
        verbose_name_plural = _("runs")
        indexes = [models.Index(fields=["source", "-started_at"], name="run_source_started_idx")]

    @property
    def duration(self):
        return self.finished_at - self.started_at if self.finished_at else None

    def __str__(self) -> str:
        return f"{self.source} @ {self.started_at:%Y-%m-%d %H:%M}"
