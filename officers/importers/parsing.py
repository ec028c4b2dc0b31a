"""Reading OpenOversight-format CSV files into plain rows, with a precise error per bad cell.

Two formats:
- the wide `bulk-add-officers` CSV: one row per officer (or per officer and assignment), with
  the badge, job title, unit and a salary on the same row;
- the advanced import: officers.csv, assignments.csv, salaries.csv, links.csv (and
  incidents.csv, which is reported and skipped), tied together by the officers' `id` column.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from officers.models import Gender, LinkType, Race

# A cell our exporter neutralised (a leading apostrophe before = + - @ tab CR) reads back as
# the original text.
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")

WIDE_COLUMNS = [
    "department_id",
    "unique_internal_identifier",
    "first_name",
    "last_name",
    "middle_initial",
    "suffix",
    "gender",
    "race",
    "employment_date",
    "birth_year",
    "star_no",
    "job_title",
    "unit_id",
    "start_date",
    "resign_date",
    "salary",
    "salary_year",
    "salary_is_fiscal_year",
    "overtime_pay",
]
OFFICER_COLUMNS = [
    "id",
    "department_id",
    "last_name",
    "first_name",
    "middle_initial",
    "suffix",
    "race",
    "gender",
    "employment_date",
    "birth_year",
    "unique_internal_identifier",
]
ASSIGNMENT_COLUMNS = [
    "id",
    "officer_id",
    "star_no",
    "job_title",
    "unit_id",
    "unit_name",
    "start_date",
    "resign_date",
]
SALARY_COLUMNS = ["id", "officer_id", "salary", "overtime_pay", "year", "is_fiscal_year"]
LINK_COLUMNS = [
    "id",
    "officer_ids",
    "incident_ids",
    "title",
    "description",
    "url",
    "link_type",
    "author",
]
# Other spellings seen in the wild → the canonical column.
ALIASES = {
    "middle_name": "middle_initial",
    "badge": "star_no",
    "badge_number": "star_no",
    "internal_id": "unique_internal_identifier",
    "rank": "job_title",
    "end_date": "resign_date",
    "unit_description": "unit_name",
    "unit": "unit_name",
    "overtime": "overtime_pay",
    "fiscal_year": "salary_is_fiscal_year",
}

RACES = {
    "black": Race.BLACK,
    "african american": Race.BLACK,
    "white": Race.WHITE,
    "asian": Race.ASIAN,
    "hispanic": Race.HISPANIC,
    "latino": Race.HISPANIC,
    "hispanic or latino": Race.HISPANIC,
    "native american": Race.NATIVE_AMERICAN,
    "native_american": Race.NATIVE_AMERICAN,
    "american indian": Race.NATIVE_AMERICAN,
    "pacific islander": Race.PACIFIC_ISLANDER,
    "pacific_islander": Race.PACIFIC_ISLANDER,
    "other": Race.OTHER,
    "not sure": Race.UNKNOWN,
    "unknown": Race.UNKNOWN,
    "not known": Race.UNKNOWN,
}
GENDERS = {
    "m": Gender.MALE,
    "male": Gender.MALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
    "other": Gender.OTHER,
    "not sure": Gender.UNKNOWN,
    "unknown": Gender.UNKNOWN,
    "not known": Gender.UNKNOWN,
}
TRUE = {"true", "t", "yes", "y", "1"}
FALSE = {"false", "f", "no", "n", "0"}
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d", "%m/%d/%y")


class CellError(ValueError):
    """A value that cannot be read; the message says what was expected."""


@dataclass
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass(eq=False)
class Row:
    """One data row: its file, its line number (the header is row 1) and its cells."""

    file: str
    number: int
    cells: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def read(self, column: str, parser, **kwargs):
        """Parse one cell; a bad one is recorded against this row and reads as None."""
        value = self.cells.get(column, "")
        if value == "":
            return None
        try:
            return parser(value, **kwargs)
        except CellError as error:
            self.problems.append(Problem(self.file, self.number, column, str(error)))
            return None

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.number, column, message))


def read_csv(name: str, content: bytes | str, *, known: list[str]) -> tuple[list[Row], list[Problem], list[str]]:
    """Rows of a CSV file, file-level problems, and notices (unknown columns)."""
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [Problem(name, 0, "", _("The file is not UTF-8 text."))], []
    else:
        text = content.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return [], [Problem(name, 0, "", _("The file is empty."))], []
    except csv.Error as error:
        return [], [Problem(name, 1, "", _("Unreadable CSV: %(error)s") % {"error": error})], []
    columns = [ALIASES.get(column.strip().lower(), column.strip().lower()) for column in header]
    notices = [
        _("%(file)s: column %(column)s is not used.") % {"file": name, "column": column}
        for column in columns
        if column and column not in known
    ]
    duplicates = {column for column in columns if column and columns.count(column) > 1}
    if duplicates:
        return [], [
            Problem(name, 1, column, _("The column appears more than once.")) for column in sorted(duplicates)
        ], notices
    rows = []
    try:
        for number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(columns):
                rows.append(Row(name, number, {}))
                rows[-1].fail("", _("The row has more cells than the header has columns."))
                continue
            cells = {
                column: _neutralised(value.strip())
                for column, value in zip(columns, values, strict=False)
                if column
            }
            rows.append(Row(name, number, cells))
    except csv.Error as error:
        return rows, [Problem(name, reader.line_num, "", _("Unreadable CSV: %(error)s") % {"error": error})], notices
    return rows, [], notices


def _neutralised(value: str) -> str:
    """The cell without the quote an export put before a formula-like value."""
    # The quick test spares the regular expression on almost every cell of a big file.
    return NEUTRALISED.sub("", value) if value[:1] == "'" else value


def parse_date(value: str) -> datetime.date:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        # The usual YYYY-MM-DD, without strptime's cost (a third of reading a roster).
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError(_("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": value})


def parse_year(value: str) -> int:
    try:
        year = int(float(value))
    except ValueError as error:
        raise CellError(_("“%(value)s” is not a year.") % {"value": value}) from error
    if not 1850 <= year <= datetime.date.today().year:
        raise CellError(_("%(value)s is not a plausible year.") % {"value": year})
    return year


def parse_money(value: str) -> Decimal:
    cleaned = value.replace("$", "").replace(",", "").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise CellError(_("“%(value)s” is not an amount of money.") % {"value": value}) from error
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e10"):
        raise CellError(_("“%(value)s” is not a plausible amount.") % {"value": value})
    return amount.quantize(Decimal("0.01"))


def parse_bool(value: str) -> bool:
    text = value.strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise CellError(_("“%(value)s” is not yes/no (use true or false).") % {"value": value})


def parse_race(value: str) -> str:
    text = value.strip().lower()
    if text in Race.values:
        return text
    if text in RACES:
        return RACES[text]
    raise CellError(
        _("“%(value)s” is not a race we know (e.g. BLACK, WHITE, HISPANIC, ASIAN, Not Sure).")
        % {"value": value}
    )


def parse_gender(value: str) -> str:
    text = value.strip().lower()
    if text in Gender.values:
        return text
    if text in GENDERS:
        return GENDERS[text]
    raise CellError(_("“%(value)s” is not a gender we know (M, F, Other, Not Sure).") % {"value": value})


def parse_link_type(value: str) -> str:
    text = value.strip().lower()
    if text in LinkType.values:
        return text
    return LinkType.OTHER


def parse_int(value: str) -> int:
    try:
        return int(value)
    except ValueError as error:
        raise CellError(_("“%(value)s” is not a whole number.") % {"value": value}) from error


def text_limit(value: str, *, limit: int) -> str:
    if len(value) > limit:
        raise CellError(_("Longer than %(limit)d characters.") % {"limit": limit})
    return value


def parse_url(value: str) -> str:
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError as error:
        raise CellError(_("“%(value)s” is not a web address (http or https).") % {"value": value}) from error
    return text_limit(value, limit=1000)


def split_ids(value: str) -> list[str]:
    return [part for part in re.split(r"[,;|\s]+", value.strip()) if part]
