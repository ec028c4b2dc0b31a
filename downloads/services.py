"""Writes: build every bulk download into media storage (`manage.py build_downloads`, nightly).

Each set becomes one zip: its CSV (and GeoJSON) files, a README.txt saying what the columns
mean, and a LICENCE.txt naming the licence and attribution of every source its records come
from. The zip is byte-for-byte the same when the records are (fixed file dates), so a nightly
run that finds nothing new changes nothing: the page keeps the date the content last changed.
A new file gets a new name and the old one is removed only after the row points at the new
one, so a visitor never follows a link to a half-written file.
"""

import hashlib
import io
import zipfile

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from core.models import DataSet
from core.summary import Summary
from downloads.models import Download
from downloads.sets import FILE_SETS, KNOWN_SOURCES, BuiltSet, FileSet

FOLDER = "downloads"
# ZIP's earliest date: the same records give the same bytes whenever they are built.
FIXED_DATE = (1980, 1, 1, 0, 0, 0)


def _sources(built: BuiltSet) -> list[tuple[str, str, str]]:
    """(title and attribution, licence, URL) of each source of the set's records."""
    found = {d.slug: d for d in DataSet.objects.filter(slug__in=built.datasets)}
    sources = []
    for slug in sorted(built.datasets):
        if slug in found:
            data_set = found[slug]
            sources.append((f"{data_set.title}. {data_set.attribution}", data_set.licence,
                            data_set.licence_url or data_set.source_url))
        elif slug in KNOWN_SOURCES:
            sources.append(KNOWN_SOURCES[slug])
    return sources + built.extra_sources


def licences_of(built: BuiltSet) -> list[str]:
    curated = "" in built.datasets or not built.datasets
    names = [licence for _, licence, _ in _sources(built)]
    if curated or built.extra_sources:
        names.append(settings.DOWNLOADS_LICENCE)
    return sorted(set(names))


def licence_text(built: BuiltSet, *, title: str) -> str:
    lines = [
        f"{settings.SITE_NAME}: {title}",
        "",
        "Records that come from a published data set keep that data set's licence; give its",
        "attribution when you reuse them. The rows say which data set each record is from",
        "(column dataset, or the README). Sources of the records in this file:",
        "",
    ]
    for name, licence, url in _sources(built):
        lines += [f"- {name}", f"  Licence: {licence}. {url}"]
    lines += [
        "",
        "Records our staff curated from other public sources (no data set), and this",
        f"compilation: {settings.DOWNLOADS_LICENCE} ({settings.DOWNLOADS_LICENCE_URL}).",
        "Links in the files point to third-party pages under their own terms.",
        "",
    ]
    return "\n".join(lines)


def readme_text(file_set: FileSet, built: BuiltSet) -> str:
    title = str(file_set.title)
    return "\n".join([
        f"{settings.SITE_NAME}: {title}",
        "=" * (len(settings.SITE_NAME) + 2 + len(title)),
        "",
        str(file_set.description),
        "",
        "Only records published on the site are included; nothing in draft or retracted,",
        "and no invented demonstration records. Rebuilt every night.",
        "",
        "Files:",
        *(f"  {f.name}: {f.rows} rows" for f in built.files),
        "",
        built.readme_files.rstrip(),
        "",
        "All files are UTF-8. In the CSV files a text cell that starts with = + - @ (or a tab or",
        "carriage return) has a leading apostrophe so that a spreadsheet shows it instead of",
        "running it as a formula; numbers are written as they are. Dates are YYYY-MM-DD.",
        "Provenance columns: dataset (the data set a record was loaded from; empty for records",
        "our staff entered), source_file and source_row (where in that data set),",
        "source_url (the record's public source).",
        "See LICENCE.txt for the licence of each source.",
        "",
    ])


def zip_bytes(file_set: FileSet, built: BuiltSet) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        members = [("README.txt", readme_text(file_set, built).encode("utf-8")),
                   ("LICENCE.txt", licence_text(built, title=str(file_set.title)).encode("utf-8")),
                   *((f.name, f.content) for f in built.files)]
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


def downloads_build(*, only: list[str] | None = None, dry_run: bool = False) -> Summary:
    """Build every file set (or those in `only`); store the ones whose content changed.

    A set that fails to build is counted as failed with its error, and the others still run;
    its previous file stays online."""
    summary = Summary()
    for file_set in FILE_SETS:
        if only and file_set.slug not in only:
            continue
        try:
            with transaction.atomic():
                outcome, note = _build_one(file_set, dry_run=dry_run)
        except Exception as error:  # one broken set must not stop the nightly run of the others
            summary.count("failed")
            summary.notes.append(f"{file_set.slug}: failed: {error!r}")
            continue
        summary.count(outcome)
        summary.notes.append(f"{file_set.slug}: {note}")
    return summary


def _build_one(file_set: FileSet, *, dry_run: bool) -> tuple[str, str]:
    built = file_set.build()
    content = zip_bytes(file_set, built)
    digest = hashlib.sha256(content).hexdigest()
    note = f"{built.rows} rows, {len(content)} bytes"
    current = Download.objects.select_for_update().filter(slug=file_set.slug).first()
    if current is not None and current.sha256 == digest and default_storage.exists(current.file.name):
        return "unchanged", f"{note}, unchanged"
    outcome = "created" if current is None else "updated"
    if dry_run:
        return outcome, f"{note}, would be {outcome}"
    name = default_storage.save(
        f"{FOLDER}/accountable-{file_set.slug}-{digest[:12]}.zip", ContentFile(content)
    )
    old_name = current.file.name if current is not None else ""
    download = current or Download(slug=file_set.slug)
    download.file.name = name
    download.size = len(content)
    download.row_count = built.rows
    download.sha256 = digest
    download.licences = licences_of(built)
    download.changed_at = timezone.now()
    download.save()
    if old_name and old_name != name:
        transaction.on_commit(lambda: default_storage.delete(old_name))
    return outcome, f"{note}, {outcome}"
