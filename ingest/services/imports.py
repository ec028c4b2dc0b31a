"""Imports: the PB2020 data set as located incidents, and CSV files of posts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from incidents.models import Incident, ReviewStatus
from incidents.services import incidents_approve_in_bulk
from ingest.importers import csv_posts, pb2020
from ingest.models import Run, RunStatus, Source, SourceKind
from ingest.services.posts import posts_store

PB2020_FIELDS = [
    "title", "summary", "date", "force_rank", "tags", "links", "source_url", "latitude",
    "longitude", "city", "state", "location_method", "source_kind",
]


class ImportFailed(Exception):
    """The file has problems; nothing was written. `problems` lists each with row and column."""

    def __init__(self, problems: list[str]):
        super().__init__(_("%(count)d problem(s) in the file; nothing was imported.") % {"count": len(problems)})
        self.problems = problems


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    approved: int = 0
    problems: list[str] = field(default_factory=list)


@transaction.atomic
def pb2020_import(
    *,
    text: str,
    name: str = "file",
    approve: bool = False,
    review_note: str = "",
    dry_run: bool = False,
    actor: AbstractBaseUser | None = None,
) -> ImportSummary:
    """Create or update one incident per PB2020 id (idempotent: a second run changes nothing).

    With `approve`, candidates are approved through the review service (its checks, its decision
    log); incidents a reviewer rejected stay rejected.
    """
    try:
        records = pb2020.parse(text, name=name)
    except pb2020.Pb2020FormatError as error:
        raise ImportFailed(error.problems) from error
    summary = ImportSummary()
    to_create, to_update, to_approve = _pb2020_plan(records, approve=approve, summary=summary)
    if dry_run:
        return summary
    _pb2020_write(to_create, to_update, actor=actor)
    if to_approve:
        note = review_note or _("Imported from the 2020PB data set (%(citation)s).") % {
            "citation": pb2020.CITATION
        }
        summary.approved, errors = incidents_approve_in_bulk(
            incidents=Incident.objects.filter(dataset=pb2020.DATASET, external_id__in=to_approve),
            actor=actor,
            note=note,
        )
        summary.problems += [
            _("Incident #%(pk)s was not approved: %(errors)s") % {"pk": pk, "errors": " ".join(messages)}
            for pk, messages in errors.items()
        ]
    return summary


def _pb2020_values(record) -> dict:
    return {
        "title": record.title,
        "summary": record.description,
        "date": record.date,
        "force_rank": record.force_rank,
        "tags": record.tags,
        "links": record.links,
        "source_url": record.edit_at or pb2020.PROJECT_URL,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "city": record.city,
        "state": record.state,
        "location_method": record.location_method,
        "source_kind": SourceKind.DATASET,
    }


def _pb2020_plan(records, *, approve: bool, summary: ImportSummary):
    """What the import creates, updates and approves, counted in `summary`. A candidate about to
    be approved counts as updated even when none of its fields change."""
    existing = {
        incident.external_id: incident
        for incident in Incident.objects.filter(
            dataset=pb2020.DATASET, external_id__in=[r.id for r in records]
        )
    }
    to_create, to_update, to_approve = [], [], []
    for record in records:
        values = _pb2020_values(record)
        incident = existing.get(record.id)
        if incident is None:
            to_create.append(Incident(dataset=pb2020.DATASET, external_id=record.id, **values))
            if approve:
                to_approve.append(record.id)
            continue
        changed = [name for name, value in values.items() if getattr(incident, name) != value]
        for name in changed:
            setattr(incident, name, values[name])
        if changed:
            to_update.append(incident)
        approving = approve and incident.review_status == ReviewStatus.CANDIDATE
        if approving:
            to_approve.append(record.id)
        if changed or approving:
            summary.updated += 1
        else:
            summary.unchanged += 1
    summary.created, summary.approved = len(to_create), len(to_approve)
    return to_create, to_update, to_approve


def _pb2020_write(to_create: list[Incident], to_update: list[Incident], *, actor) -> None:
    reason = _("Imported from the 2020PB data set")
    if to_create:
        bulk_create_with_history(
            to_create, Incident, batch_size=500, default_user=actor, default_change_reason=reason
        )
    if to_update:
        bulk_update_with_history(
            to_update,
            Incident,
            PB2020_FIELDS + ["updated_at"],
            batch_size=500,
            default_user=actor,
            default_change_reason=reason,
        )


def posts_import_csv(
    *,
    source: Source,
    text: str,
    id_prefix: str = "",
    dry_run: bool = False,
    trigger: str = "",
) -> Run:
    """Store the posts of a CSV file as one run of `source`: all rows, or none when any is wrong.

    The run is recorded either way (failed runs list every problem), except on a dry run.
    """
    run = Run(source=source, trigger=trigger[:200])
    run.started_at = timezone.now()
    try:
        items = csv_posts.parse(text, id_prefix=id_prefix)
    except csv_posts.CsvFormatError as error:
        run.status = RunStatus.FAILED
        run.message = _("%(count)d problem(s) in the file; nothing was imported.") % {
            "count": len(error.problems)
        }
        run.errors = [{"level": "error", "message": p} for p in error.problems[:200]]
        run.finished_at = timezone.now()
        if not dry_run:
            run.save()
        raise ImportFailed(error.problems) from error
    result = posts_store(source=source, items=items, dry_run=dry_run)
    run.fetched = len(items)
    run.new, run.duplicates = result.new, result.duplicates
    run.status = RunStatus.SUCCEEDED
    run.message = _("Imported a CSV file of %(count)d rows.") % {"count": len(items)}
    run.finished_at = timezone.now()
    if not dry_run:
        run.save()
    return run


def import_source_get_or_create(*, name: str, kind: str = SourceKind.CSV) -> Source:
    """The source a file import is recorded under; imports are never scheduled."""
    source, _created = Source.objects.get_or_create(
        name=name, defaults={"kind": kind, "schedule_hours": 0}
    )
    return source
