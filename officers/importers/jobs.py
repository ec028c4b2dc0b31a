"""Imports started from the admin: stored as an ImportJob, run by the `run_import_job` Celery
task (queue `default`; eagerly, inside the request, in the newcomer default), polled by the
page for its progress. A 50,000-officer roster takes longer than a web request may."""

import io
import zipfile
from dataclasses import asdict

from django.utils.translation import gettext as _

from core.tasks import enqueue_on_commit
from officers.importers import ImportOptions, import_advanced, import_wide
from officers.importers.engine import KINDS, Counts, ImportReport
from officers.importers.parsing import Problem
from officers.models import ImportJob

# The page lists this many problems; the counts cover all of them.
SHOWN = 500


def import_job_create(
    *, user, department, files: dict[str, bytes], wide_name: str = "", options: dict
) -> ImportJob:
    """Store the uploaded files and options, and queue the import after the commit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, content in files.items():
            archive.writestr(f"{kind}.csv", content)
    job = ImportJob.objects.create(
        user=user,
        department=department,
        files=buffer.getvalue(),
        wide_name=wide_name,
        options=options,
    )
    # The task module imports this one (the task runs import_job_run); importing it here, on use, breaks the loop.
    from officers.tasks import run_import_job

    enqueue_on_commit(run_import_job, job.pk)
    return job


def import_job_can_repeat(job: ImportJob) -> bool:
    """A finished dry run that would write: its files can be imported for real without being
    uploaded again."""
    report = job.report or {}
    return (
        job.status == ImportJob.Status.DONE
        and report.get("dry_run", False)
        and (not report.get("problem_count") or job.options.get("partial", False))
    )


def import_job_repeat(*, job: ImportJob, user, allowed_department_ids: set[int]) -> ImportJob:
    """Queue the import a dry run checked: the same files and options, now written. The
    departments the person may change are looked up again, not taken from the dry run."""
    options = {
        **job.options,
        "dry_run": False,
        "allowed_department_ids": sorted(allowed_department_ids),
    }
    repeated = ImportJob.objects.create(
        user=user,
        department=job.department,
        files=bytes(job.files),
        wide_name=job.wide_name,
        options=options,
    )
    # As above: the task module imports this one.
    from officers.tasks import run_import_job

    enqueue_on_commit(run_import_job, repeated.pk)
    return repeated


def _set(job_id: int, **fields) -> None:
    ImportJob.objects.filter(pk=job_id).update(**fields)


def import_job_run(job_id: int) -> None:
    """Run a queued import; its progress and report are written on the job as it goes."""
    job = ImportJob.objects.select_related("department", "user").get(pk=job_id)
    if job.status in (ImportJob.Status.DONE, ImportJob.Status.FAILED):
        return  # a redelivered task: the import ran already
    _set(job_id, status=ImportJob.Status.RUNNING, progress=1, stage="reading")
    with zipfile.ZipFile(io.BytesIO(bytes(job.files))) as archive:
        files = {name.removesuffix(".csv"): archive.read(name) for name in archive.namelist()}
    allowed = job.options.get("allowed_department_ids")
    options = ImportOptions(
        department=job.department,
        allowed_department_ids=None if allowed is None else set(allowed),
        actor=job.user,
        dry_run=job.options.get("dry_run", False),
        partial=job.options.get("partial", False),
        publish=job.options.get("publish", False),
        dataset=job.options.get("dataset", ""),
        source_url=job.options.get("source_url", ""),
        update_static_fields=job.options.get("update_static_fields", False),
        update_by_name=job.options.get("update_by_name", False),
        progress=lambda percent, stage: _set(job_id, progress=percent, stage=stage),
    )
    try:
        if job.wide_name:
            report = import_wide(files["wide"], options=options, name=job.wide_name)
        else:
            report = import_advanced(files, options=options)
    except Exception as error:
        # The import wrote nothing (one transaction); the page says so instead of waiting.
        _set(job_id, status=ImportJob.Status.FAILED, error=str(error) or type(error).__name__)
        raise
    _set(job_id, status=ImportJob.Status.DONE, progress=100, stage="done", report=_stored(report))


def _stored(report: ImportReport) -> dict:
    return {
        "counts": {kind: asdict(counts) for kind, counts in report.counts.items()},
        "problems": [asdict(problem) for problem in report.problems[:SHOWN]],
        "problem_count": len(report.problems),
        "warnings": [asdict(problem) for problem in report.warnings[:SHOWN]],
        "notices": report.notices[:SHOWN],
        "dry_run": report.dry_run,
        "committed": report.committed,
    }


def import_job_report(job: ImportJob) -> ImportReport | None:
    """The stored report as the one the import returned (its lists cut at SHOWN)."""
    if not job.report:
        return None
    data = job.report
    report = ImportReport(
        # PostgreSQL's jsonb keeps keys in its own order: the table's order is KINDS.
        counts={kind: Counts(**data["counts"][kind]) for kind in KINDS if kind in data["counts"]},
        problems=[Problem(**problem) for problem in data["problems"]],
        warnings=[Problem(**problem) for problem in data["warnings"]],
        notices=data["notices"],
        dry_run=data["dry_run"],
        committed=data["committed"],
    )
    report.problem_count = data["problem_count"]
    return report


def import_job_stage_label(stage: str) -> str:
    return {
        "reading": _("Reading the files"),
        "matching": _("Matching officers"),
        "writing": _("Writing"),
        "done": _("Done"),
    }.get(stage, _("Waiting"))
