"""New York City's Civilian Complaint Review Board: closing reports (one report each, on the
NYPD as a whole unless a departure letter names an officer) and departure letters (officers
who left the NYPD before their case closed)."""

import re
from datetime import date, datetime

from core.choices import UsState
from officers.models import Department, DepartmentKind, Link, LinkType, Officer
from oversight.models import Commission
from reports.models import FindingOutcome, Report, ReportType

from .base import MalformedData, Provenance, RecordSync, Summary, read_json, require, sync_links
from .oversight_bodies import PROVENANCE as BODIES
from .oversight_bodies import city_police_departments

REPORTS_FILE = "nyc_ccrb_closing_reports.json"
LETTERS_FILE = "nyc_ccrb_departure_letters.json"
CCRB = "Civilian Complaint Review Board"
PROVENANCE = Provenance(
    slug="nyc-ccrb-complaint-records",
    title="NYC Civilian Complaint Review Board closing reports and departure letters",
    publisher="New York City Civilian Complaint Review Board, collected by ryanwatkins/ccrb-complaint-records",
    source_url="https://github.com/ryanwatkins/ccrb-complaint-records/tree/7afa2bd",
    source_commit="7afa2bd",
    files=[REPORTS_FILE, LETTERS_FILE],
    licence="MIT (collection); NYC Open Data terms (records)",
    licence_url="https://opendata.cityofnewyork.us/overview/#termsofuse",
    attribution="Source: New York City Civilian Complaint Review Board (nyc.gov/ccrb). "
                "Collected by ryanwatkins/ccrb-complaint-records (MIT).",
    published_on=date(2026, 6, 17),
)
DEPARTMENT_KEY = (REPORTS_FILE, "department:NYPD")

# CCRB's case dispositions onto our four outcomes. Every "Substantiated (…)" variant is
# sustained (the parenthesis is the discipline CCRB recommended). Dispositions that decide
# nothing about the officer's conduct ("Officer(s) Unidentified", "Unable to Determine",
# "Miscellaneous - Subject Retired") map to no outcome; the CCRB wording is always kept.
OUTCOMES = {
    "Unsubstantiated": FindingOutcome.NOT_SUSTAINED,
    "Exonerated": FindingOutcome.EXONERATED,
    "Within NYPD Guidelines": FindingOutcome.EXONERATED,
    "Unfounded": FindingOutcome.UNFOUNDED,
    "Officer(s) Unidentified": "",
    "Unable to Determine": "",
    "Miscellaneous - Subject Retired": "",
}


def outcome_for(disposition: str, *, row_id) -> str:
    if disposition.startswith("Substantiated"):
        return FindingOutcome.SUSTAINED
    if disposition not in OUTCOMES:
        raise MalformedData(file=REPORTS_FILE, row=row_id, column="CaseDisposition", value=disposition,
                            problem="unknown CCRB disposition")
    return OUTCOMES[disposition]


def _us_date(value: str, *, file: str, row_id, column: str) -> date:
    try:
        return datetime.strptime(value, "%m/%d/%Y").date()
    except ValueError:
        raise MalformedData(file=file, row=row_id, column=column, value=value, problem="not a date (MM/DD/YYYY)") from None


def _url(value: str, *, file: str, row_id, column: str) -> str:
    if not re.match(r"^https://", value):
        raise MalformedData(file=file, row=row_id, column=column, value=value, problem="not an https URL")
    return value


def _records(payload, key: str, file: str) -> list:
    if not isinstance(payload, dict) or not isinstance(payload.get(key), list):
        raise MalformedData(file=file, row="-", column=key, value="", problem=f"expected an object with a {key!r} list")
    return payload[key]


def load(*, summary: Summary) -> None:
    reports_payload, letters_payload = read_json(REPORTS_FILE), read_json(LETTERS_FILE)
    closing = _records(reports_payload, "closingReports", REPORTS_FILE)
    letters = _records(letters_payload, "departureLetters", LETTERS_FILE)

    wanted_reports = {}
    for position, row in enumerate(closing, start=1):
        if not isinstance(row, dict):
            raise MalformedData(file=REPORTS_FILE, row=position, column="-", value=row, problem="expected an object")
        case = require(row, "ComplaintId", file=REPORTS_FILE, row_id=position)
        disposition = require(row, "CaseDisposition", file=REPORTS_FILE, row_id=case)
        pdf = _url(require(row, "WebsiteDocumentFileName", file=REPORTS_FILE, row_id=case),
                   file=REPORTS_FILE, row_id=case, column="WebsiteDocumentFileName")
        wanted_reports[(REPORTS_FILE, case)] = {
            "report_type": ReportType.OVERSIGHT_COMMISSION,
            "investigator_employer": CCRB,
            "investigation_id": case,
            "report_date": _us_date(require(row, "ClosedDate", file=REPORTS_FILE, row_id=case),
                                    file=REPORTS_FILE, row_id=case, column="ClosedDate"),
            "outcome": outcome_for(disposition, row_id=case),
            "outcome_as_stated": disposition,
            "report_url": pdf,
            "source_url": pdf,
        }

    wanted_officers, wanted_links, named = {}, [], []
    for position, row in enumerate(letters, start=1):
        if not isinstance(row, dict):
            raise MalformedData(file=LETTERS_FILE, row=position, column="-", value=row, problem="expected an object")
        case = require(row, "CaseNumber", file=LETTERS_FILE, row_id=position)
        link = _url(require(row, "FileLink", file=LETTERS_FILE, row_id=position),
                    file=LETTERS_FILE, row_id=position, column="FileLink")
        # The letter's file name carries the officer's NYPD tax registry number: the one id that
        # tells apart two officers of one name, and one officer named in several cases.
        tax = re.search(r"_Tax(\d+)_", link)
        if tax is None:
            raise MalformedData(file=LETTERS_FILE, row=position, column="FileLink", value=link,
                                problem="no tax registry number (_Tax<digits>_) in the file name")
        key = (LETTERS_FILE, f"tax:{tax.group(1)}")
        wanted_officers.setdefault(key, {
            "first_name": require(row, "FirstName", file=LETTERS_FILE, row_id=position),
            "last_name": require(row, "LastName", file=LETTERS_FILE, row_id=position),
            "internal_id": tax.group(1),
        })
        title = f"CCRB departure letter, case {case} ({row.get('ReportYear', '')}-{row.get('ReportMonth', '')})"
        wanted_links.append((key, link, title))
        if (REPORTS_FILE, case) in wanted_reports:
            named.append(((REPORTS_FILE, case), key))
    orphans = len(letters) - len(named)
    if orphans:
        summary.notes.append(f"{orphans} departure letter(s) name a case with no closing report: "
                           "the officer is kept, with the letter on the officer's page")

    departments = RecordSync(Department, dataset=PROVENANCE.slug, summary=summary).sync({DEPARTMENT_KEY: {
        "name": "New York City Police Department", "short_name": "NYPD", "kind": DepartmentKind.POLICE,
        "state": UsState.USA_NY, "city": "New York", "internal_id_label": "Tax registry number",
        "website": "https://www.nyc.gov/site/nypd/index.page",
        "source_url": "https://www.nyc.gov/site/ccrb/index.page",
    }})
    nypd = departments[DEPARTMENT_KEY]
    reports = RecordSync(Report, dataset=PROVENANCE.slug, summary=summary).sync(
        {key: {**values, "department_id": nypd.pk} for key, values in wanted_reports.items()}
    )
    officers = RecordSync(Officer, dataset=PROVENANCE.slug, summary=summary).sync(
        {key: {**values, "department_id": nypd.pk, "source_url": links_url(wanted_links, key)}
         for key, values in wanted_officers.items()}
    )
    sync_links(
        through=Report.named_officers.through, owner_field="report_id", target_field="officer_id",
        owners=list(reports.values()),
        wanted={(reports[report_key].pk, officers[officer_key].pk) for report_key, officer_key in named},
        summary=summary, what="officers named in cases",
    )
    _sync_letters(officers, wanted_links, summary)
    _link_oversight(nypd, summary)
    PROVENANCE.record(row_count=len(closing) + len(letters))


def links_url(wanted_links, key) -> str:
    return next(url for officer_key, url, _title in wanted_links if officer_key == key)


def _sync_letters(officers: dict, wanted_links: list, summary: Summary) -> None:
    existing = set(Link.objects.filter(officer__in=list(officers.values())).values_list("officer_id", "url"))
    new = {}
    for key, url, title in wanted_links:
        if (officers[key].pk, url) not in existing:
            new.setdefault((key, url), Link(officer=officers[key], url=url, title=title,
                                            link_type=LinkType.DOCUMENT, author=CCRB))
    new = list(new.values())
    Link.objects.bulk_create(new)
    summary.notes.append(f"departure letters on officer pages: {len(new)} added, {len(wanted_links) - len(new)} already there")


def _link_oversight(nypd: Department, summary: Summary) -> None:
    """CCRB oversees the NYPD: link them when the oversight bodies are loaded (either order)."""
    ccrb = Commission.objects.filter(dataset=BODIES.slug, state=UsState.USA_NY, city="New York",
                                     name__icontains="Complaint Review Board").first()
    if ccrb is not None and nypd in city_police_departments(state=nypd.state, city=nypd.city):
        if not ccrb.departments.filter(pk=nypd.pk).exists():
            ccrb.departments.add(nypd)
            summary.notes.append(f"{ccrb.name} linked to the NYPD")
