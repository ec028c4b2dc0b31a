"""What OpenOversight's advanced import (`flask advanced-csv-import NAME STATE`) refuses or
drops in a set of files, as rules written from its source (lucyparsons/OpenOversight):

- OpenOversight/app/csv_imports.py (commit 12a5596): headers lower-cased with spaces as
  underscores; per file the required and optional columns, any other column stops the
  import; assignments' badge_number / end_date / unit_description renamed; every officers.csv
  row's department_name and department_state equal to the command's arguments; officer_ids
  split on "|" and looked up among officers.csv's ids and existing officers.
- OpenOversight/app/models/database_imports.py (commit 0287352): race, gender, suffix and
  link_type kept only when they match a choice's value or label (any case), else dropped;
  birth_year and year through int(), salary and overtime_pay through float(), dates through
  dateutil (ISO here), is_fiscal_year through strtobool.
- OpenOversight/app/utils/choices.py, OpenOversight/app/models/database.py (commit 01d00bf):
  the choices, the column sizes, and the officers table's check constraint that gender is M, F,
  Other or NULL.

A rule written from that code, not a copy of it: `problems()` names each cell OpenOversight
would stop on, and each value it would silently drop.
"""

import csv
import datetime
import io

REQUIRED = {
    "officers": {"id", "department_name", "department_state"},
    "assignments": {"id", "officer_id", "job_title"},
    "salaries": {"id", "officer_id", "salary", "year"},
    "links": {"id", "url"},
}
OPTIONAL = {
    "officers": {
        "last_name", "first_name", "middle_initial", "suffix", "race", "gender",
        "employment_date", "birth_year", "unique_internal_identifier", "badge_number",
        "unique_identifier", "job_title", "most_recent_salary", "last_employment_date",
        "last_employment_notice",
    },
    "assignments": {
        "star_no", "unit_id", "unit_name", "start_date", "resign_date",
        "officer_unique_identifier",
    },
    "salaries": {"overtime_pay", "is_fiscal_year"},
    "links": {
        "title", "link_type", "description", "author", "created_by", "officer_ids",
        "incident_ids",
    },
}
ASSIGNMENT_RENAMES = {"badge_number": "star_no", "end_date": "resign_date", "unit_description": "unit_name"}
RACES = [
    ("BLACK", "Black"), ("WHITE", "White"), ("ASIAN", "Asian"), ("HISPANIC", "Hispanic"),
    ("NATIVE AMERICAN", "Native American"), ("PACIFIC ISLANDER", "Pacific Islander"),
    ("Other", "Other"), ("Not Sure", "Not Sure"),
]
GENDERS = [("Not Sure", "Not Sure"), ("M", "Male"), ("F", "Female"), ("Other", "Other")]
GENDERS_THE_TABLE_ALLOWS = {"M", "F", "Other"}
SUFFIXES = [("Jr", "Jr"), ("Sr", "Sr"), ("II", "II"), ("III", "III"), ("IV", "IV"), ("V", "V")]
LINK_TYPES = [("link", "Link"), ("video", "YouTube Video"), ("other_video", "Other Video")]
SIZES = {
    "officers": {"last_name": 120, "first_name": 120, "middle_initial": 120, "suffix": 120,
                 "race": 120, "gender": 5, "unique_internal_identifier": 50},
    "assignments": {"star_no": 120, "job_title": 255, "unit_name": 120},
    "links": {"title": 100, "author": 255},
}
STRTOBOOL = {"y", "yes", "t", "true", "on", "1", "n", "no", "f", "false", "off", "0"}


def _choice(value: str, choices) -> str | None:
    for stored, label in choices:
        if value.lower() in (stored.lower(), label.lower()):
            return stored
    return None


def _rows(kind: str, content: str) -> list[dict]:
    reader = csv.reader(io.StringIO(content))
    header = [name.lower().replace(" ", "_") for name in next(reader)]
    if kind == "assignments":
        header = [ASSIGNMENT_RENAMES.get(name, name) for name in header]
    return [dict(zip(header, row, strict=True)) for row in reader]


def problems(files: dict[str, str], *, department_name: str, department_state: str) -> list[str]:
    """Every reason OpenOversight would stop on or lose part of these files ([] when none)."""
    found: list[str] = []
    officer_ids: set[str] = set()
    internal_ids: set[str] = set()
    for kind in ("officers", "assignments", "salaries", "links"):
        if kind not in files:
            continue
        rows = _rows(kind, files[kind])
        header = set(rows[0]) if rows else set(_rows_header(files[kind]))
        if missing := REQUIRED[kind] - header:
            found.append(f"{kind}: missing required {sorted(missing)}")
        if unexpected := header - REQUIRED[kind] - OPTIONAL[kind]:
            found.append(f"{kind}: unexpected columns {sorted(unexpected)}")
        for number, row in enumerate(rows, start=2):
            where = f"{kind} row {number}"
            for column, size in SIZES.get(kind, {}).items():
                if len(row.get(column) or "") > size:
                    found.append(f"{where}: {column} longer than {size}")
            if row["id"] and not row["id"].startswith("#") and not row["id"].isdecimal():
                found.append(f"{where}: id {row['id']!r}")
            check = globals()[f"_check_{kind}"]
            found += [f"{where}: {message}" for message in check(row, officer_ids)]
            if kind == "officers":
                officer_ids.add(row["id"])
                if row["department_name"] != department_name:
                    found.append(f"{where}: department_name {row['department_name']!r}")
                if row["department_state"] != department_state:
                    found.append(f"{where}: department_state {row['department_state']!r}")
                if uid := row.get("unique_internal_identifier"):
                    if uid in internal_ids:
                        found.append(f"{where}: unique_internal_identifier {uid!r} repeated")
                    internal_ids.add(uid)
    return found


def _rows_header(content: str) -> list[str]:
    return [name.lower().replace(" ", "_") for name in next(csv.reader(io.StringIO(content)))]


def _date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _number(value: str, kind) -> bool:
    try:
        kind(value)
    except ValueError:
        return False
    return True


def _check_officers(row: dict, _officer_ids) -> list[str]:
    out = []
    for column, choices in (("race", RACES), ("gender", GENDERS), ("suffix", SUFFIXES)):
        value = row.get(column) or ""
        if value and _choice(value, choices) is None:
            out.append(f"{column} {value!r} would be dropped")
    gender = _choice(row.get("gender") or "", GENDERS)
    if gender is not None and gender not in GENDERS_THE_TABLE_ALLOWS:
        out.append(f"gender {row['gender']!r} breaks check constraint gender_options")
    if (value := row.get("employment_date")) and not _date(value):
        out.append(f"employment_date {value!r}")
    if (value := row.get("birth_year")) and not _number(value, int):
        out.append(f"birth_year {value!r} is not int()")
    return out


def _officer_known(ref: str, officer_ids: set[str]) -> bool:
    return ref in officer_ids


def _check_assignments(row: dict, officer_ids) -> list[str]:
    out = []
    if not _officer_known(row["officer_id"], officer_ids):
        out.append(f"officer_id {row['officer_id']!r} is not in officers.csv")
    for column in ("start_date", "resign_date"):
        if (value := row.get(column)) and not _date(value):
            out.append(f"{column} {value!r}")
    if row.get("unit_id"):
        out.append("unit_id names a unit of OpenOversight's own database")
    return out


def _check_salaries(row: dict, officer_ids) -> list[str]:
    out = []
    if not _officer_known(row["officer_id"], officer_ids):
        out.append(f"officer_id {row['officer_id']!r} is not in officers.csv")
    if not _number(row["salary"], float):
        out.append(f"salary {row['salary']!r} is not float()")
    if (value := row.get("overtime_pay")) and not _number(value, float):
        out.append(f"overtime_pay {value!r} is not float()")
    if not _number(row["year"], int):
        out.append(f"year {row['year']!r} is not int()")
    if (value := row.get("is_fiscal_year")) and value.lower() not in STRTOBOOL:
        out.append(f"is_fiscal_year {value!r}")
    return out


def _check_links(row: dict, officer_ids) -> list[str]:
    out = []
    if not row["url"].startswith(("http://", "https://")):
        out.append(f"url {row['url']!r}")
    if (value := row.get("link_type")) and _choice(value, LINK_TYPES) is None:
        out.append(f"link_type {value!r} would be dropped")
    for ref in filter(None, (row.get("officer_ids") or "").split("|")):
        if not _officer_known(ref, officer_ids):
            out.append(f"officer_ids {ref!r} is not in officers.csv")
    return out
