"""Virginia DCJS: the directory of law-enforcement and jail agencies, and the officers DCJS
decertified (current list, earlier lists) or reinstated, as compiled by MuckRock."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.choices import UsState
from officers.models import CertificationEvent, CertificationEventKind, Department, DepartmentKind, Officer

from .base import MalformedData, Provenance, RecordSync, Summary, iso_date, optional, optional_int, read_csv, require

DIRECTORY_FILE = "va_agency_directory.csv"
DECERTIFIED_FILES = {
    # file: (event kind, date column, list name as DCJS publishes it)
    "va_decertified_present.csv": (CertificationEventKind.DECERTIFIED, "fixed_date", "DCJS decertification list (current)"),
    "va_decertified_prior.csv": (CertificationEventKind.DECERTIFIED, "fixed_date", "DCJS decertification list (earlier)"),
    "va_decertified_reinstated.csv": (CertificationEventKind.REINSTATED, "recert_date", "DCJS reinstated officers"),
}
REPO = "https://github.com/MuckRock/virginia-police-decertification"
COMMON = {
    "publisher": "MuckRock (records of the Virginia Department of Criminal Justice Services)",
    "source_commit": "ebb36f6",
    "licence": "MIT",
    "licence_url": f"{REPO}/blob/ebb36f6/LICENSE",
}
DIRECTORY = Provenance(
    slug="va-dcjs-agency-directory",
    title="Virginia DCJS directory of law-enforcement and jail agencies",
    source_url=f"{REPO}/blob/ebb36f6/data/processed/analysis/certified_directory.csv",
    files=[DIRECTORY_FILE],
    attribution="Virginia Department of Criminal Justice Services, via MuckRock's virginia-police-decertification (MIT).",
    **COMMON,
)
DECERTIFICATIONS = Provenance(
    slug="va-dcjs-decertifications",
    title="Virginia DCJS decertified and reinstated officers",
    source_url=f"{REPO}/tree/ebb36f6/data",
    files=list(DECERTIFIED_FILES),
    attribution="Virginia Department of Criminal Justice Services, via MuckRock's virginia-police-decertification (MIT).",
    **COMMON,
)
STATE = UsState.USA_VA

# First match wins: academies and dispatch centres are named after the police they serve.
KIND_RULES = [
    (DepartmentKind.ACADEMY, r"academy|training (center|centre)"),
    (DepartmentKind.DISPATCH, r"communication|\b(e-?)?911\b|emerg|dispatch|\becc\b"),
    (DepartmentKind.SHERIFF, r"sheriff"),
    (DepartmentKind.JAIL, r"jail|detention|correction|diversion|security center"),
    (DepartmentKind.STATE_POLICE, r"^virginia state police$"),
    (DepartmentKind.CAMPUS, r"universit|college|campus|institute"),
    (DepartmentKind.OTHER, r"airport|transit|port authority|bridge-tunnel|transportation|capitol"),
    (DepartmentKind.POLICE, r"police|\bpd\b|division of police"),
]


def department_kind(name: str) -> str:
    lowered = name.lower()
    for kind, pattern in KIND_RULES:
        if re.search(pattern, lowered):
            return kind
    return DepartmentKind.OTHER


def _phone(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}" if re.fullmatch(r"\d{10}", digits) else digits


def _website(url: str) -> str:
    """The agency's address as a link, or "" where the directory holds a placeholder
    ("unk", "-", "N/A", an agency name) instead of one."""
    if not url:
        return ""
    # The directory lists addresses without a scheme ("www.abingdon-va.gov").
    if not re.match(r"^https?://", url, re.I):
        url = f"http://{url}"
    try:
        URLValidator()(url)
    except ValidationError:
        return ""
    return url


def _row_id(row: dict, position: int) -> str:
    return (row.get("") or "").strip() or str(position)


def parse_directory(rows: list[dict], summary: Summary) -> dict[tuple[str, str], dict]:
    wanted, placeholders = {}, 0
    for position, row in enumerate(rows, start=1):
        row_id = _row_id(row, position)
        name = require(row, "place_of_employment", file=DIRECTORY_FILE, row_id=row_id)
        head = " ".join(
            part for part in (optional(row, "director_first_name"), optional(row, "director_middle_initial"),
                              optional(row, "director_last_name")) if part
        )
        city, zip_code = optional(row, "physical_city"), optional(row, "physical_zip")
        state_code = optional(row, "physical_state")
        street = optional(row, "physical_street_address")
        place = " ".join(part for part in (f"{city}," if city else "", state_code, zip_code) if part)
        email = optional(row, "agency_email")
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            raise MalformedData(file=DIRECTORY_FILE, row=row_id, column="agency_email", value=email, problem="not an email address")
        website = _website(optional(row, "agency_url"))
        if optional(row, "agency_url") and not website:
            placeholders += 1
        wanted[(DIRECTORY_FILE, row_id)] = {
            "name": name,
            "kind": department_kind(name),
            # Every agency here is certified by Virginia, the few with an office in DC too.
            "state": STATE,
            "city": city,
            "head_title": optional(row, "director_title"),
            "head_name": head,
            "address": "\n".join(part for part in (street, place) if part),
            "postal_code": zip_code,
            "phone": _phone(optional(row, "director_phone")),
            "email": email,
            "website": website,
            "certified_officer_count": optional_int(
                optional(row, "certified_officers_jailors"), file=DIRECTORY_FILE, row_id=row_id,
                column="certified_officers_jailors",
            ),
            "source_url": f"{DIRECTORY.source_url}#L{position + 1}",
        }
    if placeholders:
        summary.notes.append(f"{placeholders} website value(s) are placeholders, not addresses (unk, -, N/A…): left empty")
    return wanted


def load_directory(*, summary: Summary) -> None:
    rows = read_csv(DIRECTORY_FILE)
    RecordSync(Department, dataset=DIRECTORY.slug, summary=summary).sync(parse_directory(rows, summary))
    DIRECTORY.record(row_count=len(rows))


def _unescape(text: str) -> str:
    """R wrote some characters as `<U+00A7>`: give back the character (§)."""
    return re.sub(r"<U\+([0-9A-Fa-f]{4,6})>", lambda match: chr(int(match.group(1), 16)), text)


def _identity(last: str, first: str, middle: str, agency: str) -> tuple:
    return (agency.casefold(), " ".join(last.casefold().split()), " ".join(first.casefold().split()),
            middle.casefold().rstrip("."))


def load_decertifications(*, summary: Summary, today: date | None = None) -> None:
    today = today or date.today()
    directory = {
        department.name: department
        for department in Department.objects.filter(dataset=DIRECTORY.slug, state=STATE)
    }
    if not directory:
        raise MalformedData(file=DIRECTORY_FILE, row="-", column="-", value="",
                            problem="load va_departments first: the officers belong to those departments")
    officers: dict[tuple, dict] = {}
    events: dict[tuple[str, str], tuple[tuple, dict]] = {}
    new_departments: dict[tuple[str, str], dict] = {}
    row_count = 0
    for file, (kind, date_column, list_name) in DECERTIFIED_FILES.items():
        rows = read_csv(file)
        row_count += len(rows)
        for position, row in enumerate(rows, start=1):
            row_id = _row_id(row, position)
            last = require(row, "last_name", file=file, row_id=row_id)
            first = optional(row, "first_name")
            middle = optional(row, "middle_initial")
            agency = require(row, "agency_name", file=file, row_id=row_id)
            stated = require(row, date_column, file=file, row_id=row_id)
            when = iso_date(stated, file=file, row_id=row_id, column=date_column)
            if agency not in directory:
                # One row names two agencies ("X & Y"): the officer's certification was with
                # the first one the directory knows.
                known = [part for part in agency.split(" & ") if part in directory]
                if known:
                    summary.notes.append(f"{file} row {row_id}: agency {agency!r} read as {known[0]!r}")
                    agency = known[0]
                else:
                    summary.notes.append(f"{file} row {row_id}: agency {agency!r} is not in the directory: added")
                    new_departments.setdefault((file, f"agency:{agency}"), {
                        "name": agency, "kind": department_kind(agency), "state": STATE,
                        "source_url": f"{REPO}/blob/ebb36f6/data/processed/{file}#L{position + 1}",
                    })
            identity = _identity(last, first, middle, agency)
            # One officer on several lists (decertified, later reinstated) is one person:
            # the first row that names them is the officer record's source.
            officers.setdefault(identity, {
                "key": (file, row_id), "agency": agency,
                "values": {"first_name": first, "middle_name": middle, "last_name": last},
            })
            in_doubt = when > today
            if in_doubt:
                summary.notes.append(f"{file} row {row_id}: date {stated} is in the future (a source error): kept as stated, flagged")
            events[(file, row_id)] = (identity, {
                "state": STATE,
                "kind": kind,
                "date": None if in_doubt else when,
                "date_as_stated": stated,
                "date_in_doubt": in_doubt,
                "reason": _unescape(optional(row, "reason")),
                "status_as_stated": optional(row, "status"),
                "officer_function": optional(row, "function"),
                "agency_as_stated": optional(row, "agency"),
                "source_list": list_name,
                "source_url": f"{REPO}/blob/ebb36f6/data/processed/{file}#L{position + 1}",
            })
    if new_departments:
        added = RecordSync(Department, dataset=DECERTIFICATIONS.slug, summary=summary).sync(new_departments)
        directory.update({department.name: department for department in added.values()})
    officer_records = RecordSync(Officer, dataset=DECERTIFICATIONS.slug, summary=summary).sync({
        spec["key"]: {**spec["values"], "department_id": directory[spec["agency"]].pk}
        for spec in officers.values()
    })
    by_identity = {identity: officer_records[spec["key"]] for identity, spec in officers.items()}
    RecordSync(CertificationEvent, dataset=DECERTIFICATIONS.slug, summary=summary).sync({
        key: {**values, "officer_id": by_identity[identity].pk} for key, (identity, values) in events.items()
    })
    DECERTIFICATIONS.record(row_count=row_count)
