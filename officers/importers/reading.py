"""Turn the tables of either format into incoming officers, assignments, salaries and links.

Cells are parsed a column at a time (see `parsing.Table`); what ties rows together (which
officer a row belongs to, a row's own checks) is then worked out row by row.
"""

from django.utils.translation import gettext as _

from officers.importers import parsing as p
from officers.importers.incoming import (
    Incoming,
    IncomingAssignment,
    IncomingLink,
    IncomingOfficer,
    IncomingSalary,
)
from officers.models import search_key


def _keys(values) -> dict[str, str]:
    """search_key of each distinct value (names and badges repeat across rows)."""
    return {value: search_key(value) for value in set(values) if value}


def _department_ids(table: p.Table, default_department) -> list[int | None]:
    """Each row's department: its department_id column, else the one chosen for the import.

    department_name / department_state (OpenOversight's advanced import has them instead of an
    id) must agree with that department: a file for another department is refused, not moved.
    """
    given = table.parse("department_id", p.parse_id)
    texts = table.cells("department_id")
    names, states = table.cells("department_name"), table.cells("department_state")
    if default_department is None:
        for index, text in enumerate(texts):
            if not text and index not in table.broken:
                table.fail(
                    index,
                    "department_id",
                    _("Which department? Fill in department_id or choose one."),
                )
        return given
    chosen = default_department.pk
    name_key = default_department.name.casefold()
    # Our states are ISO 3166-2 ("USA-IL"); OpenOversight writes the postal code ("IL").
    state_key = (default_department.state or "").casefold().removeprefix("usa-")
    for index, number in enumerate(given):
        name, state = names[index], states[index]
        if name and name.casefold() != name_key:
            table.fail(
                index,
                "department_name",
                _("This row is for “%(given)s”, not %(name)s: import it into that department.")
                % {"given": name, "name": default_department.name},
            )
        elif state and state.casefold().removeprefix("usa-") != state_key:
            table.fail(
                index,
                "department_state",
                _("This row is for a department in %(given)s, not %(state)s.")
                % {"given": state, "state": default_department.state},
            )
        elif number is not None and number != chosen and not name:
            table.fail(
                index,
                "department_id",
                _("This row is for department %(given)s, not %(chosen)s (%(name)s).")
                % {"given": number, "chosen": chosen, "name": default_department.name},
            )
    return [chosen] * len(table)


def _officer_values(table: p.Table) -> list[dict]:
    """Each row's officer fields that are filled in."""
    names = [name for name, *_rest in p.OFFICER_CELLS]
    columns = [
        table.parse(column, parser, **kwargs) for _name, column, parser, kwargs in p.OFFICER_CELLS
    ]
    for index, last_name in enumerate(table.cells("last_name")):
        if not last_name and index not in table.broken:
            table.fail(index, "last_name", _("Every officer needs a last name."))
    return [
        {
            name: value
            for name, value in zip(names, values, strict=True)
            if value is not None and value != ""
        }
        for values in zip(*columns, strict=True)
    ]


def _assignment_reader(table: p.Table, *, wide: bool):
    """A function giving the assignment in row `index` of `table` for an officer (None if the
    row has none); the table's cells are parsed once, here."""
    assignment_cells = (table.cells(column) for column in p.ASSIGNMENT_CELLS)
    filled = [any(cells) for cells in zip(*assignment_cells, strict=True)]
    ids = table.cells("id")
    badges = table.parse("star_no", p.parse_badge, limit=50)
    badge_keys = _keys(badges)
    ranks = table.parse("job_title", p.text_limit, limit=255)
    rank_ids = table.parse("job_id", p.parse_id)
    unit_refs = [p.BADGE_FLOAT.sub(r"\1", ref) for ref in table.cells("unit_id")]
    unit_names = table.parse("unit_name", p.text_limit, limit=255)
    starts = table.parse("start_date", p.parse_date)
    ends = table.parse("resign_date", p.parse_date)

    def assignment(index: int, officer: IncomingOfficer) -> IncomingAssignment | None:
        if not filled[index]:
            return None
        start, end = starts[index], ends[index]
        if start and end and end < start:
            table.fail(index, "resign_date", _("The end date is before the start date."))
        badge = badges[index] or ""
        if badge:
            officer.badges.add(badge_keys[badge])
        pk = None if wide or not ids[index].isdecimal() else int(ids[index])
        return IncomingAssignment(
            table,
            index,
            officer,
            pk,
            badge,
            badge_keys.get(badge, ""),
            ranks[index] or "",
            rank_ids[index],
            unit_refs[index],
            unit_names[index] or "",
            start,
            end,
        )

    return assignment


def _salary_reader(table: p.Table, *, wide: bool):
    """A function giving the salary in row `index` of `table` for an officer (None if the row
    has none); the table's cells are parsed once, here."""
    year_column = "salary_year" if wide else "year"
    fiscal_column = "salary_is_fiscal_year" if wide else "is_fiscal_year"
    amount_texts, year_texts = table.cells("salary"), table.cells(year_column)
    overtime_texts = table.cells("overtime_pay")
    amounts = table.parse("salary", p.parse_money)
    overtimes = table.parse("overtime_pay", p.parse_money)
    years = table.parse(year_column, p.parse_year)
    fiscal = table.parse(fiscal_column, p.parse_bool)

    def salary(index: int, officer: IncomingOfficer) -> IncomingSalary | None:
        if wide and not (amount_texts[index] or year_texts[index] or overtime_texts[index]):
            return None
        if not amount_texts[index]:
            table.fail(index, "salary", _("A salary row needs the salary."))
        if not year_texts[index]:
            table.fail(index, year_column, _("A salary row needs the year."))
        return IncomingSalary(
            table,
            index,
            officer,
            amounts[index],
            overtimes[index],
            years[index],
            bool(fiscal[index]),
        )

    return salary


def _refuse_unidentifiable(incoming: Incoming, table: p.Table, badges: list, by_name: bool) -> None:
    """OpenOversight's safeguard: an officer is known again by its unique internal identifier
    or its badge; a row with neither would become a new officer on every import. Matching by
    name alone is the curator's explicit choice (--update-by-name)."""
    if by_name:
        return
    internal_ids = table.cells("unique_internal_identifier")
    if not table.has("star_no") and not table.has("unique_internal_identifier"):
        incoming.problems.append(
            p.Problem(
                table.file,
                1,
                "",
                _(
                    "The file has neither star_no nor unique_internal_identifier: officers "
                    "could not be recognised on the next import. Add one, or match by name "
                    "(--update-by-name)."
                ),
            )
        )
        return
    for index, badge in enumerate(badges):
        if not badge and not internal_ids[index] and index not in table.broken:
            table.fail(
                index,
                "star_no",
                _(
                    "Neither a badge number nor a unique internal identifier: fill in one "
                    "(or match by name with --update-by-name)."
                ),
            )


def read_wide(name: str, content, *, department, by_name: bool = False) -> Incoming:
    """OpenOversight's bulk-add-officers CSV; rows of one officer are gathered by internal id,
    or by name and badge."""
    incoming = Incoming()
    table = incoming.read(name, content, [*p.WIDE_COLUMNS, "department_name", "department_state"])
    department_ids = _department_ids(table, department)
    all_values = _officer_values(table)
    assignment, salary = _assignment_reader(table, wide=True), _salary_reader(table, wide=True)
    badges = table.parse("star_no", p.parse_badge, limit=50)
    keys = _keys(badges)
    _refuse_unidentifiable(incoming, table, badges, by_name)
    by_key: dict[tuple, IncomingOfficer] = {}
    for index, values in enumerate(all_values):
        if index in table.broken:
            continue
        department_id = department_ids[index]
        if "internal_id" in values:
            key = (department_id, "id", values["internal_id"].casefold())
        else:
            first, last = (
                search_key(values.get("first_name", "")),
                search_key(values.get("last_name", "")),
            )
            # Two people of one name can hold one badge (badges are reissued): rows of one
            # officer also agree on birth year and hire date.
            key = (
                department_id,
                "name",
                first,
                last,
                keys.get(badges[index], ""),
                values.get("birth_year"),
                values.get("employment_date"),
            )
        officer = by_key.get(key)
        if officer is None:
            officer = IncomingOfficer(table, index, department_id, values=values)
            by_key[key] = officer
            incoming.officers.append(officer)
        elif officer.failed:
            table.fail(
                index,
                "",
                _("Row %(row)d of this officer has a problem.")
                % {"row": table.numbers[officer.index]},
            )
            continue
        else:
            officer.values.update(values)
        if found := assignment(index, officer):
            incoming.assignments.append(found)
        if found := salary(index, officer):
            incoming.salaries.append(found)
        if table.failed(index) and officer.index != index:
            # A later row of the same officer is broken: the officer fails with it.
            officer.fail(
                "",
                _("Another row of this officer (row %(row)d) has a problem.")
                % {"row": table.numbers[index]},
            )
    return incoming


def read_advanced(files: dict[str, bytes | str], *, department, by_name: bool = False) -> Incoming:
    """OpenOversight's advanced import: officers, assignments, salaries, links (+ incidents)."""
    reader = AdvancedReader(files, department=department, by_name=by_name)
    incoming = reader.read_officers()
    reader.read_rest()
    return incoming


class AdvancedReader:
    """The advanced import's files read in two stages: `read_officers` (officers.csv and
    assignments.csv, all that decides which officers are written and with which badges), then
    `read_rest` (salaries, links and the files only reported). The engine writes the officers
    while the rest is read (see `engine.run_import`)."""

    def __init__(self, files: dict[str, bytes | str], *, department, by_name: bool = False):
        self.files = files
        self.department = department
        self.by_name = by_name
        self.incoming = Incoming()
        self.refs: dict[str, IncomingOfficer] = {}
        # Officers already in the database that a child row names by id, not in officers.csv.
        self.direct: dict[int, IncomingOfficer] = {}

    def _load(self, kind: str, known: list[str]) -> p.Table:
        if kind not in self.files:
            return p.Table(f"{kind}.csv", {}, [])
        return self.incoming.read(f"{kind}.csv", self.files[kind], known)

    def read_officers(self) -> Incoming:
        """officers.csv and assignments.csv; the officers they name, each once."""
        incoming, refs = self.incoming, self.refs
        table = self._load(
            "officers",
            [*p.OFFICER_COLUMNS, "department_name", "department_state", *p.DOWNLOAD_ONLY],
        )
        department_ids = _department_ids(table, self.department)
        all_values = _officer_values(table)
        for index, ref in enumerate(table.cells("id")):
            if index in table.broken:
                continue
            officer = IncomingOfficer(table, index, department_ids[index], ref, all_values[index])
            if not ref:
                pass  # a new officer that no other file refers to
            elif ref in refs:
                first = refs[ref]
                table.fail(
                    index,
                    "id",
                    _("The id %(id)s appears twice (first on row %(row)d).")
                    % {"id": ref, "row": table.numbers[first.index]},
                )
            else:
                refs[ref] = officer
            incoming.officers.append(officer)
        self._read_children("assignments", incoming.assignments)
        if not self.by_name:
            _refuse_unidentified_officers(incoming)
        incoming.officers.extend(self.direct.values())
        return incoming

    def read_rest(self) -> bool:
        """salaries.csv, links.csv and the notices about files not imported. True when they
        named an existing officer by id that officers.csv and assignments.csv did not (it
        joins `incoming.officers`; what was planned without it must be planned again)."""
        incoming = self.incoming
        known = len(self.direct)
        self._read_children("salaries", incoming.salaries)
        _read_links(self._load("links", p.LINK_COLUMNS), incoming, self._officer_for)
        for kind in ("descriptions", "incidents"):
            if self.files.get(kind):
                table, _problems, _notices = p.read_table(f"{kind}.csv", self.files[kind], known=[])
                incoming.notices.append(_not_imported(kind, len(table)))
        added = list(self.direct.values())[known:]
        incoming.officers.extend(added)
        return bool(added)

    def _officer_for(
        self, table: p.Table, index: int, column: str, ref: str
    ) -> IncomingOfficer | None:
        if ref in self.refs:
            return self.refs[ref]
        if ref.isdecimal():
            # An officer already in the database, not repeated in officers.csv.
            if int(ref) not in self.direct:
                self.direct[int(ref)] = IncomingOfficer(
                    table,
                    index,
                    self.department.pk if self.department else None,
                    ref,
                    existing_pk=int(ref),
                )
            return self.direct[int(ref)]
        table.fail(index, column, _("No officer with id %(id)s in officers.csv.") % {"id": ref})
        return None

    def _read_children(self, kind: str, collect: list) -> None:
        known = p.ASSIGNMENT_COLUMNS if kind == "assignments" else p.SALARY_COLUMNS
        table = self._load(kind, known)
        make = (_assignment_reader if kind == "assignments" else _salary_reader)(table, wide=False)
        for index, ref in enumerate(table.cells("officer_id")):
            if index in table.broken:
                continue
            if not ref:
                table.fail(index, "officer_id", _("Which officer? officer_id is empty."))
                continue
            officer = self._officer_for(table, index, "officer_id", ref)
            if officer is not None and (found := make(index, officer)):
                collect.append(found)


def _not_imported(kind: str, count: int) -> str:
    if kind == "descriptions":
        return _(
            "descriptions.csv: %(count)d row(s) skipped. Officer descriptions are written "
            "on the officer's page here, not imported."
        ) % {"count": count}
    return _(
        "incidents.csv: %(count)d row(s) skipped. OpenOversight incidents (street "
        "addresses, report numbers) are not imported; add incidents through the "
        "incidents section instead."
    ) % {"count": count}


def _refuse_unidentified_officers(incoming: Incoming) -> None:
    """The safeguard of the wide format, for officers.csv: a new officer (blank or #N id)
    without a unique internal identifier or a badge in assignments.csv could not be told apart
    from the same person on the next import."""
    for officer in incoming.officers:
        if (
            officer.existing_pk is None
            and not officer.ref.isdecimal()
            and "internal_id" not in officer.values
            and not officer.badges
            and not officer.failed
        ):
            officer.fail(
                "unique_internal_identifier",
                _(
                    "Neither a unique internal identifier nor a badge number (in "
                    "assignments.csv): fill in one (or match by name with --update-by-name)."
                ),
            )


def _read_links(table: p.Table, incoming: Incoming, officer_for) -> None:
    """Links are few: read row by row, so a link to incidents only is skipped before its cells
    are checked."""

    def cell(index: int, column: str, parser, **kwargs):
        value = table.cells(column)[index]
        if not value:
            return None
        try:
            return parser(value, **kwargs)
        except p.CellError as error:
            table.fail(index, column, str(error))
            return None

    for index, refs in enumerate(table.cells("officer_ids")):
        if index in table.broken:
            continue
        officers = [officer_for(table, index, "officer_ids", ref) for ref in p.split_ids(refs)]
        officers = [officer for officer in officers if officer is not None]
        if not table.cells("url")[index]:
            table.fail(index, "url", _("A link needs its URL."))
        if not officers and not table.failed(index):
            if table.cells("incident_ids")[index]:
                incoming.notices.append(
                    _("links.csv, row %(row)d: links to incidents only are not imported.")
                    % {"row": table.numbers[index]}
                )
                continue
            table.fail(index, "officer_ids", _("Which officers? officer_ids is empty."))
        incoming.links.append(
            IncomingLink(
                table,
                index,
                officers,
                url=cell(index, "url", p.parse_url) or "",
                link_type=cell(index, "link_type", p.parse_link_type) or "link",
                title=cell(index, "title", p.text_limit, limit=300) or "",
                description=table.cells("description")[index],
                author=cell(index, "author", p.text_limit, limit=255) or "",
            )
        )
