"""Run a source once: one Run row per execution, counts kept as it goes, progress never lost."""

from __future__ import annotations

import copy
import datetime as dt
import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ingest.models import Run, RunStatus, Source
from ingest.services.posts import posts_store
from ingest.sources import fetcher_for
from ingest.sources.base import Item, SourceError

log = logging.getLogger(__name__)

MAX_ERRORS_KEPT = 200


def _lease_length() -> dt.timedelta:
    # Longer than a task may run, so a lease only outlives its run when the worker died.
    return dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 300)


class _RunRecorder:
    """What a fetcher reports into: counts and errors on the run, cursor on the source."""

    def __init__(self, run: Run, source: Source, dry_run: bool):
        self.run, self.source, self.dry_run = run, source, dry_run

    def fetched(self, count: int) -> None:
        self.run.fetched += count

    def store(self, items: list[Item]) -> None:
        result = posts_store(source=self.source, items=items, dry_run=self.dry_run)
        self.run.new += result.new
        self.run.duplicates += result.duplicates
        self._save()

    def skip(self, message: str, *, raw: object = None) -> None:
        self.run.skipped += 1
        self._error(message, raw=raw)

    def warn(self, message: str) -> None:
        self._error(message, level="warning")

    def checkpoint(self, cursor: dict) -> None:
        self.run.cursor = copy.deepcopy(cursor)
        if not self.dry_run:
            Source.objects.filter(pk=self.source.pk).update(cursor=self.run.cursor)
            self.source.cursor = self.run.cursor
        self._save()

    def _error(self, message: str, *, raw: object = None, level: str = "error") -> None:
        if len(self.run.errors) < MAX_ERRORS_KEPT:
            entry = {"level": level, "message": str(message)}
            if raw is not None:
                entry["raw"] = str(raw)[:500]
            self.run.errors.append(entry)

    def _save(self) -> None:
        if not self.dry_run and self.run.pk:
            self.run.save()


def source_run(*, source: Source, dry_run: bool = False, trigger: str = "") -> Run:
    """Fetch `source` once and store what is new. Returns the Run (unsaved on a dry run).

    A failure ends the run as failed with the reason; posts stored before it stay stored and
    the cursor keeps the position reached, so the next run continues from there.
    """
    now = timezone.now()
    run = Run(source=source, trigger=trigger[:200], cursor=copy.deepcopy(source.cursor))
    run.started_at = now
    fetcher = fetcher_for(source.kind)
    reason = ""
    if fetcher is None:
        reason = _("Sources of this kind are imported with a command, not scraped.")
    elif not source.enabled:
        reason = _("The source is disabled.")
    else:
        reason = fetcher.unavailable_reason(source)
    if not reason and source.resume_after and source.resume_after > now:
        reason = _("Paused by the source until %(time)s (rate limit).") % {
            "time": source.resume_after.strftime("%Y-%m-%d %H:%M UTC")
        }
    if not reason and not dry_run and not _lease_take(source, now):
        reason = _("Another run of this source is in progress.")
    if reason:
        return _finish(run, RunStatus.SKIPPED, reason, dry_run=dry_run, release=False)

    if not dry_run:
        run.save()
    recorder = _RunRecorder(run, source, dry_run)
    try:
        outcome = fetcher.fetch(source=source, cursor=copy.deepcopy(source.cursor), recorder=recorder)
    except SourceError as error:
        return _finish(run, RunStatus.FAILED, str(error), dry_run=dry_run)
    except Exception as error:  # noqa: BLE001 — a run records any failure instead of vanishing
        log.exception("run of source %s failed", source.pk)
        return _finish(
            run,
            RunStatus.FAILED,
            _("Unexpected error: %(kind)s: %(error)s")
            % {"kind": type(error).__name__, "error": error},
            dry_run=dry_run,
        )
    if not dry_run and source.resume_after != outcome.resume_after:
        Source.objects.filter(pk=source.pk).update(resume_after=outcome.resume_after)
        source.resume_after = outcome.resume_after
    status = RunStatus.PARTIAL if outcome.partial else RunStatus.SUCCEEDED
    return _finish(run, status, outcome.message, dry_run=dry_run)


def _lease_take(source: Source, now: dt.datetime) -> bool:
    """Claim the source for this run with one conditional UPDATE (atomic on every database)."""
    claimed = (
        Source.objects.filter(pk=source.pk)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=now + _lease_length())
    )
    return bool(claimed)


def _finish(run: Run, status: str, message: str, *, dry_run: bool, release: bool = True) -> Run:
    run.status = status
    run.message = str(message)
    run.finished_at = timezone.now()
    if not dry_run:
        run.save()
        if release:
            Source.objects.filter(pk=run.source_id).update(lease_until=None)
    return run

