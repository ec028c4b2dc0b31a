"""CSV import in OpenOversight's two formats. See `parsing` for the columns, `planning` and
`children` for matching, `engine` and `pgcopy` for writing.

report = import_wide(content, options=ImportOptions(department=d, dry_run=True))
report = import_advanced({"officers": ..., "assignments": ...}, options=ImportOptions(...))
"""

import io
import zipfile
from pathlib import PurePosixPath

from officers.importers.engine import (
    Counts,
    ImportOptions,
    ImportReport,
    ReadAgain,
    cyclic_gc_paused,
    run_import,
)
from officers.importers.parsing import Problem
from officers.importers.reading import AdvancedReader, read_advanced, read_wide

ADVANCED_FILES = ("officers", "assignments", "salaries", "links", "descriptions", "incidents")

__all__ = [
    "ADVANCED_FILES",
    "Counts",
    "ImportOptions",
    "ImportReport",
    "Problem",
    "files_from_zip",
    "import_advanced",
    "import_wide",
    "kind_of_file",
]


def kind_of_file(name: str) -> str | None:
    """Which advanced-import file a name is: officers.csv, or OpenOversight's download names
    such as Chicago_PD_officers.csv / Chicago_PD_assignments.csv."""
    stem = PurePosixPath(name).stem.lower()
    if not name.lower().endswith(".csv"):
        return None
    for kind in ADVANCED_FILES:
        if stem == kind or stem.endswith(f"_{kind}"):
            return kind
    return None


def files_from_zip(content: bytes) -> dict[str, bytes]:
    """The advanced-import files in a zip (ours, or OpenOversight's downloads zipped); raises
    zipfile.BadZipFile for something else."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            kind: archive.read(name)
            for name in archive.namelist()
            if (kind := kind_of_file(name)) is not None
        }


def import_wide(
    content: bytes | str, *, options: ImportOptions, name: str = "officers.csv"
) -> ImportReport:
    """Import OpenOversight's wide bulk-add-officers CSV."""
    if options.progress:
        options.progress(5, "reading")
    with cyclic_gc_paused():
        return run_import(read_wide(
                name, content, department=options.department, by_name=options.update_by_name
            ), options)


def import_advanced(files: dict[str, bytes | str], *, options: ImportOptions) -> ImportReport:
    """Import OpenOversight's multi-file CSVs; `files` maps officers/assignments/salaries/
    links/incidents to each file's content (officers is the only one required)."""
    if options.progress:
        options.progress(5, "reading")
    with cyclic_gc_paused():
        reader = AdvancedReader(
            files, department=options.department, by_name=options.update_by_name
        )
        try:
            return run_import(reader.read_officers(), options, rest=reader.read_rest)
        except ReadAgain:
            # salaries.csv or links.csv named an existing officer the other files did not.
            return run_import(read_advanced(
                files, department=options.department, by_name=options.update_by_name
            ), options)
