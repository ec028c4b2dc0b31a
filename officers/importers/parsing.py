"""Reading OpenOversight-format CSV files into tables of cells, with a precise error per bad cell.

Two formats:
- the wide `bulk-add-officers` CSV: one row per officer (or per officer and assignment), with
  the badge, job title, unit and a salary on the same row;
- the advanced import: officers.csv, assignments.csv, salaries.csv, links.csv (and
  incidents.csv, which is reported and skipped), tied together by the officers' `id` column.
"""

import csv
import datetime
import io
import operator
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from officers.models import Gender, LinkType, Race

# A cell our exporter neutralised (a leading apostrophe before = + - @ tab CR) reads back as
# the original text.
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")

# The columns of each file: OFFICER_COLUMNS, ASSIGNMENT_COLUMNS and WIDE_COLUMNS are made from
# OFFICER_CELLS and ASSIGNMENT_CELLS at the end of this module, beside the parsers they name.
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
# Other spellings → the canonical column, after `normalise_header`. OpenOversight's download
# page writes "badge number", "unique identifier", "officer unique identifier", "start date",
# "end date", "unit description", and links' "officers"/"incidents"; its own advanced import
# renames start_date to "star_date" internally, which some hand-made files copied.
ALIASES = {
    "middle_name": "middle_initial",
    "badge": "star_no",
    "badge_number": "star_no",
    "star_number": "star_no",
    "internal_id": "unique_internal_identifier",
    "unique_identifier": "unique_internal_identifier",
    "officer_unique_identifier": "unique_internal_identifier",
    "rank": "job_title",
    "star_date": "start_date",
    "end_date": "resign_date",
    "unit_description": "unit_name",
    "unit": "unit_name",
    "overtime": "overtime_pay",
    "fiscal_year": "salary_is_fiscal_year",
    "officers": "officer_ids",
    "incidents": "incident_ids",
}
# Columns each download-page file has that carry nothing to import (they are read elsewhere
# or derived): accepted without a notice.
DERIVED = {
    "most_recent_salary",
    "last_employment_date",
    "last_employment_notice",
    "first_name",  # salaries.csv of the download page repeats the officer's name
    "last_name",
}
# Download-page officers.csv columns that belong to assignments: read, then ignored there.
DOWNLOAD_ONLY = ["star_no", "job_title"]

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
    "not_sure": Race.UNKNOWN,
    "unknown": Race.UNKNOWN,
    "not known": Race.UNKNOWN,
}
GENDERS = {
    "m": Gender.MALE,
    "male": Gender.MALE,
    "f": Gender.FEMALE,
    "female": Gender.FEMALE,
    "man": Gender.MALE,
    "woman": Gender.FEMALE,
    "other": Gender.OTHER,
    "nonbinary": Gender.OTHER,
    "non-binary": Gender.OTHER,
    "non binary": Gender.OTHER,
    "not sure": Gender.UNKNOWN,
    "unknown": Gender.UNKNOWN,
    "not known": Gender.UNKNOWN,
}
# OpenOversight reads these with strtobool: on/off too.
TRUE = {"true", "t", "yes", "y", "1", "on"}
FALSE = {"false", "f", "no", "n", "0", "off"}
# Dates as OpenOversight users write them: ISO (its own download page), US month-first with
# dashes or slashes (spreadsheets), two-digit years, and date-times from database dumps.
DATE_SHAPE = re.compile(
    r"^(?:(?P<iso_y>\d{4})[-/](?P<iso_m>\d{1,2})[-/](?P<iso_d>\d{1,2})"
    r"|(?P<us_m>\d{1,2})(?P<sep>[-/])(?P<us_d>\d{1,2})(?P=sep)(?P<us_y>\d{4}|\d{2}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
# OpenOversight parsed dates with dateutil, so its files can also name the month in English:
# "Jul 12, 2019", "July 12 2019", "12-JUL-2019" (database exports), "12 July 19".
MONTH_NAME_DATE = re.compile(
    r"^(?:(?P<m1>[a-z]{3,9})\.?[ -](?P<d1>\d{1,2})(?:st|nd|rd|th)?,?[ -](?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})[ -](?P<m2>[a-z]{3,9})\.?,?[ -](?P<y2>\d{4}|\d{2}))$"
)
MONTHS = {
    name: number
    for number, full in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"],
        start=1,
    )
    for name in (full, full[:3], "sept" if number == 9 else full)
}
ACCEPTED_DATES = "YYYY-MM-DD, MM-DD-YYYY, MM/DD/YYYY, M/D/YY, Jul 12 2019"
BADGE_FLOAT = re.compile(r"^(\d+)\.0+$")


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


class Table:
    """One CSV file as columns of cells (stripped, export quotes removed), with each row's line
    number (the header is row 1) and the problems found in each row.

    Cells are validated a column at a time and each distinct value is parsed once: a roster
    repeats the same dates, years, ranks and codes thousands of times.
    """

    def __init__(self, file: str, columns: dict[str, list[str]], numbers: list[int]):
        self.file = file
        self.columns = columns
        self.present = set(columns)
        self.numbers = numbers
        self.problems: dict[int, list[Problem]] = {}
        # Rows that could not be read at all (more cells than columns): nothing in them is used.
        self.broken: set[int] = set()

    def __len__(self) -> int:
        return len(self.numbers)

    def has(self, column: str) -> bool:
        """Whether the file has the column (cells() makes an empty one for any other)."""
        return column in self.present

    def cells(self, column: str) -> list[str]:
        cells = self.columns.get(column)
        if cells is None:
            cells = self.columns[column] = [""] * len(self.numbers)
        return cells

    def parse(self, column: str, parser, **kwargs) -> list:
        """The column's values parsed; an empty cell reads as None, and so does a bad one, which
        is recorded against its row."""
        cells = self.cells(column)
        parsed = {"": None}
        errors = {}
        for value in set(cells):
            if value:
                try:
                    parsed[value] = parser(value, **kwargs)
                except CellError as error:
                    parsed[value] = None
                    errors[value] = str(error)
        if errors:
            for index, value in enumerate(cells):
                if value in errors:
                    self.fail(index, column, errors[value])
        return list(map(parsed.__getitem__, cells))

    def fail(self, index: int, column: str, message: str) -> None:
        problem = Problem(self.file, self.numbers[index], column, message)
        self.problems.setdefault(index, []).append(problem)

    def failed(self, index: int) -> bool:
        return index in self.problems


def read_table(
    name: str, content: bytes | str, *, known: list[str]
) -> tuple[Table, list[Problem], list[str]]:
    """A CSV file's known columns, file-level problems, and notices (unknown columns)."""
    empty = Table(name, {}, [])
    if isinstance(content, bytes):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            return empty, [Problem(name, 0, "", _("The file is not UTF-8 text."))], []
    else:
        text = content.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return empty, [Problem(name, 0, "", _("The file is empty."))], []
    except csv.Error as error:
        return empty, [Problem(name, 1, "", _("Unreadable CSV: %(error)s") % {"error": error})], []
    columns = [normalise_header(column) for column in header]
    notices = [
        _("%(file)s: column %(column)s is not used.") % {"file": name, "column": column}
        for column in columns
        if column and column not in known and column not in DERIVED
    ]
    duplicates = {column for column in columns if column and columns.count(column) > 1}
    if duplicates:
        return (
            empty,
            [
                Problem(name, 1, column, _("The column appears more than once."))
                for column in sorted(duplicates)
            ],
            notices,
        )
    width = len(columns)
    records: list[list[str]] = []
    numbers: list[int] = []
    too_long: list[int] = []
    problems = []
    try:
        for number, values in enumerate(reader, start=2):
            joined = "".join(values)
            if not joined or joined.isspace():
                continue
            if len(values) != width:
                if len(values) > width:
                    too_long.append(len(records))
                    values = []
                values += [""] * (width - len(values))
            records.append(values)
            numbers.append(number)
    except csv.Error as error:
        problems.append(
            Problem(name, reader.line_num, "", _("Unreadable CSV: %(error)s") % {"error": error})
        )
    cells = {
        column: _clean(list(map(operator.itemgetter(position), records)))
        for position, column in enumerate(columns)
        if column in known
    }
    table = Table(name, cells, numbers)
    for index in too_long:
        table.broken.add(index)
        table.fail(index, "", _("The row has more cells than the header has columns."))
    return table, problems, notices


def normalise_header(column: str) -> str:
    """A header as OpenOversight reads it (lower case, spaces as underscores), hyphens and
    repeated blanks too, then the alias's canonical name."""
    name = re.sub(r"[\s\-]+", "_", column.strip().lower())
    return ALIASES.get(name, name)


def _clean(cells: list[str]) -> list[str]:
    """Cells without surrounding blanks or the quote an export put before a formula-like value."""
    stripped = list(map(str.strip, cells))
    # One search of the whole column spares a look at each cell of almost every column.
    if "\n'" not in "\n" + "\n".join(stripped):
        return stripped
    return [NEUTRALISED.sub("", value) if value[:1] == "'" else value for value in stripped]


def parse_date(value: str) -> datetime.date:
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        # The usual YYYY-MM-DD, without the pattern's cost.
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    shape = DATE_SHAPE.match(value)
    if shape is not None and shape["iso_y"]:
        year, month, day = int(shape["iso_y"]), int(shape["iso_m"]), int(shape["iso_d"])
    elif shape is not None:
        year, month, day = int(shape["us_y"]), int(shape["us_m"]), int(shape["us_d"])
        if month > 12 and day <= 12:
            # 13/07/2019 is day first: a European file, whose 03/07/2019 rows would be read
            # wrongly without a word. Refuse rather than guess.
            raise CellError(
                _(
                    "“%(value)s” puts the day first; dates are read month first "
                    "(use %(formats)s)."
                )
                % {"value": value, "formats": ACCEPTED_DATES}
            )
        year = _four_digit_year(year, shape["us_y"])
    elif (named := MONTH_NAME_DATE.match(value.lower())) and (
        month := MONTHS.get(named["m1"] or named["m2"])
    ):
        day, year_text = int(named["d1"] or named["d2"]), named["y1"] or named["y2"]
        year = _four_digit_year(int(year_text), year_text)
    else:
        raise CellError(
            _("“%(value)s” is not a date we can read (use %(formats)s).")
            % {"value": value, "formats": ACCEPTED_DATES}
        )
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise CellError(
            _("“%(value)s” is not a real date (use %(formats)s).")
            % {"value": value, "formats": ACCEPTED_DATES}
        ) from error


def _four_digit_year(year: int, text: str) -> int:
    """Two-digit years are not in the future: a hire in "05" is 2005, a birth in "71" 1971."""
    if len(text) != 2:
        return year
    return year + (2000 if 2000 + year <= datetime.date.today().year else 1900)


def parse_year(value: str) -> int:
    # Spreadsheets and pandas write whole-number columns with a blank as 1971.0.
    try:
        number = float(value)
    except ValueError as error:
        raise CellError(_("“%(value)s” is not a year.") % {"value": value}) from error
    if not number.is_integer():
        raise CellError(_("“%(value)s” is not a year.") % {"value": value})
    year = int(number)
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
    raise CellError(
        _("“%(value)s” is not a gender we know (M, F, Other, Not Sure).") % {"value": value}
    )


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


def parse_badge(value: str, *, limit: int) -> str:
    """A badge number; 7890.0 (a spreadsheet's number column) is badge 7890."""
    whole = BADGE_FLOAT.match(value)
    return text_limit(whole[1] if whole else value, limit=limit)


def parse_id(value: str) -> int:
    """A numeric id, written 12 or 12.0."""
    whole = BADGE_FLOAT.match(value)
    return parse_int(whole[1] if whole else value)


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
        raise CellError(
            _("“%(value)s” is not a web address (http or https).") % {"value": value}
        ) from error
    return text_limit(value, limit=1000)


def split_ids(value: str) -> list[str]:
    """Ids in a cell: "1001|1004" (advanced import), "[1001, 1004]" (download page), "1001;1004"."""
    parts = (part.strip("'\"") for part in re.split(r"[\[\],;|\s]+", value.strip()))
    return [part for part in parts if part]


# Each officer field the files carry: (model field, column, parser, the parser's arguments),
# in the order of OpenOversight's officers.csv. The one list the reader, the planner's
# static fields and the admin page's column list are made from.
OFFICER_CELLS = [
    ("last_name", "last_name", text_limit, {"limit": 120}),
    ("first_name", "first_name", text_limit, {"limit": 120}),
    ("middle_name", "middle_initial", text_limit, {"limit": 120}),
    ("suffix", "suffix", text_limit, {"limit": 20}),
    ("race", "race", parse_race, {}),
    ("gender", "gender", parse_gender, {}),
    ("employment_date", "employment_date", parse_date, {}),
    ("birth_year", "birth_year", parse_year, {}),
    ("internal_id", "unique_internal_identifier", text_limit, {"limit": 100}),
]
# An assignment's cells, in the advanced import's assignments.csv and on a wide roster's rows.
ASSIGNMENT_CELLS = [
    "star_no",
    "job_title",
    "job_id",
    "unit_id",
    "unit_name",
    "start_date",
    "resign_date",
]
OFFICER_COLUMNS = ["id", "department_id", *(column for _field, column, *_rest in OFFICER_CELLS)]
ASSIGNMENT_COLUMNS = ["id", "officer_id", *ASSIGNMENT_CELLS]
WIDE_COLUMNS = [
    *OFFICER_COLUMNS[1:],
    *ASSIGNMENT_CELLS,
    "salary",
    "salary_year",
    "salary_is_fiscal_year",
    "overtime_pay",
]
