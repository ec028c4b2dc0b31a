"""CSV import in OpenOversight's two formats. See `parsing` for the columns, `planning` and
`children` for matching, `engine` and `pgcopy` for writing.

report = import_wide(content, options=ImportOptions(department=d, dry_run=True))
report = import_advanced({"officers": ..., "assignments": ...}, options=ImportOptions(...))
"""

from officers.importers.engine import (
    Counts,
    ImportOptions,
    ImportReport,
    cyclic_gc_paused,
    run_import,
)
from officers.importers.parsing import Problem
from officers.importers.reading import read_advanced, read_wide

ADVANCED_FILES = ("officers", "assignments", "salaries", "links", "incidents")

__all__ = [
    "ADVANCED_FILES",
    "Counts",
    "ImportOptions",
    "ImportReport",
    "Problem",
    "import_advanced",
    "import_wide",
]


def import_wide(
    content: bytes | str, *, options: ImportOptions, name: str = "officers.csv"
) -> ImportReport:
    """Import OpenOversight's wide bulk-add-officers CSV."""
    with cyclic_gc_paused():
        return run_import(read_wide(name, content, department=options.department), options)


def import_advanced(files: dict[str, bytes | str], *, options: ImportOptions) -> ImportReport:
    """Import OpenOversight's multi-file CSVs; `files` maps officers/assignments/salaries/
    links/incidents to each file's content (officers is the only one required)."""
    with cyclic_gc_paused():
        return run_import(read_advanced(files, department=options.department), options)
