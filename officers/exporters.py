"""CSV export of officers as a zip, in one of two formats.

- `openoversight` (the default): OpenOversight's advanced import (`flask advanced-csv-import`)
  reads it unchanged: its columns (department_name and department_state, no column it
  rejects), its race and gender labels, ISO dates, and `#N` ids so that every row is a new
  record there, tied together by those ids.
- `accountable`: our own ids and codes (department_id, race `native_american`, gender
  `female`…), for moving officers between instances of this project or for analysis.

Both import back here. Cells that a spreadsheet would run as a formula (= + - @, tab, CR at
the start) get a leading apostrophe; the importer removes it again.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet

from core.spreadsheets import formula_safe
from officers.models import Assignment, Gender, Link, Officer, Race, Salary

FORMATS = ("openoversight", "accountable")

# OpenOversight's choice values (its RACE_CHOICES and GENDER_CHOICES).
OO_RACES = {
    Race.BLACK: "BLACK",
    Race.WHITE: "WHITE",
    Race.ASIAN: "ASIAN",
    Race.HISPANIC: "HISPANIC",
    Race.NATIVE_AMERICAN: "NATIVE AMERICAN",
    Race.PACIFIC_ISLANDER: "PACIFIC ISLANDER",
    Race.OTHER: "Other",
    Race.UNKNOWN: "Not Sure",
}
# Its GENDER_CHOICES also offer "Not Sure", but its officers table allows only M, F, Other or
# NULL (check constraint gender_options): an unknown gender is written blank, as its own
# download page writes it.
OO_GENDERS = {
    Gender.MALE: "M",
    Gender.FEMALE: "F",
    Gender.OTHER: "Other",
    Gender.UNKNOWN: "",
}
# Its SUFFIX_CHOICES; a suffix it does not know is dropped there, so common spellings are mapped.
OO_SUFFIXES = {
    "jr": "Jr", "junior": "Jr", "sr": "Sr", "senior": "Sr", "ii": "II", "2nd": "II",
    "iii": "III", "3rd": "III", "iv": "IV", "4th": "IV", "v": "V", "5th": "V",
}
# Its column sizes where ours are larger: a longer value would stop its whole import.
OO_LINK_TITLE_LIMIT = 100
OO_UNIT_LIMIT = 120

OO_COLUMNS = {
    "officers.csv": [
        "id", "department_name", "department_state", "last_name", "first_name",
        "middle_initial", "suffix", "race", "gender", "employment_date", "birth_year",
        "unique_internal_identifier",
    ],
    # unit_id stays out: OpenOversight looks a unit id up in its own database.
    "assignments.csv": [
        "id", "officer_id", "star_no", "job_title", "unit_name", "start_date", "resign_date",
    ],
    "salaries.csv": ["id", "officer_id", "salary", "overtime_pay", "year", "is_fiscal_year"],
    "links.csv": ["id", "url", "title", "link_type", "description", "author", "officer_ids"],
}
OUR_COLUMNS = {
    "officers.csv": [
        "id", "department_id", "department_name", "department_state", "last_name",
        "first_name", "middle_initial", "suffix", "race", "gender", "employment_date",
        "birth_year", "unique_internal_identifier",
    ],
    "assignments.csv": [
        "id", "officer_id", "star_no", "job_title", "job_id", "unit_id", "unit_name",
        "start_date", "resign_date",
    ],
    "salaries.csv": ["id", "officer_id", "salary", "overtime_pay", "year", "is_fiscal_year"],
    "links.csv": [
        "id", "officer_ids", "incident_ids", "title", "description", "url", "link_type",
        "author",
    ],
}

README = """Officers exported from Accountable, format: {format}

openoversight: OpenOversight's advanced CSV import reads these files unchanged, one
  department at a time (its department name and state must match each row's):
{commands}
  Ids are "#<our id>": each row is a new record in OpenOversight, tied to its officer by
  that id. Race and gender use OpenOversight's values (WHITE, BLACK, ..., Not Sure; M, F,
  Other, blank when unknown).
accountable: this project's own ids and codes (department_id, job_id, unit_id, race
  "native_american", gender "female"), to move officers between instances of Accountable.

Both formats import back with `manage.py import_officers --zip` or the admin's Import CSV
page. Dates are YYYY-MM-DD. A cell starting with = + - @ has a leading apostrophe so that a
spreadsheet does not run it; the importer removes it.
"""
COMMAND = (
    '    flask advanced-csv-import "{name}" {state} --officers-csv officers.csv \\\n'
    "      --assignments-csv assignments.csv --salaries-csv salaries.csv --links-csv links.csv"
)
SEVERAL = (
    "    (this export holds {count} departments: split the files by department_name, then\n"
    "    run flask advanced-csv-import \"<department name>\" <state> --officers-csv ... for each)"
)


def _csv_bytes(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for count, row in enumerate(rows, start=1):
        writer.writerow([formula_safe(value) for value in row])
        if count % 1000 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _state(department) -> str:
    return (department.state or "").removeprefix("USA-")


def _oo_suffix(suffix: str) -> str:
    return OO_SUFFIXES.get(suffix.strip().rstrip(".").casefold(), suffix)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def officer_rows(officers: QuerySet[Officer], oo: bool) -> Iterator[list]:
    for o in officers.select_related("department").order_by("pk").iterator(chunk_size=2000):
        common = [
            o.last_name, o.first_name, o.middle_name, _oo_suffix(o.suffix) if oo else o.suffix,
            OO_RACES.get(o.race, "Not Sure") if oo else o.race,
            OO_GENDERS.get(o.gender, "") if oo else o.gender,
            o.employment_date or "", o.birth_year or "", o.internal_id,
        ]
        if oo:
            yield [f"#{o.pk}", o.department.name, _state(o.department), *common]
        else:
            yield [o.pk, o.department_id, o.department.name, _state(o.department), *common]


def assignment_rows(officers: QuerySet[Officer], oo: bool) -> Iterator[list]:
    assignments = Assignment.objects.filter(officer__in=officers).select_related("rank", "unit")
    for a in assignments.order_by("officer_id", "pk").iterator(chunk_size=2000):
        rank, unit = a.rank.name if a.rank else "", a.unit.name if a.unit else ""
        if oo:
            yield [
                "", f"#{a.officer_id}", a.badge_number, rank, _shortened(unit, OO_UNIT_LIMIT),
                a.start_date or "",
                a.end_date or "",
            ]
        else:
            yield [
                a.pk, a.officer_id, a.badge_number, rank, a.rank_id or "", a.unit_id or "",
                unit, a.start_date or "", a.end_date or "",
            ]


def salary_rows(officers: QuerySet[Officer], oo: bool) -> Iterator[list]:
    salaries = Salary.objects.filter(officer__in=officers)
    for s in salaries.order_by("officer_id", "year", "pk").iterator(chunk_size=2000):
        yield [
            "" if oo else s.pk, f"#{s.officer_id}" if oo else s.officer_id, s.salary,
            "" if s.overtime_pay is None else s.overtime_pay, s.year,
            "true" if s.is_fiscal_year else "false",
        ]


def link_rows(officers: QuerySet[Officer], oo: bool) -> Iterator[list]:
    links = Link.objects.filter(officer__in=officers)
    for link in links.order_by("officer_id", "pk").iterator(chunk_size=2000):
        if oo:
            # OpenOversight's link types are link, video, other_video.
            kind = link.link_type if link.link_type in ("link", "video", "other_video") else "link"
            yield [
                "", link.url, _shortened(link.title, OO_LINK_TITLE_LIMIT), kind,
                link.description, link.author,
                f"#{link.officer_id}",
            ]
        else:
            yield [
                link.pk, link.officer_id, "", link.title, link.description, link.url,
                link.link_type, link.author,
            ]


def export_files(
    officers: QuerySet[Officer], *, format: str = "openoversight"
) -> dict[str, Iterator[bytes]]:
    """The four CSV files for these officers, each as a stream of bytes."""
    oo = format == "openoversight"
    columns = OO_COLUMNS if oo else OUR_COLUMNS
    makers = {
        "officers.csv": officer_rows,
        "assignments.csv": assignment_rows,
        "salaries.csv": salary_rows,
        "links.csv": link_rows,
    }
    return {name: _csv_bytes(columns[name], make(officers, oo)) for name, make in makers.items()}


def export_readme(officers: QuerySet[Officer], *, format: str) -> str:
    """The README that goes with an export of `officers`: which format, and the command that
    imports it into OpenOversight."""
    return README.format(format=format, commands=_commands(officers))


def _commands(officers: QuerySet[Officer]) -> str:
    """The OpenOversight command line that imports these files (its department name and state
    are arguments), or how to split a many-department export for it."""
    departments = list(
        officers.order_by().values_list("department__name", "department__state").distinct()[:2]
    )
    if len(departments) == 1:
        name, state = departments[0]
        return COMMAND.format(name=name.replace('"', '\\"'), state=state.removeprefix("USA-"))
    if not departments:
        return COMMAND.format(name="<department name>", state="<state>")
    return SEVERAL.format(count=officers.order_by().values("department").distinct().count())


def export_zip(officers: QuerySet[Officer], target, *, format: str = "openoversight") -> None:
    """Write the export of `officers` as a zip into the binary file `target`."""
    if format not in FORMATS:
        raise ValueError(format)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", export_readme(officers, format=format))
        for name, chunks in export_files(officers, format=format).items():
            with archive.open(name, "w") as handle:
                for chunk in chunks:
                    handle.write(chunk)
