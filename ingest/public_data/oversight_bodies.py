"""Civilian oversight bodies of the 100 largest US cities (University of Chicago Law School).

The source gives no addresses, phones or complaint links: the bodies load without them, the
directory says so, and curators add them in the admin ("needs contact details").
"""

import re

from core.choices import UsState
from officers.models import Department, DepartmentKind
from oversight.models import DEMO_DATASET, Commission, CommissionType, OversightRole

from .base import MalformedData, Provenance, RecordSync, Summary, optional_int, read_json, require, sync_links

FILE = "oversight_agencies_chicago_law.json"
PROVENANCE = Provenance(
    slug="chicago-law-oversight-agencies",
    title="Police oversight agencies of the 100 largest US cities",
    publisher="University of Chicago Law School",
    source_url="https://github.com/chicago-law/police-oversight-agencies/blob/dc257eb/public/static/agencies.json",
    source_commit="dc257eb",
    files=[FILE],
    licence="Apache-2.0",
    licence_url="https://www.apache.org/licenses/LICENSE-2.0",
    attribution="University of Chicago Law School, police-oversight-agencies (Apache-2.0).",
)

# The source's role words, spelling mistakes included ("Adjuticative"), to our roles.
ROLE_WORDS = {
    "investigative": OversightRole.INVESTIGATIVE,
    "review": OversightRole.REVIEW,
    "audit": OversightRole.AUDIT,
    "adjudicative": OversightRole.ADJUDICATIVE,
    "adjuticative": OversightRole.ADJUDICATIVE,
    "supervisory": OversightRole.SUPERVISORY,
    "advisory": OversightRole.ADVISORY,
    "appeals": OversightRole.APPEALS,
}
FLAG_COLUMNS = ("investigative", "review", "audit", "adjudicative", "supervisory", "advisory", "appeals")

# Known errors in the source, each corrected only when the row still carries the wrong value:
# Honolulu's body is listed in state "HA"; Honolulu is in Hawaii (HI).
CORRECTIONS = {30: {"dep_state": ("HA", "HI")}}


def _state(code: str, *, row_id) -> str:
    value = f"USA-{code.upper()}"
    if value not in UsState.values:
        raise MalformedData(file=FILE, row=row_id, column="dep_state", value=code, problem="not a US state code")
    return value


def parse(rows) -> dict[tuple[str, str], dict]:
    if not isinstance(rows, list):
        raise MalformedData(file=FILE, row="-", column="-", value=type(rows).__name__, problem="expected a list of bodies")
    wanted = {}
    for position, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise MalformedData(file=FILE, row=position, column="-", value=row, problem="expected an object")
        row_id = row.get("id", position)
        row = dict(row)
        for column, (wrong, right) in CORRECTIONS.get(row_id, {}).items():
            if row.get(column) == wrong:
                row[column] = right
        roles = set()
        for column in FLAG_COLUMNS:
            flag = row.get(column)
            # null: the source does not say (five bodies); the role is simply not claimed.
            if flag not in (0, 1, None):
                raise MalformedData(file=FILE, row=row_id, column=column, value=flag, problem="expected 0, 1 or null")
            if flag:
                roles.add(ROLE_WORDS[column])
        primary_word = row.get("primary_role")
        primary = ""
        if primary_word is not None:
            primary = ROLE_WORDS.get(str(primary_word).strip().lower())
            if primary is None:
                raise MalformedData(file=FILE, row=row_id, column="primary_role", value=primary_word, problem="unknown role")
            roles.add(primary)
        key = (FILE, str(require(row, "id", file=FILE, row_id=row_id)))
        wanted[key] = {
            "name": require(row, "name", file=FILE, row_id=row_id),
            "commission_type": CommissionType.POLICE_REVIEW_BOARD,
            "city": require(row, "dep_city", file=FILE, row_id=row_id),
            "state": _state(require(row, "dep_state", file=FILE, row_id=row_id), row_id=row_id),
            "established_year": optional_int(row.get("established_year"), file=FILE, row_id=row_id, column="established_year"),
            "amended_year": optional_int(row.get("amended_year"), file=FILE, row_id=row_id, column="amended_year"),
            "primary_role": primary,
            "roles": [role.value for role in OversightRole if role in roles],
            "about": (row.get("description") or "").strip(),
            "source_url": PROVENANCE.source_url,
        }
    return wanted


def city_police_departments(*, state: str, city: str) -> list[Department]:
    """The city's own police department among those we hold (never a demo one): the one in the
    city whose name is the city's, e.g. "Richmond Police Department", "New York City Police
    Department" — not the airport's or a university's police in the same city."""
    pattern = re.compile(rf"^(city of )?{re.escape(city.lower())}( city)? police\b")
    candidates = Department.objects.filter(state=state, city__iexact=city, kind=DepartmentKind.POLICE).exclude(
        dataset=DEMO_DATASET
    )
    return [department for department in candidates if pattern.match(department.name.lower())]


def load(*, summary: Summary) -> None:
    rows = read_json(FILE)
    wanted = parse(rows)
    for row_id in CORRECTIONS:
        summary.notes.append(f"row {row_id}: source error corrected ({CORRECTIONS[row_id]})")
    commissions = RecordSync(Commission, dataset=PROVENANCE.slug, summary=summary).sync(wanted)
    links = set()
    for commission in commissions.values():
        for department in city_police_departments(state=commission.state, city=commission.city):
            links.add((commission.pk, department.pk))
    sync_links(
        through=Commission.departments.through, owner_field="commission_id", target_field="department_id",
        owners=list(commissions.values()), wanted=links, summary=summary, what="departments overseen",
    )
    PROVENANCE.record(row_count=len(rows))
