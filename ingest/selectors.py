"""Reads of the ingest app."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ingest.models import Run, RunStatus, Source, SourceKind

SCRAPED_KINDS = (SourceKind.TWITTER, SourceKind.NEWS)
# Beat fires every 4 hours; a source due "every 4 hours" must not miss a tick by a few seconds.
SCHEDULE_SLACK = dt.timedelta(minutes=15)


def source_list(*, kinds=SCRAPED_KINDS, enabled: bool | None = True) -> QuerySet[Source]:
    sources = Source.objects.filter(kind__in=kinds)
    if enabled is not None:
        sources = sources.filter(enabled=enabled)
    return sources.order_by("name")


def source_get(*, name: str) -> Source | None:
    return Source.objects.filter(name=name).first()


def source_list_due(*, now: dt.datetime | None = None) -> list[Source]:
    """Enabled scraped sources whose schedule says run, not paused, X only with a token."""
    now = now or timezone.now()
    kinds = [SourceKind.NEWS] + ([SourceKind.TWITTER] if settings.TWITTER_BEARER_TOKEN else [])
    sources = (
        source_list(kinds=kinds)
        .filter(schedule_hours__gt=0)
        .annotate(
            last_started=Max("runs__started_at", filter=~Q(runs__status=RunStatus.SKIPPED)),
        )
    )
    due = []
    for source in sources:
        if source.resume_after and source.resume_after > now:
            continue
        interval = dt.timedelta(hours=source.schedule_hours) - SCHEDULE_SLACK
        if source.last_started is None or source.last_started <= now - interval:
            due.append(source)
    return due


def source_list_with_last_run() -> QuerySet[Source]:
    last = Run.objects.filter(source=OuterRef("pk")).order_by("-started_at")
    return Source.objects.annotate(
        last_run_status=Subquery(last.values("status")[:1]),
        last_run_at=Subquery(last.values("started_at")[:1]),
    )


def twitter_sources_without_token() -> bool:
    """True when an enabled X source exists but no bearer token is configured."""
    return not settings.TWITTER_BEARER_TOKEN and Source.objects.filter(
        kind=SourceKind.TWITTER, enabled=True
    ).exists()
