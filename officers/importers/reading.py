"""Turn parsed rows of either format into incoming officers, assignments, salaries and links."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from officers.importers import parsing as p
from officers.models import search_key


@dataclass(eq=False)
class IncomingOfficer:
    row: p.Row
    department_id: int | None
    ref: str = ""
    values: dict = field(default_factory=dict)
    badges: set[str] = field(default_factory=set)
    existing_pk: int | None = None  # a child row named an existing officer directly
    target: object = None
    created: bool = False

    @property
    def failed(self) -> bool:
        return bool(self.row.problems)

    @property
    def name_key(self) -> tuple[str, str]:
        return (
            search_key(self.values.get("first_name", "")),
            search_key(self.values.get("last_name", "")),
        )


@dataclass(eq=False)
class IncomingAssignment:
    row: p.Row
    officer: IncomingOfficer
    pk: int | None = None
    badge_number: str = ""
    rank_name: str = ""
    unit_ref: str = ""
    unit_name: str = ""
    start_date: object = None
    end_date: object = None


@dataclass(eq=False)
class IncomingSalary:
    row: p.Row
    officer: IncomingOfficer
    salary: object = None
    overtime_pay: object = None
    year: int | None = None
    is_fiscal_year: bool = False


@dataclass(eq=False)
class IncomingLink:
    row: p.Row
    officers: list[IncomingOfficer]
    url: str = ""
    link_type: str = "link"
    title: str = ""
    description: str = ""
    author: str = ""


@dataclass
class Incoming:
    officers: list[IncomingOfficer] = field(default_factory=list)
    assignments: list[IncomingAssignment] = field(default_factory=list)
    salaries: list[IncomingSalary] = field(default_factory=list)
    links: list[IncomingLink] = field(default_factory=list)
    rows: list[p.Row] = field(default_factory=list)
    problems: list[p.Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _department_id(row: p.Row, default_department) -> int | None:
    """The row's department: its department_id column, else the one chosen for the import."""
    given = row.read("department_id", p.parse_int)
    if default_department is None:
        if given is None and not row.text("department_id"):
            row.fail("department_id", _("Which department? Fill in department_id or choose one."))
        return given
    if given is not None and given != default_department.pk:
        named = row.text("department_name")
        if named and named.casefold() == default_department.name.casefold():
            return default_department.pk
        row.fail(
            "department_id",
            _("This row is for department %(given)s, not %(chosen)s (%(name)s).")
            % {"given": given, "chosen": default_department.pk, "name": default_department.name},
        )
    return default_department.pk


def _officer_values(row: p.Row) -> dict:
    values = {
        "first_name": row.read("first_name", p.text_limit, limit=120),
        "last_name": row.read("last_name", p.text_limit, limit=120),
        "middle_name": row.read("middle_initial", p.text_limit, limit=120),
        "suffix": row.read("suffix", p.text_limit, limit=20),
        "race": row.read("race", p.parse_race),
        "gender": row.read("gender", p.parse_gender),
        "employment_date": row.read("employment_date", p.parse_date),
        "birth_year": row.read("birth_year", p.parse_year),
        "internal_id": row.read("unique_internal_identifier", p.text_limit, limit=100),
    }
    if not row.text("last_name"):
        row.fail("last_name", _("Every officer needs a last name."))
    return {name: value for name, value in values.items() if value not in (None, "")}


def _assignment(row: p.Row, officer: IncomingOfficer, *, wide: bool) -> IncomingAssignment | None:
    columns = ("star_no", "job_title", "unit_id", "unit_name", "start_date", "resign_date")
    if not any(row.text(column) for column in columns):
        return None
    assignment = IncomingAssignment(
        row=row,
        officer=officer,
        pk=None if wide else row.read("id", p.parse_int) if row.text("id").isdigit() else None,
        badge_number=row.read("star_no", p.text_limit, limit=50) or "",
        rank_name=row.read("job_title", p.text_limit, limit=255) or "",
        unit_ref=row.text("unit_id"),
        unit_name=row.read("unit_name", p.text_limit, limit=255) or "",
        start_date=row.read("start_date", p.parse_date),
        end_date=row.read("resign_date", p.parse_date),
    )
    if assignment.start_date and assignment.end_date and assignment.end_date < assignment.start_date:
        row.fail("resign_date", _("The end date is before the start date."))
    if assignment.badge_number:
        officer.badges.add(search_key(assignment.badge_number))
    return assignment


def _salary(row: p.Row, officer: IncomingOfficer, *, wide: bool) -> IncomingSalary | None:
    amount_column = "salary"
    year_column = "salary_year" if wide else "year"
    fiscal_column = "salary_is_fiscal_year" if wide else "is_fiscal_year"
    if wide and not any(row.text(c) for c in (amount_column, year_column, "overtime_pay")):
        return None
    salary = IncomingSalary(
        row=row,
        officer=officer,
        salary=row.read(amount_column, p.parse_money),
        overtime_pay=row.read("overtime_pay", p.parse_money),
        year=row.read(year_column, p.parse_year),
        is_fiscal_year=bool(row.read(fiscal_column, p.parse_bool)),
    )
    if not row.text(amount_column):
        row.fail(amount_column, _("A salary row needs the salary."))
    if not row.text(year_column):
        row.fail(year_column, _("A salary row needs the year."))
    return salary


def read_wide(name: str, content, *, department) -> Incoming:
    """OpenOversight's bulk-add-officers CSV; rows of one officer are gathered by internal id,
    or by name and badge."""
    incoming = Incoming()
    rows, problems, notices = p.read_csv(name, content, known=[*p.WIDE_COLUMNS, "department_name"])
    incoming.problems += problems
    incoming.notices += notices
    incoming.rows = rows
    by_key: dict[tuple, IncomingOfficer] = {}
    for row in rows:
        if row.problems:
            continue
        department_id = _department_id(row, department)
        values = _officer_values(row)
        if "internal_id" in values:
            key = (department_id, "id", values["internal_id"].casefold())
        else:
            key = (
                department_id,
                "name",
                search_key(values.get("first_name", "")),
                search_key(values.get("last_name", "")),
                search_key(row.text("star_no")),
            )
        officer = by_key.get(key)
        if officer is None:
            officer = IncomingOfficer(row=row, department_id=department_id, values=values)
            by_key[key] = officer
            incoming.officers.append(officer)
        elif officer.failed:
            row.fail("", _("Row %(row)d of this officer has a problem.") % {"row": officer.row.number})
            continue
        else:
            officer.values.update(values)
        if assignment := _assignment(row, officer, wide=True):
            incoming.assignments.append(assignment)
        if salary := _salary(row, officer, wide=True):
            incoming.salaries.append(salary)
        if row.problems and officer.row is not row:
            # A later row of the same officer is broken: the officer fails with it.
            officer.row.problems.append(
                p.Problem(officer.row.file, officer.row.number, "", _("Another row of this officer (row %(row)d) has a problem.") % {"row": row.number})
            )
    return incoming


def read_advanced(files: dict[str, bytes | str], *, department) -> Incoming:
    """OpenOversight's advanced import: officers, assignments, salaries, links (+ incidents)."""
    incoming = Incoming()
    refs: dict[str, IncomingOfficer] = {}
    direct: dict[int, IncomingOfficer] = {}

    def load(kind: str, known: list[str]) -> list[p.Row]:
        if kind not in files:
            return []
        name = f"{kind}.csv"
        rows, problems, notices = p.read_csv(name, files[kind], known=known)
        incoming.problems.extend(problems)
        incoming.notices.extend(notices)
        incoming.rows.extend(rows)
        return rows

    for row in load("officers", [*p.OFFICER_COLUMNS, "department_name"]):
        if row.problems:
            continue
        ref = row.text("id")
        department_id = _department_id(row, department)
        officer = IncomingOfficer(row=row, department_id=department_id, ref=ref, values=_officer_values(row))
        if not ref:
            row.fail("id", _("Every officer needs an id (an existing id, or #1, #2… for new ones)."))
        elif ref in refs:
            row.fail("id", _("The id %(id)s appears twice (first on row %(row)d).") % {"id": ref, "row": refs[ref].row.number})
        else:
            refs[ref] = officer
        incoming.officers.append(officer)

    def officer_for(row: p.Row, column: str, ref: str) -> IncomingOfficer | None:
        if ref in refs:
            return refs[ref]
        if ref.isdigit():
            # An officer already in the database, not repeated in officers.csv.
            if int(ref) not in direct:
                direct[int(ref)] = IncomingOfficer(
                    row=p.Row(row.file, row.number, {}),
                    department_id=department.pk if department else None,
                    ref=ref,
                    existing_pk=int(ref),
                )
            return direct[int(ref)]
        row.fail(column, _("No officer with id %(id)s in officers.csv.") % {"id": ref})
        return None

    for row in load("assignments", p.ASSIGNMENT_COLUMNS):
        if row.problems:
            continue
        if not row.text("officer_id"):
            row.fail("officer_id", _("Which officer? officer_id is empty."))
            continue
        officer = officer_for(row, "officer_id", row.text("officer_id"))
        if officer is not None:
            if assignment := _assignment(row, officer, wide=False):
                incoming.assignments.append(assignment)

    for row in load("salaries", p.SALARY_COLUMNS):
        if row.problems:
            continue
        if not row.text("officer_id"):
            row.fail("officer_id", _("Which officer? officer_id is empty."))
            continue
        officer = officer_for(row, "officer_id", row.text("officer_id"))
        if officer is not None:
            incoming.salaries.append(_salary(row, officer, wide=False))

    for row in load("links", p.LINK_COLUMNS):
        if row.problems:
            continue
        officers = [officer_for(row, "officer_ids", ref) for ref in p.split_ids(row.text("officer_ids"))]
        officers = [officer for officer in officers if officer is not None]
        if not row.text("url"):
            row.fail("url", _("A link needs its URL."))
        if not officers and not row.problems:
            if row.text("incident_ids"):
                incoming.notices.append(
                    _("links.csv, row %(row)d: links to incidents only are not imported.") % {"row": row.number}
                )
                continue
            row.fail("officer_ids", _("Which officers? officer_ids is empty."))
        incoming.links.append(
            IncomingLink(
                row=row,
                officers=officers,
                url=row.read("url", p.parse_url) or "",
                link_type=row.read("link_type", p.parse_link_type) or "link",
                title=row.read("title", p.text_limit, limit=300) or "",
                description=row.text("description"),
                author=row.read("author", p.text_limit, limit=255) or "",
            )
        )

    if files.get("incidents"):
        rows, _problems, _notices = p.read_csv("incidents.csv", files["incidents"], known=[])
        incoming.notices.append(
            _(
                "incidents.csv: %(count)d row(s) skipped. OpenOversight incidents (street "
                "addresses, report numbers) are not imported; add incidents through the "
                "incidents section instead."
            )
            % {"count": len(rows)}
        )
    incoming.officers.extend(direct.values())
    return incoming
