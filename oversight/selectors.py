"""Reads for oversight commissions. Public reads return published commissions only."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from core.choices import UsState
from officers.models import Department, Officer
from oversight.models import Commission, ComplaintLink, ComplaintLinkKind


def _published() -> QuerySet[Commission]:
    return Commission.objects.public().prefetch_related(
        Prefetch(
            "complaint_links",
            queryset=ComplaintLink.objects.public_under_public_parent().order_by("kind", "position", "pk"),
        )
    )


def commission_public_count() -> int:
    return Commission.objects.public().count()


def commission_directory(
    *, state: str = "", city: str = "", city_part: str = "", q: str = ""
) -> QuerySet[Commission]:
    """Published commissions, narrowed by state (exact code), city (whole name, or `city_part`:
    part of it, as Bad Apple's `City` header matches) and free text."""
    commissions = _published()
    if state:
        commissions = commissions.filter(state=state)
    if city.strip():
        commissions = commissions.filter(city__iexact=city.strip())
    if city_part.strip():
        commissions = commissions.filter(city__icontains=city_part.strip())
    for word in q.split():
        commissions = commissions.filter(
            Q(name__icontains=word)
            | Q(city__icontains=word)
            | Q(postal_code__iexact=word)
            | Q(departments__name__icontains=word)
        )
    return commissions.distinct().order_by("state", "city", "name")


def directory_states() -> list[tuple[str, str, int]]:
    """(code, name, count) for every state with at least one published commission."""
    counts = dict(
        Commission.objects.public().values_list("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return [(code, label, counts[code]) for code, label in UsState.choices if code in counts]


def directory_cities(*, state: str) -> list[str]:
    return list(
        Commission.objects.public()
        .filter(state=state)
        .exclude(city="")
        .order_by("city")
        .values_list("city", flat=True)
        .distinct()
    )


def commission_get_published(*, public_id) -> Commission:
    commission = _published().filter(public_id=public_id).first()
    if commission is None:
        raise Http404("No such commission")
    return commission


def commissions_for_department(*, department: Department) -> QuerySet[Commission]:
    """Published commissions that cover `department`."""
    return _published().filter(departments=department).order_by("name")


def commissions_in_state(*, state: str) -> QuerySet[Commission]:
    return _published().filter(state=state).order_by("city", "name")


@dataclass
class ComplaintRouting:
    """Where a person should take a complaint about an officer of `department`."""

    department: Department
    officer: Officer | None = None
    commissions: list[Commission] = field(default_factory=list)
    state_commissions: list[Commission] = field(default_factory=list)

    @property
    def is_covered(self) -> bool:
        return bool(self.commissions)


def complaint_routing(*, department: Department, officer: Officer | None = None) -> ComplaintRouting:
    """The commissions covering `department`; when none is known, the state's bodies instead."""
    covering = list(commissions_for_department(department=department))
    in_state = [] if covering else list(commissions_in_state(state=department.state))
    return ComplaintRouting(
        department=department, officer=officer, commissions=covering, state_commissions=in_state
    )


def complaint_links(*, commission: Commission) -> dict[str, list[ComplaintLink]]:
    links = list(commission.complaint_links.all())
    return {
        "forms": [link for link in links if link.kind == ComplaintLinkKind.FORM],
        "information": [link for link in links if link.kind == ComplaintLinkKind.INFORMATION],
    }


DEPARTMENT_FIND_LIMIT = 50


def department_find(*, name: str = "", state: str = "") -> list[Department]:
    """Published departments by name words and state, for someone who does not know the id."""
    departments = Department.objects.public()
    if state:
        departments = departments.filter(state=state)
    for word in name.split():
        departments = departments.filter(
            Q(name__icontains=word) | Q(short_name__iexact=word) | Q(city__icontains=word)
        )
    return list(departments.order_by("name")[:DEPARTMENT_FIND_LIMIT])
