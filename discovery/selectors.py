"""Reads for finding the site's records: one search over every kind of public record, the
header's typeahead, and the records the sitemap and the incident feed list.

Every read goes through the owning app's public selector, so that only published records (and
approved incidents) are ever found or listed.
"""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from incidents.selectors.public import incident_title_suggestions, incidents_public
from officers.search.selectors import OfficerCriteria, officer_search_page, officer_suggestions
from officers.selectors import department_public_queryset, officer_public_queryset
from oversight.selectors import commission_directory
from pra.selectors import law_list
from reports.selectors import report_search

# Results shown per kind of record on the results page; each kind links to its own full search.
RESULTS_PER_KIND = 10
# Suggestions per kind in the typeahead (officers, the most searched for, get more).
SUGGESTIONS_PER_KIND = 3
OFFICER_SUGGESTIONS = 5
# Fewer characters than this suggest nothing: one or two letters match too much to help.
SUGGEST_MIN_LENGTH = 3
QUERY_MAX_LENGTH = 200


@dataclass
class ResultGroup:
    kind: str
    label: str
    results: list
    count: int
    count_is_capped: bool = False
    more_url: str = ""


@dataclass
class SiteResults:
    q: str
    groups: list[ResultGroup] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def _departments_matching(q: str) -> QuerySet:
    departments = department_public_queryset()
    for word in q.split():
        departments = departments.filter(
            Q(name__icontains=word) | Q(short_name__iexact=word) | Q(city__icontains=word)
        )
    return departments.order_by("name", "pk")


def _reports_matching(q: str) -> QuerySet:
    by_officer = report_search(officer_name=q)
    by_department = report_search()
    for word in q.split():
        by_department = by_department.filter(department__name__icontains=word)
    return report_search().filter(
        Q(pk__in=by_officer.values("pk")) | Q(pk__in=by_department.values("pk"))
    ).order_by("-incident_date", "-report_date", "pk")


def _incidents_matching(q: str) -> QuerySet:
    incidents = incidents_public()
    for word in q.split():
        incidents = incidents.filter(Q(title__icontains=word) | Q(city__icontains=word))
    return incidents


def _cleaned(q: str) -> str:
    """`q` on one line, without control characters (PostgreSQL refuses NUL in text), capped."""
    return " ".join("".join(ch for ch in q if ch.isprintable() or ch.isspace()).split())[:QUERY_MAX_LENGTH]


def site_search(*, q: str) -> SiteResults:
    """Published officers, departments, oversight bodies and reports, and approved incidents,
    matching every word of `q`: the first few of each kind, with how many there are."""
    q = _cleaned(q)
    results = SiteResults(q=q)
    if not q:
        return results
    officers = officer_search_page(criteria=OfficerCriteria(q=q))
    results.groups.append(
        ResultGroup(
            "officers",
            _("Officers"),
            officers.officers[:RESULTS_PER_KIND],
            officers.count,
            officers.count_is_capped,
            f"{reverse('officers:search')}?q={_quote(q)}",
        )
    )
    for kind, label, queryset, more_url in (
        ("departments", _("Departments"), _departments_matching(q), ""),
        (
            "oversight",
            _("Oversight bodies"),
            commission_directory(q=q),
            f"{reverse('oversight:directory')}?q={_quote(q)}",
        ),
        (
            "reports",
            _("Misconduct reports"),
            _reports_matching(q).select_related("officer", "department"),
            "",
        ),
        (
            "incidents",
            _("Incidents"),
            _incidents_matching(q),
            f"{reverse('incidents:map')}?q={_quote(q)}",
        ),
    ):
        found = list(queryset[:RESULTS_PER_KIND])
        count = len(found) if len(found) < RESULTS_PER_KIND else queryset.count()
        results.groups.append(ResultGroup(kind, label, found, count, more_url=more_url if count > len(found) else ""))
    return results


def _quote(text: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(text)


@dataclass(frozen=True)
class Suggestion:
    kind: str
    label: str
    detail: str
    url: str


def site_suggestions(*, q: str) -> list[Suggestion]:
    """What the header's search box offers while a person types: the first officers in name
    order, then departments, oversight bodies and approved incidents whose names hold every
    word. Nothing for fewer than SUGGEST_MIN_LENGTH characters."""
    q = _cleaned(q)
    if len(q) < SUGGEST_MIN_LENGTH:
        return []
    suggestions = [
        Suggestion(
            "officer",
            officer.full_name,
            officer.department.name,
            reverse("officers:detail", kwargs={"public_id": officer.public_id}),
        )
        for officer in officer_suggestions(text=q, limit=OFFICER_SUGGESTIONS)
    ]
    suggestions += [
        Suggestion(
            "department",
            department.name,
            department.city,
            reverse("officers:department_detail", kwargs={"pk": department.pk}),
        )
        for department in _departments_matching(q).only("pk", "name", "city")[:SUGGESTIONS_PER_KIND]
    ]
    commissions = commission_directory().filter(name__icontains=q).order_by("name")
    suggestions += [
        Suggestion(
            "oversight",
            commission.name,
            commission.city,
            reverse("oversight:detail", kwargs={"public_id": commission.public_id}),
        )
        for commission in commissions[:SUGGESTIONS_PER_KIND]
    ]
    suggestions += [
        Suggestion(
            "incident",
            incident.title,
            incident.date.isoformat() if incident.date else "",
            reverse("incidents:detail", kwargs={"pk": incident.pk}),
        )
        for incident in incident_title_suggestions(text=q, limit=SUGGESTIONS_PER_KIND)
    ]
    return suggestions


# --- Sitemap ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SitemapSection:
    """One kind of public record in the sitemap: its rows (key, last change) and the URL of one."""

    name: str
    url_name: str
    kwarg: str
    queryset: QuerySet | None  # None: `keys` lists them (the records-request states)
    key_field: str = "pk"
    keys: tuple = ()


def sitemap_sections() -> list[SitemapSection]:
    return [
        SitemapSection(
            "departments", "officers:department_detail", "pk", department_public_queryset()
        ),
        SitemapSection(
            "officers", "officers:detail", "public_id", officer_public_queryset(), "public_id"
        ),
        SitemapSection(
            "reports", "reports:detail", "public_id", report_search().order_by(), "public_id"
        ),
        SitemapSection(
            "oversight", "oversight:detail", "public_id", commission_directory().order_by(), "public_id"
        ),
        SitemapSection("incidents", "incidents:detail", "pk", incidents_public().order_by()),
        SitemapSection(
            "records-requests",
            "pra:state_detail",
            "state",
            None,
            keys=tuple(law.jurisdiction for law in law_list()),
        ),
    ]


def sitemap_section_count(section: SitemapSection) -> int:
    if section.queryset is None:
        return len(section.keys)
    return section.queryset.order_by().values("pk").distinct().count()


def sitemap_section_rows(section: SitemapSection, *, offset: int, limit: int) -> list[tuple]:
    """(key, last change or None) for `limit` records of `section` from `offset`, in id order."""
    if section.queryset is None:
        return [(key, None) for key in sorted(section.keys)[offset : offset + limit]]
    rows = (
        section.queryset.model.objects.filter(pk__in=section.queryset.values("pk"))
        .order_by("pk")
        .values_list(section.key_field, "updated_at")
    )
    return list(rows[offset : offset + limit])
