"""Match incoming rows to the database and write them in batches.

Matching: an officer is the same person as an existing one when the department's internal id
matches; then (advanced format) when its id is an existing officer's id in that department;
then when first name, last name and one badge number all match. Everything the import needs
is loaded up front in a handful of queries, and written with bulk inserts and updates (with
their audit history rows), so the number of queries does not grow with the number of rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.models import PublicationStatus
from officers.importers import parsing as p
from officers.importers import pgcopy
from officers.importers.reading import Incoming, IncomingOfficer
from officers.models import (
    Assignment,
    Department,
    Link,
    Officer,
    Rank,
    Salary,
    Unit,
    search_key,
)
from officers.services import badges_key, officer_search_badges_refresh

BATCH = 2000
REASON = "CSV import"
OFFICER_FIELDS = [
    "first_name",
    "last_name",
    "middle_name",
    "suffix",
    "race",
    "gender",
    "employment_date",
    "birth_year",
    "internal_id",
]
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


@dataclass
class ImportReport:
    counts: dict[str, Counts] = field(default_factory=lambda: {kind: Counts() for kind in KINDS})
    problems: list[p.Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    dry_run: bool = False
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary_lines(self) -> list[str]:
        return [
            f"{kind}: {c.created} created, {c.updated} updated, {c.skipped} unchanged, {c.failed} failed"
            for kind, c in self.counts.items()
            if kind in ("officers", "assignments", "salaries", "links") or c.created
        ]


def _key(text: str) -> str:
    return (text or "").strip().casefold()


class Plan:
    """What the import will create and update, worked out before anything is written."""

    def __init__(self, incoming: Incoming, options: ImportOptions, report: ImportReport):
        self.incoming = incoming
        self.options = options
        self.report = report
        self.new_ranks: dict[tuple[int, str], Rank] = {}
        self.new_units: dict[tuple[int, str], Unit] = {}
        self.new_officers: list[Officer] = []
        self.changed_officers: dict[int, Officer] = {}
        self.changed_officer_fields: set[str] = set()
        self.new_assignments: list[Assignment] = []
        self.changed_assignments: dict[int, Assignment] = {}
        self.new_salaries: list[Salary] = []
        self.changed_salaries: dict[int, Salary] = {}
        self.new_links: list[Link] = []
        self.changed_links: dict[int, Link] = {}

    # --- loading ------------------------------------------------------------------------

    def load(self) -> None:
        direct_pks = [o.existing_pk for o in self.incoming.officers if o.existing_pk]
        department_ids = {o.department_id for o in self.incoming.officers if o.department_id}
        department_ids |= set(
            Officer.objects.filter(pk__in=direct_pks).values_list("department_id", flat=True)
        )
        self.departments = Department.objects.in_bulk(department_ids)
        officers = Officer.objects.filter(department_id__in=department_ids).only(
            "pk", "department_id", "publication_status", *OFFICER_FIELDS
        )
        self.officers_by_pk = {officer.pk: officer for officer in officers}
        self.by_internal_id = {
            (o.department_id, _key(o.internal_id)): o
            for o in self.officers_by_pk.values()
            if o.internal_id
        }
        self.assignments_by_officer: dict[int, list[Assignment]] = defaultdict(list)
        self.by_name_badge: dict[tuple, Officer] = {}
        assignments = Assignment.objects.filter(officer__department_id__in=department_ids)
        for assignment in assignments.only(
            "pk", "officer_id", "badge_number", "rank_id", "unit_id", "start_date", "end_date"
        ):
            self.assignments_by_officer[assignment.officer_id].append(assignment)
            officer = self.officers_by_pk[assignment.officer_id]
            if assignment.badge_number:
                key = (
                    officer.department_id,
                    search_key(officer.first_name),
                    search_key(officer.last_name),
                    search_key(assignment.badge_number),
                )
                self.by_name_badge[key] = officer
        self.ranks = {
            (r.department_id, _key(r.name)): r
            for r in Rank.objects.filter(department_id__in=department_ids)
        }
        self.rank_names = {r.pk: _key(r.name) for r in self.ranks.values()}
        self.units = {
            (u.department_id, _key(u.name)): u
            for u in Unit.objects.filter(department_id__in=department_ids)
        }
        self.units_by_pk = {u.pk: u for u in self.units.values()}
        self.next_rank_order = defaultdict(int)
        for rank in self.ranks.values():
            self.next_rank_order[rank.department_id] = max(
                self.next_rank_order[rank.department_id], rank.order + 1
            )

    def load_children(self, officer_ids: list[int]) -> None:
        self.salaries = {
            (s.officer_id, s.year, s.is_fiscal_year): s
            for s in Salary.objects.filter(officer_id__in=officer_ids)
        }
        self.links = {(link.officer_id, link.url): link for link in Link.objects.filter(officer_id__in=officer_ids)}

    # --- matching -----------------------------------------------------------------------

    def match_officers(self) -> None:
        allowed = self.options.allowed_department_ids
        claimed: dict[int, IncomingOfficer] = {}
        for incoming in self.incoming.officers:
            row = incoming.row
            if incoming.existing_pk:
                officer = self.officers_by_pk.get(incoming.existing_pk)
                if officer is None or (
                    incoming.department_id and officer.department_id != incoming.department_id
                ):
                    row.fail("officer_id", _("No officer with id %(id)s in this department.") % {"id": incoming.existing_pk})
                    continue
                incoming.department_id = officer.department_id
                incoming.target = officer
            if incoming.failed:
                continue
            department = self.departments.get(incoming.department_id)
            if department is None:
                row.fail("department_id", _("No department with id %(id)s.") % {"id": incoming.department_id})
                continue
            if allowed is not None and department.pk not in allowed:
                row.fail("department_id", _("You do not curate %(department)s.") % {"department": department})
                continue
            if incoming.existing_pk:
                continue
            officer = self._find(incoming)
            if officer is not None:
                if officer.pk in claimed:
                    row.fail(
                        "",
                        _("This is the same officer as row %(row)d (officer #%(id)d).")
                        % {"row": claimed[officer.pk].row.number, "id": officer.pk},
                    )
                    continue
                claimed[officer.pk] = incoming
                incoming.target = officer
                self._update_officer(incoming, officer)
            else:
                self._create_officer(incoming)

    def _find(self, incoming: IncomingOfficer) -> Officer | None:
        department_id = incoming.department_id
        internal_id = _key(incoming.values.get("internal_id", ""))
        if internal_id and (department_id, internal_id) in self.by_internal_id:
            return self.by_internal_id[(department_id, internal_id)]
        if incoming.ref.isdigit():
            officer = self.officers_by_pk.get(int(incoming.ref))
            # An id from another database may name someone else here: the last name must agree.
            if (
                officer is not None
                and officer.department_id == department_id
                and search_key(officer.last_name) == incoming.name_key[1]
                and (not internal_id or not officer.internal_id)
            ):
                return officer
        first, last = incoming.name_key
        for badge in sorted(incoming.badges):
            officer = self.by_name_badge.get((department_id, first, last, badge))
            if officer is not None and (not internal_id or not officer.internal_id):
                return officer
        return None

    def _update_officer(self, incoming: IncomingOfficer, officer: Officer) -> None:
        counts = self.report.counts["officers"]
        changed = False
        for name, value in incoming.values.items():
            if getattr(officer, name) != value:
                if name == "internal_id":
                    clash = self.by_internal_id.get((officer.department_id, _key(value)))
                    if clash is not None and clash.pk != officer.pk:
                        incoming.row.fail("unique_internal_identifier", _("Officer #%(id)d already has this internal id.") % {"id": clash.pk})
                        return
                setattr(officer, name, value)
                self.changed_officer_fields.add(name)
                changed = True
        if changed:
            officer.refresh_search_names()
            self.changed_officers[officer.pk] = officer
            counts.updated += 1
        else:
            counts.skipped += 1

    def _create_officer(self, incoming: IncomingOfficer) -> None:
        options = self.options
        officer = Officer(
            department_id=incoming.department_id,
            publication_status=PublicationStatus.PUBLISHED if options.publish else PublicationStatus.DRAFT,
            dataset=options.dataset,
            source_url=options.source_url,
            **incoming.values,
        )
        officer.refresh_search_names()
        officer.search_badges = badges_key(incoming.badges)
        internal_id = _key(officer.internal_id)
        if internal_id:
            if (incoming.department_id, internal_id) in self.by_internal_id:
                incoming.row.fail("unique_internal_identifier", _("Another row has the same internal id."))
                return
            self.by_internal_id[(incoming.department_id, internal_id)] = officer
        incoming.target = officer
        incoming.created = True
        self.new_officers.append(officer)
        self.report.counts["officers"].created += 1

    # --- children -----------------------------------------------------------------------

    def _rank(self, department_id: int, name: str) -> Rank | None:
        if not name:
            return None
        key = (department_id, _key(name))
        if key not in self.ranks:
            rank = Rank(department_id=department_id, name=name, order=self.next_rank_order[department_id])
            self.next_rank_order[department_id] += 1
            self.ranks[key] = self.new_ranks[key] = rank
            self.report.counts["ranks"].created += 1
        return self.ranks[key]

    def _unit(self, row: p.Row, department_id: int, ref: str, name: str) -> Unit | None:
        if ref.isdigit() and int(ref) in self.units_by_pk:
            unit = self.units_by_pk[int(ref)]
            # An id from another database may name a different unit here: the name decides.
            if unit.department_id == department_id and (not name or _key(unit.name) == _key(name)):
                return unit
        label = name or ref
        if not label:
            return None
        key = (department_id, _key(label))
        if key not in self.units:
            if len(label) > 255:
                row.fail("unit_name", _("Longer than %(limit)d characters.") % {"limit": 255})
                return None
            self.units[key] = self.new_units[key] = Unit(department_id=department_id, name=label)
            self.report.counts["units"].created += 1
        return self.units[key]

    def plan_assignments(self) -> None:
        counts = self.report.counts["assignments"]
        seen: set[tuple] = set()
        for item in self.incoming.assignments:
            officer_in = item.officer
            if officer_in.failed or item.row.problems or officer_in.target is None:
                if not item.row.problems:
                    item.row.fail("officer_id", _("Its officer could not be imported."))
                continue
            officer = officer_in.target
            rank = self._rank(officer.department_id, item.rank_name)
            unit = self._unit(item.row, officer.department_id, item.unit_ref, item.unit_name)
            if item.row.problems:
                continue
            key = (
                id(officer),
                search_key(item.badge_number),
                _key(rank.name) if rank else "",
                _key(unit.name) if unit else "",
                item.start_date,
            )
            if key in seen:
                counts.skipped += 1
                continue
            seen.add(key)
            existing = None
            if not officer_in.created:
                for candidate in self.assignments_by_officer.get(officer.pk, []):
                    if (item.pk and candidate.pk == item.pk) or (
                        search_key(candidate.badge_number),
                        self.rank_names.get(candidate.rank_id, ""),
                        _key(self.units_by_pk[candidate.unit_id].name) if candidate.unit_id else "",
                        candidate.start_date,
                    ) == key[1:]:
                        existing = candidate
                        break
            if existing is None:
                self.new_assignments.append(
                    Assignment(
                        officer=officer,
                        badge_number=item.badge_number,
                        rank=rank,
                        unit=unit,
                        start_date=item.start_date,
                        end_date=item.end_date,
                    )
                )
                counts.created += 1
                continue
            wanted = {
                "badge_number": item.badge_number,
                "rank": rank,
                "unit": unit,
                "start_date": item.start_date,
                "end_date": item.end_date,
            }
            changed = False
            for name, value in wanted.items():
                current = getattr(existing, f"{name}_id") if name in ("rank", "unit") else getattr(existing, name)
                new = value.pk if name in ("rank", "unit") and value is not None else value
                if current != new and value not in (None, ""):
                    setattr(existing, name, value)
                    changed = True
            if changed:
                self.changed_assignments[existing.pk] = existing
                counts.updated += 1
            else:
                counts.skipped += 1

    def plan_salaries(self) -> None:
        counts = self.report.counts["salaries"]
        planned: dict[tuple, tuple] = {}
        for item in self.incoming.salaries:
            officer_in = item.officer
            if officer_in.failed or item.row.problems or officer_in.target is None:
                if not item.row.problems:
                    item.row.fail("officer_id", _("Its officer could not be imported."))
                continue
            officer = officer_in.target
            key = (id(officer), item.year, item.is_fiscal_year)
            values = (item.salary, item.overtime_pay)
            if key in planned:
                if planned[key] != values:
                    item.row.fail("salary", _("Another row gives a different salary for this officer and year."))
                else:
                    counts.skipped += 1
                continue
            planned[key] = values
            existing = None if officer_in.created else self.salaries.get((officer.pk, item.year, item.is_fiscal_year))
            if existing is None:
                self.new_salaries.append(
                    Salary(
                        officer=officer,
                        year=item.year,
                        is_fiscal_year=item.is_fiscal_year,
                        salary=item.salary,
                        overtime_pay=item.overtime_pay,
                    )
                )
                counts.created += 1
            elif (existing.salary, existing.overtime_pay) != values:
                existing.salary, existing.overtime_pay = values
                self.changed_salaries[existing.pk] = existing
                counts.updated += 1
            else:
                counts.skipped += 1

    def plan_links(self) -> None:
        counts = self.report.counts["links"]
        seen: set[tuple] = set()
        for item in self.incoming.links:
            if item.row.problems:
                continue
            broken = [o for o in item.officers if o.failed or o.target is None]
            if broken:
                item.row.fail("officer_ids", _("One of its officers could not be imported."))
                continue
            for officer_in in item.officers:
                officer = officer_in.target
                key = (id(officer), item.url)
                if key in seen:
                    counts.skipped += 1
                    continue
                seen.add(key)
                values = {
                    "link_type": item.link_type,
                    "title": item.title,
                    "description": item.description,
                    "author": item.author,
                }
                existing = None if officer_in.created else self.links.get((officer.pk, item.url))
                if existing is None:
                    self.new_links.append(Link(officer=officer, url=item.url, **values))
                    counts.created += 1
                elif any(getattr(existing, k) != v for k, v in values.items()):
                    for name, value in values.items():
                        setattr(existing, name, value)
                    self.changed_links[existing.pk] = existing
                    counts.updated += 1
                else:
                    counts.skipped += 1

    # --- writing ------------------------------------------------------------------------

    def write(self) -> None:
        actor = self.options.actor if getattr(self.options.actor, "is_authenticated", False) else None
        now = timezone.now()
        if connection.vendor == "postgresql":
            create, update = _copy_writers(actor, now)
        else:
            create, update = _bulk_writers(actor)
        for model, objects in ((Rank, self.new_ranks.values()), (Unit, self.new_units.values()), (Officer, self.new_officers)):
            if objects:
                create(list(objects), model)
        if self.changed_officers:
            fields = sorted(self.changed_officer_fields) + ["search_first_name", "search_last_name", "updated_at"]
            update(list(self.changed_officers.values()), Officer, fields, now)
        if self.new_assignments:
            create(self.new_assignments, Assignment)
        if self.changed_assignments:
            fields = ["badge_number", "rank", "unit", "start_date", "end_date", "updated_at"]
            update(list(self.changed_assignments.values()), Assignment, fields, now)
        if self.new_salaries:
            create(self.new_salaries, Salary)
        if self.changed_salaries:
            update(list(self.changed_salaries.values()), Salary, ["salary", "overtime_pay", "updated_at"], now)
        if self.new_links:
            create(self.new_links, Link)
        if self.changed_links:
            fields = ["link_type", "title", "description", "author", "updated_at"]
            update(list(self.changed_links.values()), Link, fields, now)
        # New officers got their badges before insertion; existing ones are recomputed.
        created = {id(officer) for officer in self.new_officers}
        touched = {a.officer_id for a in self.new_assignments if id(a.officer) not in created}
        touched |= {a.officer_id for a in self.changed_assignments.values()}
        if touched:
            officer_search_badges_refresh(officer_ids=touched)


def _bulk_writers(actor):
    """Writers through the ORM: portable (SQLite), one INSERT per batch plus its history."""
    history = {"default_user": actor, "default_change_reason": REASON}

    def create(objects, model):
        bulk_create_with_history(objects, model, batch_size=BATCH, **history)

    def update(objects, model, fields, now):
        for obj in objects:
            obj.updated_at = now
        bulk_update_with_history(objects, model, fields, batch_size=BATCH, **history)

    return create, update


def _copy_writers(actor, now):
    """Writers through COPY (PostgreSQL): many times faster on big rosters, same rows."""

    def create(objects, model):
        pgcopy.copy_create(objects, model, user=actor, reason=REASON, when=now)

    def update(objects, model, fields, when):
        for obj in objects:
            obj.updated_at = when
        pgcopy.copy_update(objects, model, fields, user=actor, reason=REASON, when=when)

    return create, update


def run_import(incoming: Incoming, options: ImportOptions) -> ImportReport:
    """Plan the import, then write it unless it is a dry run or (without `partial`) any row failed."""
    report = ImportReport(dry_run=options.dry_run, notices=list(incoming.notices))
    plan = Plan(incoming, options, report)
    plan.load()
    plan.match_officers()
    matched_ids = [o.target.pk for o in incoming.officers if o.target is not None and o.target.pk]
    plan.load_children(matched_ids)
    plan.plan_assignments()
    plan.plan_salaries()
    plan.plan_links()

    report.problems = list(incoming.problems)
    failed = defaultdict(int)
    for row in incoming.rows:
        if row.problems:
            report.problems.extend(row.problems)
            failed[_file_kind(row.file)] += 1
    file_rows = {id(row) for row in incoming.rows}
    for officer in incoming.officers:
        if officer.row.problems and id(officer.row) not in file_rows:
            report.problems.extend(officer.row.problems)
    for kind, count in failed.items():
        report.counts[kind].failed += count
    report.problems.sort(key=lambda problem: (problem.file, problem.row, problem.column))

    if options.dry_run or (report.problems and not options.partial):
        return report
    with transaction.atomic():
        plan.write()
    report.committed = True
    return report


def _file_kind(name: str) -> str:
    stem = name.rsplit("/", 1)[-1].removesuffix(".csv")
    return stem if stem in KINDS else "officers"
