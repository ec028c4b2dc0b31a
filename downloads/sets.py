"""What each bulk download holds: its CSV (and GeoJSON) files, built from public records only.

Every CSV cell a spreadsheet would run as a formula gets a leading apostrophe
(`core.spreadsheets.formula_safe`, the one guard every CSV download uses). Each row keeps its
provenance columns (data set, source file and row, source URL), so a reader can check a record
against its source.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.choices import ForceRank, UsState
from core.spreadsheets import formula_safe
from downloads import selectors
from incidents.selectors.public import incident_geojson
from officers.exporters import export_files, export_readme
from officers.models import Department, Officer
from reports.models import Finding

PROVENANCE = ["dataset", "source_file", "source_row", "source_url"]

# Sources whose records carry no `DataSet` row (they predate it, or come through another app).
KNOWN_SOURCES = {
    "pb2020": ("2020PB (2020). Police Brutality during US Protests (v1.0.0)", "MIT",
               "https://github.com/2020PB/police-brutality"),
}
LAW_SOURCES = [
    ("foilthepolice.org state public-records data (2020)", "MIT", "https://foilthepolice.org/"),
    ("FOIA Machine statutes (2014)", "MIT", "https://github.com/cirlabs/foiamachine"),
    ("The HOLE Foundation, us-transparency-laws-database v0.11.0", "CC0 1.0",
     "https://github.com/The-HOLE-Foundation/us-transparency-laws-database"),
]


@dataclass
class BuiltFile:
    name: str
    content: bytes
    rows: int


@dataclass
class BuiltSet:
    files: list[BuiltFile]
    readme_files: str
    datasets: set[str] = field(default_factory=set)
    extra_sources: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def rows(self) -> int:
        """Rows of the set's main file (the first): officers, reports, bodies, laws, incidents."""
        return self.files[0].rows


@dataclass(frozen=True)
class FileSet:
    slug: str
    title: str
    description: str
    build: Callable[[], BuiltSet]


def _cell(value) -> str:
    # A number is never run as a formula: a longitude keeps its minus sign, unquoted.
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return str(value)
    return formula_safe(value)


def csv_file(name: str, header: list[str], rows: Iterable[list]) -> BuiltFile:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([_cell(value) for value in row])
        count += 1
    return BuiltFile(name=name, content=buffer.getvalue().encode("utf-8"), rows=count)


def _state(code: str) -> str:
    return (code or "").removeprefix("USA-")


def _provenance(record) -> list:
    return [record.dataset, getattr(record, "source_file", ""), getattr(record, "source_row", ""),
            record.source_url]


def _joined(values: Iterable[str]) -> str:
    return "; ".join(value for value in values if value)


# --- officers: the officer export, in OpenOversight's format and in ours ---

def _officers(format: str) -> Callable[[], BuiltSet]:
    def build() -> BuiltSet:
        officers = selectors.officers_public()
        files = []
        for name, chunks in export_files(officers, format=format).items():
            content = b"".join(chunks)
            # Records after the header (a quoted cell may span lines, so not a line count).
            rows = sum(1 for _ in csv.reader(io.StringIO(content.decode("utf-8")))) - 1
            files.append(BuiltFile(name=name, content=content, rows=rows))
        datasets = set(officers.order_by().values_list("dataset", flat=True).distinct())
        return BuiltSet(files=files, readme_files=export_readme(officers, format=format),
                        datasets=datasets)

    return build


# --- misconduct reports and their findings ---

REPORT_COLUMNS = [
    "report_id", "report_type", "investigation_id", "department_name", "department_state",
    "officer_id", "officer_name", "named_officers", "incident_date", "report_date", "outcome",
    "outcome_as_stated", "findings_summary", "conclusion", "investigator",
    "investigator_employer", "report_url", "archived_report_url", "records_request_url",
    *PROVENANCE,
]
FINDING_COLUMNS = ["report_id", "position", "policy_category", "outcome", "basis", "summary"]


def _build_reports() -> BuiltSet:
    public_officers = selectors.officers_public()
    public_ids = set(public_officers.values_list("pk", flat=True))
    reports = (
        selectors.reports_public()
        .select_related("department", "officer")
        .prefetch_related(
            Prefetch("named_officers", queryset=Officer.objects.order_by("last_name", "first_name")),
            Prefetch("findings", queryset=Finding.objects.order_by("position", "pk")),
        )
        .order_by("department__name", "-incident_date", "-report_date", "pk")
    )
    report_rows, finding_rows, datasets = [], [], set()
    for report in reports:
        # An officer who is not public is not named, even on a public report.
        officer = report.officer if report.officer_id in public_ids else None
        named = [o.full_name for o in report.named_officers.all() if o.pk in public_ids]
        report_rows.append([
            report.public_id, report.report_type, report.investigation_id, report.department.name,
            _state(report.department.state), officer.public_id if officer else "",
            officer.full_name if officer else "", _joined(named), report.incident_date or "",
            report.report_date or "", report.outcome, report.outcome_as_stated,
            report.findings_summary, report.conclusion, report.investigator,
            report.investigator_employer, report.report_url, report.archived_report_url,
            report.records_request_url, *_provenance(report),
        ])
        for finding in report.findings.all():
            finding_rows.append([report.public_id, finding.position, finding.policy_category,
                                 finding.outcome, finding.basis, finding.summary])
        datasets.add(report.dataset)
    readme = (
        "reports.csv: one row per misconduct report (an investigation and its outcome).\n"
        "  report_id is the report's public id on this site (/reports/<report_id>/).\n"
        "  outcome: sustained, not_sustained, exonerated, unfounded, or empty where the source\n"
        "  gives none; outcome_as_stated keeps the source's own words.\n"
        "  officer_id and officer_name are empty for a department-level report.\n"
        "findings.csv: one row per finding (an allegation), joined to reports.csv by report_id;\n"
        "  policy_category and outcome are this site's codes.\n"
    )
    return BuiltSet(
        files=[csv_file("reports.csv", REPORT_COLUMNS, report_rows),
               csv_file("findings.csv", FINDING_COLUMNS, finding_rows)],
        readme_files=readme, datasets=datasets,
    )


# --- oversight bodies ---

COMMISSION_COLUMNS = [
    "body_id", "name", "commission_type", "primary_role", "roles", "state", "city", "address",
    "postal_code", "phone", "tdd", "fax", "email", "website", "contact_form_url",
    "established_year", "amended_year", "departments_covered", "about",
    "complaint_instructions", *PROVENANCE,
]


def _build_commissions() -> BuiltSet:
    departments = Department.objects.public().order_by("name")
    bodies = (
        selectors.commissions_public()
        .prefetch_related(Prefetch("departments", queryset=departments))
        .order_by("state", "city", "name", "pk")
    )
    rows, datasets = [], set()
    for body in bodies:
        rows.append([
            body.public_id, body.name, body.commission_type, body.primary_role,
            _joined(body.roles or []), _state(body.state), body.city, body.address,
            body.postal_code, body.phone, body.tdd, body.fax, body.email, body.website,
            body.contact_form_url, body.established_year or "", body.amended_year or "",
            _joined(d.name for d in body.departments.all()), body.about,
            body.complaint_instructions, *_provenance(body),
        ])
        datasets.add(body.dataset)
    readme = (
        "oversight_bodies.csv: one row per civilian police oversight body.\n"
        "  roles: what the body does (investigative, review, audit, ...), separated by '; '.\n"
        "  departments_covered: the departments it oversees, separated by '; '.\n"
        "  state is the two-letter postal code.\n"
    )
    return BuiltSet(files=[csv_file("oversight_bodies.csv", COMMISSION_COLUMNS, rows)],
                    readme_files=readme, datasets=datasets)


# --- public-records laws ---

LAW_COLUMNS = [
    "state", "state_name", "name", "statute_citation", "statute_url", "deadline_kind",
    "deadline_days", "deadline_wording", "deadline_citation", "deadline_verified_on",
    "deadline_source", "appeal_first_level", "appeal_first_level_citation",
    "appeal_first_level_deadline_days", "appeal_second_level", "appeal_second_level_citation",
    "attorney_fees_recoverable", "attorney_fees_citation", "copy_fee", "copy_fee_citation",
    "search_fee", "search_fee_citation", "fee_waiver_available", "fee_waiver_notes",
    "requester_identification_required", "requester_purpose_required",
    "requester_residency_required", "requester_notes",
]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _build_laws() -> BuiltSet:
    names = dict(UsState.choices)
    rows = []
    for law in selectors.laws_public().order_by("jurisdiction"):
        rows.append([
            _state(law.jurisdiction), str(names.get(law.jurisdiction, "")), law.name,
            law.statute_citation, law.statute_url, law.deadline_kind, law.deadline_days or "",
            law.deadline_wording, law.deadline_citation, law.deadline_verified_on or "",
            law.deadline_source, law.appeal_first_level, law.appeal_first_level_citation,
            law.appeal_first_level_deadline_days or "", law.appeal_second_level,
            law.appeal_second_level_citation, _yes_no(law.attorney_fees_recoverable),
            law.attorney_fees_citation, law.copy_fee, law.copy_fee_citation, law.search_fee,
            law.search_fee_citation, _yes_no(law.fee_waiver_available), law.fee_waiver_notes,
            _yes_no(law.requester_identification_required), _yes_no(law.requester_purpose_required),
            _yes_no(law.requester_residency_required), law.requester_notes,
        ])
    readme = (
        "records_laws.csv: one row per state, territory and DC: its public-records law.\n"
        "  deadline_kind: business_days, calendar_days, or another kind of rule (deadline_wording).\n"
        "  deadline_verified_on: the date someone checked the deadline against the statute text\n"
        "  (deadline_citation); empty where it comes from a data set only. deadline_source says\n"
        "  which: verified, hole, foilthepolice, foiamachine, staff or editors.\n"
        "  The three sources disagree in places: the statute is the authority.\n"
    )
    return BuiltSet(files=[csv_file("records_laws.csv", LAW_COLUMNS, rows)], readme_files=readme,
                    extra_sources=LAW_SOURCES)


# --- approved use-of-force incidents, as CSV and GeoJSON ---

INCIDENT_COLUMNS = [
    "incident_id", "date", "title", "summary", "force_rank", "force_rank_label", "city", "state",
    "latitude", "longitude", "tags", "links", "source_kind", "dataset", "external_id",
    "source_url",
]


def _build_incidents() -> BuiltSet:
    labels = {rank: str(label) for rank, label in ForceRank.choices}
    incidents = selectors.incidents_approved().order_by("date", "pk")
    rows = []
    for incident in incidents:
        rows.append([
            incident.pk, incident.date or "", incident.title, incident.summary,
            incident.force_rank, labels.get(incident.force_rank, ""), incident.city,
            _state(incident.state), "" if incident.latitude is None else incident.latitude,
            "" if incident.longitude is None else incident.longitude,
            _joined(incident.tags or []), _joined(incident.links or []), incident.source_kind,
            incident.dataset, incident.external_id, incident.source_url,
        ])
    geojson = incident_geojson(
        incidents, detail_url=lambda pk: reverse("incidents:detail", kwargs={"pk": pk})
    )
    located = len(geojson["features"])
    datasets = set(incidents.order_by().values_list("dataset", flat=True).distinct())
    readme = (
        "incidents.csv: one row per use-of-force incident that reviewers approved.\n"
        "  force_rank: 1 police present, no force; 2 open hand; 3 blunt force (less-lethal\n"
        "  impact); 4 chemical and electric; 5 lethal force.\n"
        "  tags and links are separated by '; '. Links point to third-party media.\n"
        "incidents.geojson: the incidents with a location, as a GeoJSON FeatureCollection\n"
        "  (longitude, latitude); each feature's id is the incident_id and its url the\n"
        "  incident's page on this site.\n"
    )
    return BuiltSet(
        files=[csv_file("incidents.csv", INCIDENT_COLUMNS, rows),
               BuiltFile(name="incidents.geojson",
                         content=json.dumps(geojson, ensure_ascii=False, indent=1, default=str).encode("utf-8"),
                         rows=located)],
        readme_files=readme, datasets=datasets,
    )


FILE_SETS = [
    FileSet("officers-openoversight", _("Officers (OpenOversight format)"),
            _("Published officers with their assignments (badge numbers, ranks, units), salaries "
              "and links, in the CSV files OpenOversight's advanced import reads unchanged."),
            _officers("openoversight")),
    FileSet("officers", _("Officers (our format)"),
            _("The same officers with this site's own ids and codes, to move records between "
              "instances of Accountable or for analysis."),
            _officers("accountable")),
    FileSet("reports", _("Misconduct reports and findings"),
            _("Published investigation reports with their outcome, and every finding with its "
              "policy category and outcome."),
            _build_reports),
    FileSet("oversight-bodies", _("Oversight bodies"),
            _("Civilian police oversight bodies: what they do, how to reach them, the "
              "departments they cover."),
            _build_commissions),
    FileSet("records-laws", _("Public-records laws"),
            _("Each state's public-records law: citation, response deadline (with the date it was "
              "verified), appeals, fees and who may ask."),
            _build_laws),
    FileSet("incidents", _("Use-of-force incidents"),
            _("Incidents that reviewers approved, with their force rank and place, as CSV and "
              "GeoJSON."),
            _build_incidents),
]


def file_set(slug: str) -> FileSet | None:
    return next((s for s in FILE_SETS if s.slug == slug), None)
