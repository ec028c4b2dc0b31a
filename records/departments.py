"""The department page's record in numbers: reports and findings by outcome per year,
incidents per month, decertifications per year, and the data sets behind them with dates.

Reads public records only, in a fixed number of aggregate queries whatever the department's
size; the charts are drawn on the server as inline SVG (no JavaScript)."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.models import DataSet
from incidents.charts import months_chart, nice_max
from incidents.models import Incident
from incidents.selectors import incidents_by_month
from officers.models import CertificationEvent, CertificationEventKind, Department
from reports.models import Finding, FindingOutcome, Report

OUTCOMES = ("sustained", "not_sustained", "exonerated", "unfounded")


@dataclass
class YearRow:
    year: int
    reports: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)

    @property
    def findings(self) -> int:
        return sum(self.outcomes.values())

    @property
    def outcome_counts(self) -> list[int]:
        """Counts in OUTCOMES order, for the figures' table."""
        return [self.outcomes.get(outcome, 0) for outcome in OUTCOMES]


@dataclass
class DepartmentRecord:
    years: list[YearRow]
    decertifications: list[tuple[int, int]]
    decertifications_undated: int
    incident_months: list[dict]
    data_sets: list[DataSet]


def _year_rows(department: Department) -> list[YearRow]:
    """Reports per year (the year the case closed, else the year of the incident), and their
    findings by outcome; a case decided as a whole counts as one finding of its outcome."""

    reports = Report.objects.public().filter(department=department).annotate(
        year=ExtractYear(Coalesce("report_date", "incident_date"))
    )
    rows: dict[int, YearRow] = {}

    def row(year) -> YearRow:
        return rows.setdefault(year, YearRow(year=year))

    for item in reports.exclude(year=None).order_by().values("year").annotate(n=Count("pk")):
        row(item["year"]).reports = item["n"]
    findings = (
        Finding.objects.filter(report__in=reports.values("pk"))
        .annotate(year=ExtractYear(Coalesce("report__report_date", "report__incident_date")))
        .exclude(year=None).order_by().values("year", "outcome").annotate(n=Count("pk"))
    )
    whole_cases = (
        reports.exclude(year=None).exclude(outcome="")
        .filter(~Exists(Finding.objects.filter(report=OuterRef("pk"))))
        .order_by().values("year", "outcome").annotate(n=Count("pk"))
    )
    for item in [*findings, *whole_cases]:
        outcomes = row(item["year"]).outcomes
        outcomes[item["outcome"]] = outcomes.get(item["outcome"], 0) + item["n"]
    if not rows:
        return []
    return [rows.get(year, YearRow(year=year)) for year in range(min(rows), max(rows) + 1)]


def department_record(*, department: Department) -> DepartmentRecord:
    events = CertificationEvent.objects.public().filter(
        officer__department=department, kind=CertificationEventKind.DECERTIFIED,
    )
    dated = events.filter(date_in_doubt=False).exclude(date=None)
    per_year = dict(
        dated.annotate(year=ExtractYear("date")).order_by().values_list("year").annotate(n=Count("pk")).values_list("year", "n")
    )
    decertifications = [(year, per_year.get(year, 0)) for year in range(min(per_year), max(per_year) + 1)] if per_year else []
    slugs = {department.dataset}
    slugs.update(Report.objects.public().filter(department=department).order_by().values_list("dataset", flat=True).distinct())
    slugs.update(events.order_by().values_list("dataset", flat=True).distinct())
    slugs.update(department.officers.public().order_by().values_list("dataset", flat=True).distinct())
    return DepartmentRecord(
        years=_year_rows(department),
        decertifications=decertifications,
        decertifications_undated=events.count() - sum(per_year.values()),
        incident_months=incidents_by_month(Incident.objects.public().filter(departments=department)),
        data_sets=list(DataSet.objects.filter(slug__in=slugs - {""}).order_by("title")),
    )


# --- Charts ---------------------------------------------------------------------------------


def _svg_open(width: int, height: int, title: str) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" preserveAspectRatio="xMidYMid meet">',
        width, height, title,
    )


def _axis(parts: list, *, peak: int, left: int, width: int, top: int, plot_h: int) -> None:
    for tick in (0, peak // 2, peak):
        y = top + plot_h - plot_h * tick / peak
        parts.append(format_html(
            '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" text-anchor="end">{}</text>',
            left, width - 4, round(y, 1), round(y, 1), left - 6, round(y + 4, 1), tick,
        ))


def findings_chart(years: list[YearRow], *, title: str, labels: dict[str, str]) -> SafeString:
    """Stacked columns per year, one colour per outcome (classes `outcome-fill-<outcome>`)."""
    if not years or not any(y.findings for y in years):
        return mark_safe("")
    width, height, left, bottom, top = 640, 240, 40, 28, 10
    plot_h = height - bottom - top
    peak = nice_max(max(y.findings for y in years))
    slot = (width - left - 8) / len(years)
    bar = max(min(slot * 0.72, 48), 2)
    parts = [_svg_open(width, height, title)]
    _axis(parts, peak=peak, left=left, width=width, top=top, plot_h=plot_h)
    label_every = max(1, round(len(years) / 10))
    for i, row in enumerate(years):
        x = left + slot * i + (slot - bar) / 2
        y = top + plot_h
        for outcome in OUTCOMES:
            n = row.outcomes.get(outcome, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            parts.append(format_html(
                '<rect class="outcome-fill-{}" x="{}" y="{}" width="{}" height="{}"><title>{} · {}: {}</title></rect>',
                outcome, round(x, 1), round(y, 1), round(bar, 1), round(h, 1), row.year, labels[outcome], n,
            ))
        if i % label_every == 0:
            parts.append(format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>', round(x + bar / 2, 1), height - 8, row.year,
            ))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def columns_chart(values: list[tuple[int, int]], *, title: str) -> SafeString:
    """Plain columns, one per year (decertifications)."""
    if not values or not any(n for _year, n in values):
        return mark_safe("")
    width, height, left, bottom, top = 640, 200, 40, 28, 14
    plot_h = height - bottom - top
    peak = nice_max(max(n for _year, n in values))
    slot = (width - left - 8) / len(values)
    bar = max(min(slot * 0.72, 48), 2)
    parts = [_svg_open(width, height, title)]
    _axis(parts, peak=peak, left=left, width=width, top=top, plot_h=plot_h)
    label_every = max(1, round(len(values) / 10))
    for i, (year, n) in enumerate(values):
        x = left + slot * i + (slot - bar) / 2
        h = plot_h * n / peak
        parts.append(format_html(
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
            round(x, 1), round(top + plot_h - h, 1), round(bar, 1), round(h, 1), year, n,
        ))
        if i % label_every == 0:
            parts.append(format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>', round(x + bar / 2, 1), height - 8, year,
            ))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def department_charts(record: DepartmentRecord) -> dict[str, SafeString]:

    labels = {value: str(label) for value, label in FindingOutcome.choices}
    return {
        "findings": findings_chart(record.years, title=_("Findings by outcome per year"), labels=labels),
        "incidents": months_chart(record.incident_months, title=_("Incidents per month, by force rank")),
        "decertifications": columns_chart(record.decertifications, title=_("Decertifications per year")),
    }


def outcome_labels() -> list[tuple[str, str]]:

    labels = dict(FindingOutcome.choices)
    return [(outcome, labels[outcome]) for outcome in OUTCOMES]
