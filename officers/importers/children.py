"""Plan the child rows of an import: assignments (with their ranks and units), salaries, links.

A child row is the same as an existing one when it belongs to the same officer and agrees on
what identifies it (an assignment: its id, or badge, rank, unit and start date; a salary: the
year; a link: the URL); then only what differs is updated, and an empty cell erases nothing.
"""

from django.utils.translation import gettext as _

from officers.importers.incoming import IncomingOfficer
from officers.importers.planning import Plan
from officers.models import Rank, Unit
from officers.search.keys import badges_key


def _usable_officers(plan: Plan) -> dict[IncomingOfficer, bool]:
    """Whether rows about each officer can be imported (it was matched or is new, and is fine)."""
    return {o: not o.failed and o.target is not None for o in plan.incoming.officers}


def _usable(item, usable_officers) -> bool:
    """Whether a child row can be imported: it and its officer are fine."""
    if item.index in item.table.problems:
        return False
    if not usable_officers[item.officer]:
        item.table.fail(item.index, "officer_id", _("Its officer could not be imported."))
        return False
    return True


def _rank(plan: Plan, item, department_id: int) -> Rank | None:
    name = item.rank_name
    if item.rank_id is not None:
        # job_id names a rank of this department (OpenOversight's Job id), never a new one.
        rank = plan.ranks_by_pk.get(item.rank_id)
        if rank is not None and rank.department_id == department_id:
            if not name or plan.name_key(rank.name) == plan.name_key(name):
                return rank
        if not name:
            item.table.fail(
                item.index,
                "job_id",
                _("No rank with id %(id)s in this department: give job_title instead.")
                % {"id": item.rank_id},
            )
            return None
    if not name:
        return None
    key = (department_id, plan.name_key(name))
    if key not in plan.ranks:
        rank = Rank(
            department_id=department_id, name=name, order=plan.next_rank_order[department_id]
        )
        plan.next_rank_order[department_id] += 1
        plan.ranks[key] = plan.new_ranks[key] = rank
        plan.counts["ranks"].created += 1
    return plan.ranks[key]


def _unit(plan: Plan, item, department_id: int) -> Unit | None:
    ref, name = item.unit_ref, item.unit_name
    if ref.isdecimal() and int(ref) in plan.units_by_pk:
        unit = plan.units_by_pk[int(ref)]
        # An id from another database may name a different unit here: the name decides.
        if unit.department_id == department_id and (
            not name or plan.name_key(unit.name) == plan.name_key(name)
        ):
            return unit
    if ref.isdecimal() and not name:
        # A number names an existing unit; a unit called "12" is never what was meant.
        item.table.fail(
            item.index,
            "unit_id",
            _("No unit with id %(id)s in this department: give unit_name instead.")
            % {"id": ref},
        )
        return None
    label = name or ref
    if not label:
        return None
    key = (department_id, plan.name_key(label))
    if key not in plan.units:
        if len(label) > 255:
            item.table.fail(
                item.index, "unit_name", _("Longer than %(limit)d characters.") % {"limit": 255}
            )
            return None
        plan.units[key] = plan.new_units[key] = Unit(department_id=department_id, name=label)
        plan.counts["units"].created += 1
    return plan.units[key]


def plan_assignments(plan: Plan) -> None:
    counts = plan.counts["assignments"]
    seen: set[tuple] = set()
    usable = _usable_officers(plan)
    name_key = plan.name_key
    for item in plan.incoming.assignments:
        if not _usable(item, usable):
            continue
        officer = item.officer
        rank = _rank(plan, item, officer.department_id)
        unit = _unit(plan, item, officer.department_id)
        if item.index in item.table.problems:
            continue
        # The same officer may arrive twice (its officers.csv row, and its id in a child file).
        owner = officer.pk if officer.new is None else officer
        match = (
            item.badge_key,
            name_key(rank.name) if rank else "",
            name_key(unit.name) if unit else "",
            item.start_date,
        )
        if (owner, match) in seen:
            counts.skipped += 1
            continue
        seen.add((owner, match))
        existing = None
        if officer.new is None:
            for candidate_match, candidate in plan.assignments_by_officer.get(officer.pk, ()):
                if (item.pk and candidate[0] == item.pk) or candidate_match == match:
                    existing = candidate
                    break
        if existing is None:
            plan.new_assignments.append(
                (officer.target, item.badge_number, rank, unit, item.start_date, item.end_date)
            )
            if officer.new is None:
                plan.touched_officer_ids.add(officer.pk)
            elif item.badge_number:
                plan.new_badges[officer].add(item.badge_number)
            counts.created += 1
            continue
        pk, *current = existing
        changed = False
        for position, value in enumerate(
            (item.badge_number, rank, unit, item.start_date, item.end_date)
        ):
            if value is None or value == "":
                continue  # an empty cell does not erase what is known
            if position in (1, 2):
                if value.pk is not None and value.pk == current[position]:
                    continue
            elif value == current[position]:
                continue
            current[position] = value
            changed = True
        if changed:
            plan.changed_assignments[pk] = (pk, *current)
            plan.touched_officer_ids.add(officer.pk)
            counts.updated += 1
        else:
            counts.skipped += 1
    # New officers carry their badges from the start (what the badge refresh would compute).
    for officer in plan.new_officers:
        officer.new.search_badges = badges_key(plan.new_badges.get(officer, ()))


def plan_salaries(plan: Plan) -> None:
    counts = plan.counts["salaries"]
    planned: dict[tuple, tuple] = {}
    usable = _usable_officers(plan)
    for item in plan.incoming.salaries:
        if not _usable(item, usable):
            continue
        officer = item.officer
        owner = officer.pk if officer.new is None else officer
        values = (item.salary, item.overtime_pay)
        key = (owner, item.year, item.is_fiscal_year)
        if key in planned:
            if planned[key] != values:
                item.table.fail(
                    item.index,
                    "salary",
                    _("Another row gives a different salary for this officer and year."),
                )
            else:
                counts.skipped += 1
            continue
        planned[key] = values
        existing = None if officer.new is not None else plan.salaries.get(key)
        if existing is None:
            plan.new_salaries.append((officer.target, item.year, item.is_fiscal_year, *values))
            counts.created += 1
        elif existing[1:] != values:
            plan.changed_salaries[existing[0]] = (existing[0], *values)
            counts.updated += 1
        else:
            counts.skipped += 1


def plan_links(plan: Plan) -> None:
    counts = plan.counts["links"]
    seen: set[tuple] = set()
    for item in plan.incoming.links:
        if item.table.failed(item.index):
            continue
        if any(o.failed or o.target is None for o in item.officers):
            item.table.fail(
                item.index, "officer_ids", _("One of its officers could not be imported.")
            )
            continue
        values = (item.link_type, item.title, item.description, item.author)
        for officer in item.officers:
            owner = officer.pk if officer.new is None else officer
            if (owner, item.url) in seen:
                counts.skipped += 1
                continue
            seen.add((owner, item.url))
            existing = None if officer.new is not None else plan.links.get((owner, item.url))
            if existing is None:
                plan.new_links.append((officer.target, item.url, *values))
                counts.created += 1
            elif existing[1:] != values:
                plan.changed_links[existing[0]] = (existing[0], *values)
                counts.updated += 1
            else:
                counts.skipped += 1
