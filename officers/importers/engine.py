"""Run an import: plan it (see `planning`), report every problem, and write it in one transaction.

Writing goes through one of two writers with the same three operations (create instances,
create rows, update rows), each with its audit-history rows: COPY on PostgreSQL (`pgcopy`),
and the ORM's bulk operations elsewhere (SQLite, the newcomer default).
"""

import contextlib
import gc
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone, translation
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from officers.importers import children, pgcopy
from officers.importers import parsing as p
from officers.importers.incoming import Incoming
from officers.importers.planning import (
    ASSIGNMENT_COLUMNS,
    ASSIGNMENT_FIELDS,
    LINK_COLUMNS,
    LINK_FIELDS,
    SALARY_COLUMNS,
    Plan,
    in_chunks,
)
from officers.models import Assignment, Department, Link, Officer, Salary
from officers.models import officer_search_badges_refresh

BATCH = 2000
REASON = "CSV import"
KINDS = ("officers", "assignments", "salaries", "links", "ranks", "units")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0


@dataclass
class ImportOptions:
    department: Department | None = None
    # Departments the person may change; None means every department (staff admins, commands).
    allowed_department_ids: set[int] | None = None
    actor: object = None
    dry_run: bool = False
    partial: bool = False
    publish: bool = False
    dataset: str = ""
    source_url: str = ""
    # OpenOversight's two switches: change names, race, gender… of matched officers; match
    # officers with neither badge nor internal id by name.
    update_static_fields: bool = False
    update_by_name: bool = False
    # Called with (percent, stage) as the import moves on: the admin page's progress bar.
    progress: object = None


@dataclass
class ImportReport:
    counts: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    problems: list[p.Problem] = field(default_factory=list)
    # Changes a row asked for and the import did not make (see planning.STATIC_FIELDS).
    warnings: list[p.Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    dry_run: bool = False
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_lines(self) -> list[str]:
        return [
            f"{kind}: {c.created} created, {c.updated} updated, "
            f"{c.skipped} unchanged, {c.failed} refused"
            for kind, c in self.counts.items()
            if kind in ("officers", "assignments", "salaries", "links") or c.created
        ]

    def table_lines(self) -> list[str]:
        """The report as a table, the same for a dry run and a real one: counts per file,
        then each problem and warning with file, row, column, value and what to do."""
        lines = [f"{'file':<12} {'created':>8} {'updated':>8} {'unchanged':>10} {'refused':>8}"]
        for kind, c in self.counts.items():
            if kind in ("officers", "assignments", "salaries", "links") or c.created:
                lines.append(
                    f"{kind:<12} {c.created:>8} {c.updated:>8} {c.skipped:>10} {c.failed:>8}"
                )
        for label, problems in (("problem", self.problems), ("warning", self.warnings)):
            for problem in problems:
                lines.append(f"{label}: {problem}")
        return lines


class CopyWriter:
    """PostgreSQL: COPY, many times faster on big rosters, same rows and history."""

    def __init__(self, actor, now):
        self.history = {"user": actor, "reason": REASON, "when": now}

    def create_objects(self, objects: list) -> None:
        pgcopy.copy_create_objects(objects, **self.history)

    def create_rows(self, model, columns: list[str], rows: list) -> None:
        pgcopy.copy_create(model, columns, rows, **self.history)

    def update_rows(self, model, columns: list[str], rows: list) -> None:
        pgcopy.copy_update(model, columns, rows, **self.history)


class OrmWriter:
    """Any database (SQLite): the ORM's bulk operations with django-simple-history's helpers."""

    def __init__(self, actor, now):
        self.now = now
        self.history = {"default_user": actor, "default_change_reason": REASON}

    def create_objects(self, objects: list) -> None:
        if objects:
            bulk_create_with_history(objects, type(objects[0]), batch_size=BATCH, **self.history)

    def create_rows(self, model, columns: list[str], rows: list) -> None:
        self.create_objects(
            [
                model(**dict(zip(columns, _resolved(model, columns, row), strict=True)))
                for row in rows
            ]
        )

    def update_rows(self, model, columns: list[str], rows: list) -> None:
        # History rows snapshot whole instances: load them, then change the columns.
        objects = []
        for chunk in in_chunks(row[0] for row in rows):
            loaded = model.objects.in_bulk(chunk)
            objects += [loaded[pk] for pk in chunk]
        for obj, row in zip(objects, rows, strict=True):
            for name, value in zip(columns, _resolved(model, columns, row[1:]), strict=True):
                setattr(obj, name, value)
            obj.updated_at = self.now
        if objects:
            bulk_update_with_history(
                objects, model, [*columns, "updated_at"], batch_size=BATCH, **self.history
            )


def _resolved(model, columns: list[str], row) -> list:
    """The row with each instance written earlier in this import (a new officer, rank or unit)
    replaced by its pk."""
    return [
        value.pk
        if value is not None and type(value) is not int and model._meta.get_field(name).is_relation
        else value
        for name, value in zip(columns, row, strict=True)
    ]


def write(plan: Plan, writer) -> None:
    """Write the plan, parents before the rows that point at them."""
    write_officers(plan, writer)
    write_children(plan, writer)


def write_officers(plan: Plan, writer) -> None:
    """Ranks, units, officers and assignments: what the files read first decide."""
    writer.create_objects(list(plan.new_ranks.values()))
    writer.create_objects(list(plan.new_units.values()))
    writer.create_objects([officer.new for officer in plan.new_officers])
    if plan.changed_officers:
        columns = sorted(plan.changed_officer_fields) + ["search_first_name", "search_last_name"]
        rows = [
            [o.pk, *(getattr(o, name) for name in columns)] for o in plan.changed_officers.values()
        ]
        writer.update_rows(Officer, columns, rows)
    writer.create_rows(Assignment, ASSIGNMENT_COLUMNS, plan.new_assignments)
    if plan.changed_assignments:
        writer.update_rows(Assignment, ASSIGNMENT_FIELDS, list(plan.changed_assignments.values()))


def write_children(plan: Plan, writer) -> None:
    """Salaries and links, then the search badges of existing officers whose badges changed
    (new officers were written with theirs)."""
    writer.create_rows(Salary, SALARY_COLUMNS, plan.new_salaries)
    if plan.changed_salaries:
        writer.update_rows(Salary, ["salary", "overtime_pay"], list(plan.changed_salaries.values()))
    writer.create_rows(Link, LINK_COLUMNS, plan.new_links)
    if plan.changed_links:
        writer.update_rows(Link, LINK_FIELDS, list(plan.changed_links.values()))
    if plan.touched_officer_ids:
        officer_search_badges_refresh(officer_ids=plan.touched_officer_ids)


@contextlib.contextmanager
def cyclic_gc_paused():
    """Python's cyclic garbage collector paused while an import runs.

    A big roster is millions of small objects (cells, rows, tuples) that live until the import
    ends; the collector walks all of them again each time a few hundred more are made, which
    was half of a 350,000-row import's Python time. The import makes no reference cycles to
    free; objects without cycles are freed as usual, and the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class ReadAgain(Exception):
    """The files read while the officers were written named an existing officer the plan had
    not loaded: the writes were rolled back, and the import must be read and planned in order."""


class _Refused(Exception):
    """A problem found after the officers were written: roll the writes back."""


def run_import(incoming: Incoming, options: ImportOptions, rest=None) -> ImportReport:
    """Plan the import, then write it unless it is a dry run or (without `partial`) a row failed.

    `rest`, when given, reads the files that only add child rows (salaries, links) into
    `incoming`, and says whether they named officers `incoming` did not hold yet
    (`AdvancedReader.read_rest`). On PostgreSQL, when nothing read so far refuses the import,
    it runs in a thread while the officers and assignments are written: the COPYs wait on the
    server with the GIL released, so the reading takes no time of its own. A problem it finds
    rolls those writes back, as any problem refuses a whole import; an officer it adds raises
    ReadAgain after the rollback.
    """
    report = ImportReport(dry_run=options.dry_run)
    step = options.progress or (lambda percent, stage: None)
    step(30, "matching")
    beside = (
        rest is not None
        and connection.vendor == "postgresql"
        and not options.dry_run
        and not options.partial
    )
    if rest is not None and not beside:
        rest()
    plan = Plan(incoming, options, report.counts)
    plan.load()
    plan.match_officers()
    plan.load_children()
    children.plan_assignments(plan)
    if beside and _problems(incoming):
        rest()  # the import is refused already: nothing to write beside the reading
        beside = False
    writer = None
    if not options.dry_run:
        actor = options.actor if getattr(options.actor, "is_authenticated", False) else None
        now = timezone.now()
        writer = (CopyWriter if connection.vendor == "postgresql" else OrmWriter)(actor, now)
    if not beside:
        _plan_children(plan)
        _report(plan, report)
        if options.dry_run or (report.problems and not options.partial):
            step(100, "done")
            return report
        step(60, "writing")
        with transaction.atomic():
            write(plan, writer)
    else:
        step(60, "writing")
        try:
            with transaction.atomic():
                with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-reading") as pool:
                    reading = pool.submit(_in_this_language(lambda: rest() or _plan_children(plan)))
                    write_officers(plan, writer)
                    if reading.result():
                        raise ReadAgain
                _report(plan, report)
                if report.problems:
                    raise _Refused
                write_children(plan, writer)
        except _Refused:
            step(100, "done")
            return report
    report.committed = True
    step(100, "done")
    return report


def _plan_children(plan: Plan) -> None:
    """Plan salaries and links (they need the officers matched, not written)."""
    children.plan_salaries(plan)
    children.plan_links(plan)


def _report(plan: Plan, report: ImportReport) -> None:
    """Every problem, warning and notice of the planned import into its report."""
    incoming = plan.incoming
    for table in incoming.tables:
        report.counts[_file_kind(table.file)].failed += len(table.problems)
    report.problems = _problems(incoming)
    report.warnings = plan.warnings
    report.notices = list(incoming.notices)


def _problems(incoming: Incoming) -> list[p.Problem]:
    """Every problem read or planned so far, by file, row and column."""
    problems = list(incoming.problems)
    for table in incoming.tables:
        for table_problems in table.problems.values():
            problems += table_problems
    for officer in incoming.officers:
        problems += officer.own_problems
    return sorted(problems, key=lambda problem: (problem.file, problem.row, problem.column))


def _in_this_language(work):
    """`work` as a thread must run it: in the language of the caller (a curator's, a task's),
    which Django keeps per thread."""
    language = translation.get_language()

    def run():
        with translation.override(language):
            return work()

    return run


def _file_kind(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].removesuffix(".csv")
    return stem if stem in KINDS else "officers"
