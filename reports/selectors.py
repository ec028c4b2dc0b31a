"""Reads for misconduct reports. Public reads go through `Report.objects.public()`, and show a
report's officers only where they are public themselves (`with_public_officers`)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from officers.models import Department, Officer
from reports.models import Finding, FindingOutcome, Report


def _published_reports() -> QuerySet[Report]:
    return (
        Report.objects.public()
        .with_public_officers()
        .select_related("officer", "department")
        .prefetch_related(
            Prefetch("findings", queryset=Finding.objects.public_under_public_parent().order_by("position", "pk")),
        )
    )


def report_public_count() -> int:
    return Report.objects.public().count()


def department_report_count(*, department: Department) -> int:
    return Report.objects.public().filter(department=department).count()


def report_search(
    *,
    officer_name: str = "",
    department: Department | None = None,
    city: str = "",
    state: str = "",
    incident_year: int | None = None,
    policy_category: str = "",
    outcome: str = "",
) -> QuerySet[Report]:
    """Published reports matching every filter given.

    Codes (state, policy category, outcome) match exactly: a filter for one policy never
    matches another whose code merely contains it. A policy and an outcome given together
    must hold on the same finding.
    """
    reports = _published_reports()
    for word in officer_name.split():
        # The report's officer, or one named in a case about several (an oversight body's).
        reports = reports.filter(pk__in=Report.objects.naming_public_officer(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(middle_name__icontains=word)
        ).values("pk"))
    if department is not None:
        reports = reports.filter(department=department)
    if city.strip():
        reports = reports.filter(department__city__iexact=city.strip())
    if state:
        reports = reports.filter(department__state=state)
    if incident_year:
        reports = reports.filter(incident_date__year=incident_year)
    finding_filter = Q()
    if policy_category:
        finding_filter &= Q(policy_category=policy_category)
    if outcome:
        finding_filter &= Q(outcome=outcome)
    if finding_filter:
        matches = Q(pk__in=Finding.objects.filter(finding_filter).values("report_id"))
        if outcome and not policy_category:
            # A case decided as a whole (no per-policy findings) has its outcome on the report.
            matches |= Q(outcome=outcome)
        reports = reports.filter(matches)
    return reports


def report_header_search(
    *,
    first: str = "",
    last: str = "",
    city: str = "",
    state: str = "",
    incident_year: int | None = None,
    policy_category: str = "",
    public_id=None,
) -> QuerySet[Report]:
    """Published reports for Bad Apple's `/API/BA/` filters, with Bad Apple's matching: names and
    city match as parts (its documented `City: Berk` finds Berkeley), codes and ids exactly."""
    reports = report_search(state=state, incident_year=incident_year, policy_category=policy_category)
    if first.strip():
        reports = reports.filter(pk__in=Report.objects.naming_public_officer(
            Q(first_name__icontains=first.strip())
        ).values("pk"))
    if last.strip():
        reports = reports.filter(pk__in=Report.objects.naming_public_officer(
            Q(last_name__icontains=last.strip())
        ).values("pk"))
    if city.strip():
        reports = reports.filter(department__city__icontains=city.strip())
    if public_id is not None:
        reports = reports.filter(public_id=public_id)
    return reports.order_by("-incident_date", "-report_date", "-created_at", "pk")


def report_get_published(*, public_id) -> Report:
    """The published report with this public id, or 404 (drafts and retractions included)."""
    report = _published_reports().filter(public_id=public_id).first()
    if report is None:
        raise Http404("No such report")
    return report


def report_search_departments() -> QuerySet[Department]:
    """Departments that have at least one published report, for the search filter."""
    # Two plain queries: as one IN (subquery with a join), a freshly loaded database without
    # statistics yet chose a plan that took minutes.
    ids = set(Report.objects.public().order_by().values_list("department_id", flat=True).distinct())
    return Department.objects.filter(pk__in=ids).order_by("name")


def report_incident_years() -> list[int]:
    dates = Report.objects.public().exclude(incident_date=None).dates("incident_date", "year")
    return sorted({day.year for day in dates}, reverse=True)


@dataclass
class OfficerReportSummary:
    """An officer's published reports, with counts the officer page shows at a glance."""

    officer: Officer
    reports: list[Report] = field(default_factory=list)
    total_reports: int = 0
    total_findings: int = 0
    sustained_findings: int = 0
    outcome_counts: dict[str, int] = field(default_factory=dict)

    @property
    def has_reports(self) -> bool:
        return self.total_reports > 0

    @property
    def outcomes(self) -> list[tuple[str, str, int]]:
        """(value, label, count) for every outcome, in the canonical order, zeros included."""
        return [
            (value, label, self.outcome_counts.get(value, 0))
            for value, label in FindingOutcome.choices
        ]


def finding_outcomes_by_report(*, report_ids) -> dict[int, Counter]:
    """Each public report's findings by outcome. A case decided as a whole (an outcome on the
    report and no per-allegation finding, as in CCRB's closing reports) counts as one finding of
    that outcome."""
    tallies: dict[int, Counter] = defaultdict(Counter)
    rows = (
        Finding.objects.public().filter(report_id__in=report_ids).order_by()
        .values_list("report_id", "outcome").annotate(count=Count("pk"))
    )
    for report_id, outcome, count in rows:
        tallies[report_id][outcome] += count
    undivided = (
        Report.objects.public().filter(pk__in=report_ids).exclude(outcome="")
        .exclude(pk__in=list(tallies)).values_list("pk", "outcome")
    )
    for report_id, outcome in undivided:
        tallies[report_id][outcome] += 1
    return tallies


def officer_report_summary(*, officer: Officer) -> OfficerReportSummary:
    """The published reports about `officer` with their findings, and the counts by outcome."""
    reports = list(
        _published_reports()
        .filter(pk__in=Report.objects.naming_public_officer(Q(pk=officer.pk)).values("pk"))
    )
    counts: Counter = Counter()
    for tally in finding_outcomes_by_report(report_ids=[report.pk for report in reports]).values():
        counts.update(tally)
    return OfficerReportSummary(
        officer=officer,
        reports=reports,
        total_reports=len(reports),
        total_findings=sum(counts.values()),
        sustained_findings=counts.get(FindingOutcome.SUSTAINED, 0),
        outcome_counts=dict(counts),
    )
