"""Match incoming rows to the database and work out what to create and update.

Matching follows the one rule in `officers.matching` (internal id, then the file's own id,
then name and badge), which misconduct reports use too. Everything the import needs
is loaded up front in a handful of queries, as plain values rather than model instances, so
the number of queries does not grow with the number of rows and a big roster plans quickly.

New officers, ranks and units are unsaved model instances (the model fills their defaults and
search columns); the many assignment, salary and link rows are tuples in the order of
ASSIGNMENT_COLUMNS, SALARY_COLUMNS and LINK_COLUMNS, whose officer, rank and unit are either a
pk or the new instance, which has its pk once written.
"""

import functools
from collections import defaultdict

from django.utils.translation import gettext as _

from core.models import PublicationStatus
from officers.importers import parsing as p
from officers.importers.incoming import Incoming, IncomingOfficer
from officers.matching import AmbiguousOfficer, Roster, internal_id_key
from officers.models import Assignment, Department, Link, Officer, Rank, Salary, Unit

CHUNK = 5000
OFFICER_FIELDS = [field for field, *_rest in p.OFFICER_CELLS]
# What OpenOversight calls an officer's static fields: changed by a later import only when the
# curator says so (--update-static-fields), since a roster's typo would otherwise rename people.
STATIC_FIELDS = set(OFFICER_FIELDS) - {"internal_id"}
UNKNOWN = "unknown"
EMPTY = (None, "", UNKNOWN)
CELL_OF_FIELD = {field: column for field, column, *_rest in p.OFFICER_CELLS}
ASSIGNMENT_FIELDS = ["badge_number", "rank_id", "unit_id", "start_date", "end_date"]
ASSIGNMENT_COLUMNS = ["officer_id", *ASSIGNMENT_FIELDS]
SALARY_COLUMNS = ["officer_id", "year", "is_fiscal_year", "salary", "overtime_pay"]
LINK_FIELDS = ["link_type", "title", "description", "author"]
LINK_COLUMNS = ["officer_id", "url", *LINK_FIELDS]


_key = internal_id_key


def in_chunks(ids) -> list[list[int]]:
    ids = list(ids)
    return [ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK)]


class Plan:
    """What the import will create and update, worked out before anything is written."""

    def __init__(self, incoming: Incoming, options, counts: dict):
        self.incoming = incoming
        self.options = options
        self.counts = counts
        # Ranks and units repeat across rows: each distinct one is normalised once.
        self.name_key = functools.cache(_key)
        self.new_ranks: dict[tuple[int, str], Rank] = {}
        self.new_units: dict[tuple[int, str], Unit] = {}
        self.new_officers: list[IncomingOfficer] = []
        self.new_internal_ids: dict[tuple[int, str], IncomingOfficer] = {}
        self.changed_officers: dict[int, Officer] = {}
        self.changed_officer_fields: set[str] = set()
        self.new_assignments: list[tuple] = []
        self.changed_assignments: dict[int, tuple] = {}
        self.new_salaries: list[tuple] = []
        self.changed_salaries: dict[int, tuple] = {}
        self.new_links: list[tuple] = []
        self.changed_links: dict[int, tuple] = {}
        # Badge numbers planned for each new officer, and existing officers whose badges change.
        self.new_badges: dict[IncomingOfficer, set[str]] = defaultdict(set)
        self.touched_officer_ids: set[int] = set()
        # Changes not made (static fields without --update-static-fields): reported, not errors.
        self.warnings: list[p.Problem] = []
        # New officers are made as Django loads rows (see _new_officer): every field's value in
        # order, from this template of the import's own values.
        template = Officer(
            publication_status=PublicationStatus.PUBLISHED
            if options.publish
            else PublicationStatus.DRAFT,
            dataset=options.dataset,
            source_url=options.source_url,
        )
        fields = Officer._meta.concrete_fields
        self._officer_template = [getattr(template, f.attname) for f in fields]
        self._officer_slots = {f.attname: index for index, f in enumerate(fields)}
        self._officer_made = [
            (index, f.get_default)
            for index, f in enumerate(fields)
            if f.has_default() and callable(f.default)
        ]

    # --- loading ------------------------------------------------------------------------

    def load(self) -> None:
        officers = self.incoming.officers
        department_ids = {o.department_id for o in officers if o.department_id}
        for chunk in in_chunks(o.existing_pk for o in officers if o.existing_pk):
            department_ids |= set(
                Officer.objects.filter(pk__in=chunk).values_list("department_id", flat=True)
            )
        self.departments = Department.objects.in_bulk(department_ids)
        rows = Officer.objects.filter(department_id__in=department_ids).values_list(
            "pk", "department_id", *OFFICER_FIELDS
        )
        self.roster = Roster()
        for pk, *values in rows:
            self.roster.add_officer(pk, dict(zip(["department_id", *OFFICER_FIELDS], values, strict=True)))
        self.existing = self.roster.officers
        self.by_internal_id = self.roster.by_internal_id
        self.ranks = {
            (r.department_id, _key(r.name)): r
            for r in Rank.objects.filter(department_id__in=department_ids)
        }
        self.units = {
            (u.department_id, _key(u.name)): u
            for u in Unit.objects.filter(department_id__in=department_ids)
        }
        self.units_by_pk = {u.pk: u for u in self.units.values()}
        self.ranks_by_pk = {r.pk: r for r in self.ranks.values()}
        rank_keys = {r.pk: key for (_d, key), r in self.ranks.items()}
        unit_keys = {u.pk: key for (_d, key), u in self.units.items()}
        self.next_rank_order = defaultdict(int)
        for rank in self.ranks.values():
            self.next_rank_order[rank.department_id] = max(
                self.next_rank_order[rank.department_id], rank.order + 1
            )

        # Existing assignments, each with the key an incoming one must share to be the same.
        self.assignments_by_officer: dict[int, list[tuple[tuple, tuple]]] = defaultdict(list)
        assignments = Assignment.objects.filter(
            officer__department_id__in=department_ids
        ).values_list("pk", "officer_id", *ASSIGNMENT_FIELDS)
        key = self.roster.key
        for pk, officer_id, badge, rank_id, unit_id, start, end in assignments:
            match = (key(badge), rank_keys.get(rank_id, ""), unit_keys.get(unit_id, ""), start)
            self.assignments_by_officer[officer_id].append(
                (match, (pk, badge, rank_id, unit_id, start, end))
            )
            if badge:
                self.roster.add_badge(officer_id, badge)

    def load_children(self) -> None:
        """Salaries and links of the existing officers the import matched."""
        officer_ids = {o.pk for o in self.incoming.officers if o.pk is not None}
        self.salaries: dict[tuple, tuple] = {}
        self.links: dict[tuple, tuple] = {}
        for chunk in in_chunks(officer_ids):
            salaries = Salary.objects.filter(officer_id__in=chunk).values_list(
                "pk", "officer_id", "year", "is_fiscal_year", "salary", "overtime_pay"
            )
            for pk, officer_id, year, is_fiscal_year, amount, overtime in salaries:
                self.salaries[(officer_id, year, is_fiscal_year)] = (pk, amount, overtime)
            links = Link.objects.filter(officer_id__in=chunk).values_list(
                "pk", "officer_id", "url", *LINK_FIELDS
            )
            for pk, officer_id, url, *values in links:
                self.links[(officer_id, url)] = (pk, *values)

    # --- matching -----------------------------------------------------------------------

    def match_officers(self) -> None:
        allowed = self.options.allowed_department_ids
        claimed: dict[int, IncomingOfficer] = {}
        for incoming in self.incoming.officers:
            if incoming.existing_pk:
                officer = self.existing.get(incoming.existing_pk)
                if officer is None or (
                    incoming.department_id and officer["department_id"] != incoming.department_id
                ):
                    incoming.fail(
                        "officer_id",
                        _("No officer with id %(id)s in this department.")
                        % {"id": incoming.existing_pk},
                    )
                    continue
                incoming.department_id = officer["department_id"]
                incoming.pk = incoming.existing_pk
            if incoming.failed:
                continue
            department = self.departments.get(incoming.department_id)
            if department is None:
                incoming.fail(
                    "department_id",
                    _("No department with id %(id)s.") % {"id": incoming.department_id},
                )
                continue
            if allowed is not None and department.pk not in allowed:
                incoming.fail(
                    "department_id",
                    _("You do not curate %(department)s.") % {"department": department},
                )
                continue
            if incoming.existing_pk:
                continue
            pk = self._find(incoming, claimed)
            if pk is False:
                continue  # _find said why
            if pk is None:
                self._create_officer(incoming)
            elif pk in claimed:
                incoming.fail(
                    "",
                    _("This is the same officer as row %(row)d (officer #%(id)d).")
                    % {"row": claimed[pk].number, "id": pk},
                )
            else:
                claimed[pk] = incoming
                incoming.pk = pk
                self._update_officer(incoming, pk)

    def _find(self, incoming: IncomingOfficer, claimed: dict) -> int | None | bool:
        """The existing officer this one is, None for a new one, False when it cannot tell."""
        values = incoming.values
        try:
            return self.roster.find(
                incoming.department_id,
                first_name=values.get("first_name", ""),
                last_name=values.get("last_name", ""),
                internal_id=values.get("internal_id", ""),
                badges=incoming.badges,
                source_pk=int(incoming.ref) if incoming.ref.isdecimal() else None,
                birth_year=values.get("birth_year"),
                employment_date=values.get("employment_date"),
                by_name=self.options.update_by_name,
                taken=claimed,
            )
        except AmbiguousOfficer as ambiguous:
            incoming.fail(
                "unique_internal_identifier" if not incoming.badges else "star_no",
                _(
                    "Several officers have this name and badge (#%(ids)s): add the unique "
                    "internal identifier to tell them apart."
                )
                % {"ids": ", #".join(map(str, ambiguous.candidates))},
            )
            return False

    def _update_officer(self, incoming: IncomingOfficer, pk: int) -> None:
        counts = self.counts["officers"]
        values = dict(self.existing[pk])
        changed = set()
        for name, value in incoming.values.items():
            current = values[name]
            if current == value:
                continue
            if name in STATIC_FIELDS and current not in EMPTY:
                if value == UNKNOWN:
                    continue  # "Not Sure" does not erase what is known
                if not self.options.update_static_fields:
                    self.warnings.append(
                        p.Problem(
                            incoming.table.file,
                            incoming.number,
                            CELL_OF_FIELD.get(name, name),
                            _(
                                "Officer #%(id)d has %(current)s; this row would change it to "
                                "%(value)s. Unchanged: import with --update-static-fields "
                                "to change it."
                            )
                            % {"id": pk, "current": current, "value": value},
                        )
                    )
                    continue
            if name == "internal_id":
                key = (values["department_id"], _key(value))
                if key in self.new_internal_ids:
                    incoming.fail(
                        "unique_internal_identifier", _("Another row has the same internal id.")
                    )
                    return
                clash = self.by_internal_id.get(key)
                if clash is not None and clash != pk:
                    incoming.fail(
                        "unique_internal_identifier",
                        _("Officer #%(id)d already has this internal id.") % {"id": clash},
                    )
                    return
            values[name] = value
            changed.add(name)
        if changed:
            officer = Officer(pk=pk, **values)
            officer.refresh_search_names()
            self.changed_officers[pk] = officer
            self.changed_officer_fields |= changed
            counts.updated += 1
        else:
            counts.skipped += 1

    def _new_officer(self, department_id: int, values: dict) -> Officer:
        """An unsaved Officer of `values`, made positionally (no keyword handling): about half
        the time of Officer(**values), a quarter of a second less for 32,000 officers. Each gets
        its own value of a default that is a function (its public id)."""
        row = self._officer_template.copy()
        slots = self._officer_slots
        for index, make in self._officer_made:
            row[index] = make()
        row[slots["department_id"]] = department_id
        for name, value in values.items():
            row[slots[name]] = value
        return Officer(*row)

    def _create_officer(self, incoming: IncomingOfficer) -> None:
        officer = self._new_officer(incoming.department_id, incoming.values)
        officer.refresh_search_names()
        internal_id = _key(officer.internal_id)
        if internal_id:
            key = (incoming.department_id, internal_id)
            if key in self.by_internal_id or key in self.new_internal_ids:
                incoming.fail(
                    "unique_internal_identifier", _("Another row has the same internal id.")
                )
                return
            self.new_internal_ids[key] = incoming
        incoming.new = officer
        self.new_officers.append(incoming)
        self.counts["officers"].created += 1
