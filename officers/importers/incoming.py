"""What an import read: officers, assignments, salaries and links, each tied to its file and row."""

from dataclasses import dataclass, field

from officers.importers import parsing as p


@dataclass(eq=False, slots=True)
class IncomingOfficer:
    # The row that describes it; for an officer named only by id in another file, that row.
    table: p.Table
    index: int
    department_id: int | None
    ref: str = ""
    values: dict = field(default_factory=dict)
    badges: set[str] = field(default_factory=set)  # search keys of its badges, to match on
    existing_pk: int | None = None  # a child row named an existing officer directly
    # Problems of an officer named directly: its own, not those of the row that named it.
    own_problems: list[p.Problem] = field(default_factory=list)
    pk: int | None = None  # the existing officer it was matched to
    new: object = None  # the Officer it creates

    @property
    def failed(self) -> bool:
        if self.existing_pk:
            return bool(self.own_problems)
        return self.table.failed(self.index)

    def fail(self, column: str, message: str) -> None:
        if self.existing_pk:
            self.own_problems.append(p.Problem(self.table.file, self.number, column, message))
        else:
            self.table.fail(self.index, column, message)

    @property
    def number(self) -> int:
        return self.table.numbers[self.index]

    @property
    def target(self):
        """What rows about this officer point at: the new Officer, or the existing one's pk."""
        return self.new if self.new is not None else self.pk


@dataclass(eq=False, slots=True)
class IncomingAssignment:
    table: p.Table
    index: int
    officer: IncomingOfficer
    pk: int | None = None
    badge_number: str = ""
    badge_key: str = ""
    rank_name: str = ""
    rank_id: int | None = None  # job_id: an existing rank of the department
    unit_ref: str = ""
    unit_name: str = ""
    start_date: object = None
    end_date: object = None


@dataclass(eq=False, slots=True)
class IncomingSalary:
    table: p.Table
    index: int
    officer: IncomingOfficer
    salary: object = None
    overtime_pay: object = None
    year: int | None = None
    is_fiscal_year: bool = False


@dataclass(eq=False, slots=True)
class IncomingLink:
    table: p.Table
    index: int
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
    tables: list[p.Table] = field(default_factory=list)
    problems: list[p.Problem] = field(default_factory=list)  # about a whole file
    notices: list[str] = field(default_factory=list)

    def read(self, name: str, content, known: list[str]) -> p.Table:
        table, problems, notices = p.read_table(name, content, known=known)
        self.tables.append(table)
        self.problems += problems
        self.notices += notices
        return table
