"""Reads for an officer's record at a glance: the summary, where the officer stands in the
department, the timeline and who the officer is accused with.

Public records only: published reports, approved incidents, published certification events of
published officers of published departments. Every function runs a fixed number of queries,
whatever the size of the record (the officer page's query count test holds them to it).
"""

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.choices import state_name
from incidents.models import Incident
from officers.models import Assignment, CertificationEvent, Officer
from officers.selectors import officer_public_queryset
from reports.models import FindingOutcome, Report
from reports.selectors import finding_outcomes_by_report

# Service shorter than this counts as this long when findings are divided by years: a recruit
# with one finding in their first month is not "twelve findings a year".
MIN_SERVICE_YEARS = 1.0
# Fewer peers with known service than this, and no percentile is shown (it would mean little).
MIN_PEERS_FOR_PERCENTILE = 5
CO_ACCUSED_LIMIT = 24


def _public_reports():
    return Report.objects.public()


def _public_incidents():
    return Incident.objects.public()


def _report_ids_for(officer_ids) -> dict[int, set[int]]:
    """Published report ids per officer: reports about them and cases naming them."""
    reports = _public_reports()
    by_officer: dict[int, set[int]] = defaultdict(set)
    for officer_id, report_id in reports.filter(officer_id__in=officer_ids).values_list("officer_id", "pk"):
        by_officer[officer_id].add(report_id)
    # The officer's rows of the link table first (its officer index), then which of those
    # reports are public, by primary key: joined in one query, PostgreSQL with stale statistics
    # after a bulk load scanned every report per department (6 s on the 5,627 CCRB cases,
    # bench/officer_record.py); in two, each step is an index lookup whatever the statistics.
    pairs = list(
        Report.named_officers.through.objects.filter(officer_id__in=officer_ids).values_list("officer_id", "report_id")
    )
    public = set(reports.filter(pk__in={report_id for _officer, report_id in pairs}).values_list("pk", flat=True))
    named = [(officer_id, report_id) for officer_id, report_id in pairs if report_id in public]
    for officer_id, report_id in named:
        by_officer[officer_id].add(report_id)
    return by_officer


@dataclass(frozen=True)
class Service:
    start: datetime.date | None
    end: datetime.date | None  # None: still serving, or not known to have left
    serving: bool

    @property
    def years(self) -> float | None:
        if self.start is None:
            return None
        end = self.end if self.end and not self.serving else datetime.date.today()
        return max((end - self.start).days / 365.25, 0.0)


def _service_by_officer(officers) -> dict[int, Service]:
    """Start: the employment date, else the first assignment's start. End: today while an
    assignment is open, else the last assignment's end."""
    rows = officers.order_by().annotate(
        first_start=Min("assignments__start_date"),
        last_end=Max("assignments__end_date"),
        open_count=Count("assignments", filter=Q(assignments__end_date=None)),
    ).values_list("pk", "employment_date", "first_start", "last_end", "open_count")
    return {
        pk: Service(start=employed or first_start, end=last_end, serving=bool(open_count))
        for pk, employed, first_start, last_end, open_count in rows
    }


@dataclass
class Standing:
    """Where the officer stands in the department on findings per year of service."""
    rate: float | None = None
    percentile: int | None = None
    peers: int = 0
    reason: str = ""


@dataclass
class OfficerSummary:
    reports: int = 0
    findings: int = 0
    sustained: int = 0
    outcomes: list[tuple[str, str, int]] = field(default_factory=list)
    incidents: int = 0
    certification_events: int = 0
    decertified: bool = False
    service: Service | None = None
    standing: Standing = field(default_factory=Standing)

    @property
    def service_years(self) -> int | None:
        years = self.service.years if self.service else None
        return None if years is None else int(years)


def _rate(findings: int, service: Service | None) -> float | None:
    if service is None or service.years is None:
        return None
    return findings / max(service.years, MIN_SERVICE_YEARS)


def _standing(*, officer: Officer, findings: int, service: Service | None) -> Standing:
    rate = _rate(findings, service)
    if rate is None:
        return Standing(reason=_("No employment or assignment dates are on file for this officer."))
    peers = officer_public_queryset().filter(department_id=officer.department_id).exclude(pk=officer.pk)
    services = _service_by_officer(peers)
    known = {pk: s for pk, s in services.items() if s.years is not None}
    if len(known) < MIN_PEERS_FOR_PERCENTILE:
        return Standing(rate=rate, peers=len(known), reason=_(
            "Fewer than %(minimum)s other officers of this department have service dates on file."
        ) % {"minimum": MIN_PEERS_FOR_PERCENTILE})
    reports = _report_ids_for(list(known))
    outcomes = finding_outcomes_by_report(report_ids={pk for ids in reports.values() for pk in ids})
    lower = ties = 0
    for pk, peer_service in known.items():
        peer_findings = sum(sum(outcomes[r].values()) for r in reports.get(pk, ()))
        peer_rate = _rate(peer_findings, peer_service)
        if peer_rate < rate:
            lower += 1
        elif peer_rate == rate:
            ties += 1
    # Mid-rank percentile: the share of peers below, counting ties as half below.
    percentile = round(100 * (lower + ties / 2) / len(known))
    return Standing(rate=rate, percentile=percentile, peers=len(known))


def officer_summary(*, officer: Officer) -> OfficerSummary:
    """The officer's record in numbers, and where it stands in the department."""
    report_ids = _report_ids_for([officer.pk]).get(officer.pk, set())
    outcomes = Counter()
    for tally in finding_outcomes_by_report(report_ids=report_ids).values():
        outcomes.update(tally)
    events = CertificationEvent.objects.public().filter(officer=officer)
    service = _service_by_officer(Officer.objects.filter(pk=officer.pk)).get(officer.pk)
    findings = sum(outcomes.values())
    return OfficerSummary(
        reports=len(report_ids),
        findings=findings,
        sustained=outcomes.get(FindingOutcome.SUSTAINED, 0),
        outcomes=[(value, label, outcomes.get(value, 0)) for value, label in FindingOutcome.choices],
        incidents=_public_incidents().filter(officers=officer).count(),
        certification_events=events.count(),
        decertified=events.filter(kind="decertified").exists(),
        service=service,
        standing=_standing(officer=officer, findings=findings, service=service),
    )


# --- Timeline -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    date: datetime.date | None
    kind: str  # assignment, badge, employment, report, finding, incident, certification
    title: str
    detail: str = ""
    url: str = ""


TIMELINE_KINDS = {
    "employment": gettext_lazy("Employment"),
    "assignment": gettext_lazy("Assignment"),
    "badge": gettext_lazy("Badge change"),
    "report": gettext_lazy("Report"),
    "finding": gettext_lazy("Findings"),
    "incident": gettext_lazy("Incident"),
    "certification": gettext_lazy("Certification"),
}


def _assignment_events(officer: Officer) -> list[TimelineEvent]:
    events = []
    assignments = (
        Assignment.objects.filter(officer=officer).select_related("rank", "unit")
        .order_by("start_date", "pk")
    )
    previous_badge = ""
    for assignment in assignments:
        parts = [p for p in (assignment.rank and assignment.rank.name, assignment.unit and assignment.unit.name) if p]
        badge = assignment.badge_number
        if previous_badge and badge and badge != previous_badge:
            events.append(TimelineEvent(
                date=assignment.start_date, kind="badge",
                title=_("Badge #%(new)s (was #%(old)s)") % {"new": badge, "old": previous_badge},
            ))
        events.append(TimelineEvent(
            date=assignment.start_date, kind="assignment",
            title=", ".join(parts) or (_("Badge #%(badge)s") % {"badge": badge} if badge else _("Assignment")),
            detail=_("Badge #%(badge)s") % {"badge": badge} if badge and parts else "",
        ))
        if assignment.end_date:
            events.append(TimelineEvent(
                date=assignment.end_date, kind="assignment",
                title=_("Assignment ended: %(what)s") % {"what": ", ".join(parts) or _("badge #%(badge)s") % {"badge": badge}},
            ))
        previous_badge = badge or previous_badge
    return events


def officer_timeline(*, officer: Officer) -> list[TimelineEvent]:
    """Assignments, badge changes, reports, findings, incidents and certification events in
    date order, oldest first; undated events last."""


    events = _assignment_events(officer)
    if officer.employment_date:
        events.append(TimelineEvent(date=officer.employment_date, kind="employment", title=_("Employed")))
    report_ids = _report_ids_for([officer.pk]).get(officer.pk, set())
    outcomes = finding_outcomes_by_report(report_ids=report_ids)
    labels = dict(FindingOutcome.choices)
    for report in _public_reports().filter(pk__in=report_ids).order_by("pk"):
        url = reverse("reports:detail", kwargs={"public_id": report.public_id})
        name = report.investigation_id or report.get_report_type_display()
        if report.incident_date or not report.report_date:
            events.append(TimelineEvent(
                date=report.incident_date, kind="report", url=url,
                title=_("Incident investigated in %(report)s") % {"report": name},
            ))
        if report.report_date:
            tally = outcomes.get(report.pk, Counter())
            summary = ", ".join(f"{count} {labels.get(outcome, outcome)}" for outcome, count in sorted(tally.items()))
            events.append(TimelineEvent(
                date=report.report_date, kind="finding", url=url,
                title=_("%(report)s closed") % {"report": name},
                detail=summary or report.outcome_as_stated,
            ))
    for incident in _public_incidents().filter(officers=officer).order_by("pk"):
        events.append(TimelineEvent(
            date=incident.date, kind="incident", title=incident.title,
            detail=incident.get_force_rank_display(),
            url=reverse("incidents:detail", kwargs={"pk": incident.pk}),
        ))
    for event in CertificationEvent.objects.public().filter(officer=officer).order_by("pk"):
        events.append(TimelineEvent(
            date=None if event.date_in_doubt else event.date, kind="certification",
            title=f"{event.get_kind_display()} ({state_name(event.state)})",
            detail=event.reason if not event.date_in_doubt else _(
                "%(date)s as stated by the source, which cannot be right"
            ) % {"date": event.date_as_stated},
        ))
    return sorted(events, key=lambda e: (e.date is None, e.date or datetime.date.min))


# --- Co-accused -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CoAccused:
    officer: Officer
    reports: int
    incidents: int

    @property
    def shared(self) -> int:
        return self.reports + self.incidents


def officer_co_accused(*, officer: Officer, limit: int = CO_ACCUSED_LIMIT) -> tuple[list[CoAccused], int]:
    """Officers named with `officer` in the same published report (a CCRB case, an internal
    affairs report) or approved incident, most shared records first; and how many there are
    in all (the list stops at `limit`)."""

    report_ids = _report_ids_for([officer.pk]).get(officer.pk, set())
    shared_reports: dict[int, set[int]] = defaultdict(set)
    for other, report_id in Report.objects.filter(pk__in=report_ids).exclude(officer=None).values_list("officer_id", "pk"):
        shared_reports[other].add(report_id)
    named = Report.named_officers.through.objects.filter(report_id__in=report_ids).values_list("officer_id", "report_id")
    for other, report_id in named:
        shared_reports[other].add(report_id)
    incident_ids = _public_incidents().filter(officers=officer).values("pk")
    shared_incidents: dict[int, int] = Counter(
        Incident.officers.through.objects.filter(incident_id__in=incident_ids).values_list("officer_id", flat=True)
    )
    others = (set(shared_reports) | set(shared_incidents)) - {officer.pk}
    public = {o.pk: o for o in officer_public_queryset().filter(pk__in=others, merged_into=None).select_related("department")}
    rows = [
        CoAccused(officer=public[pk], reports=len(shared_reports.get(pk, ())), incidents=shared_incidents.get(pk, 0))
        for pk in public
    ]
    rows.sort(key=lambda row: (-row.shared, row.officer.last_name, row.officer.first_name, row.officer.pk))
    return rows[:limit], len(rows)


@dataclass(frozen=True)
class NetworkNode:
    row: CoAccused
    x: float
    y: float
    radius: float
    stroke: float


NETWORK_SIZE = 360


def co_accused_network(rows: list[CoAccused]) -> list[NetworkNode]:
    """Where to draw each co-accused officer around the officer (at the centre of a
    NETWORK_SIZE square): on one circle, most shared first from the top, clockwise; the line's
    width and the dot's size grow with the number of shared records."""
    if not rows:
        return []
    centre = NETWORK_SIZE / 2
    ring = centre - 40
    most = max(row.shared for row in rows)
    nodes = []
    for index, row in enumerate(rows):
        angle = 2 * math.pi * index / len(rows) - math.pi / 2
        weight = row.shared / most
        nodes.append(NetworkNode(
            row=row, x=round(centre + ring * math.cos(angle), 1), y=round(centre + ring * math.sin(angle), 1),
            radius=round(8 + 8 * weight, 1), stroke=round(1 + 4 * weight, 1),
        ))
    return nodes
