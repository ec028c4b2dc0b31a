"""Reads for the officers app: departments, officer pages and who curates what.

Public reads go through each model's one public rule (`Model.objects.public()`): published
records of published departments; faces only from photos a reviewer approved. Find-an-officer
lives in `search/selectors.py`.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from core.choices import UsState
from core.models import DataSet, public_q
from core.roles import Role, user_has_role
from officers.certification.models import CertificationEvent
from officers.choices import CertificationEventKind
from officers.models import Assignment, Department, Description, Link, Officer, Rank, Salary, Unit
from officers.photos.models import Face


def department_public_list() -> QuerySet[Department]:
    return Department.objects.public().annotate(
        officer_count=Count("officers", filter=public_q(Officer, "officers__"))
    )


def department_states() -> list[tuple[str, str, int]]:
    """(code, name, count) for every state with at least one published department."""
    counts = dict(
        Department.objects.public().order_by().values_list("state").annotate(n=Count("pk"))
    )
    return [(code, label, counts[code]) for code, label in UsState.choices if code in counts]


def department_public_queryset() -> QuerySet[Department]:
    return Department.objects.public()


def department_public_count() -> int:
    return Department.objects.public().count()


def officer_public_count() -> int:
    """Published officers (demo records included, which the pages label); merged ones are not counted."""
    return Officer.objects.public().filter(merged_into=None).count()


def officer_public_queryset() -> QuerySet[Officer]:
    return Officer.objects.public()


def approved_faces() -> QuerySet[Face]:
    return Face.objects.public()


def officer_public_get(*, public_id) -> Officer:
    """A published officer with everything its page shows; raises Officer.DoesNotExist."""
    return (
        officer_public_queryset()
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.public().select_related("rank", "unit").order_by(
                    F("start_date").desc(nulls_last=True), "-id"
                ),
            ),
            Prefetch("salaries", queryset=Salary.objects.public()),
            Prefetch("descriptions", queryset=Description.objects.public()),
            Prefetch("links", queryset=Link.objects.public()),
            Prefetch(
                "certification_events",
                queryset=CertificationEvent.objects.public().order_by("date", "pk"),
            ),
            Prefetch(
                "faces",
                queryset=approved_faces().select_related("image").order_by(
                    "-is_featured", "-created_at"
                ),
                to_attr="public_faces",
            ),
        )
        .get(public_id=public_id)
    )


def officer_merged_target(*, public_id) -> Officer | None:
    """Where an officer merged into another now lives, for redirecting old links."""
    merged = Officer.objects.filter(public_id=public_id, merged_into__isnull=False).first()
    if merged is None:
        return None
    target = merged.merged_into
    while target.merged_into_id is not None and target.pk != merged.pk:
        target = target.merged_into
    return target if target.is_public else None


def rank_names(*, department_id: int | None) -> list[str]:
    """Rank names to filter by: the department's in order, or every published department's."""
    if department_id:
        ranks = Rank.objects.public().filter(department_id=department_id).order_by("order", "name")
        return list(dict.fromkeys(ranks.values_list("name", flat=True)))
    ranks = Rank.objects.public()
    return sorted(set(ranks.values_list("name", flat=True)), key=str.casefold)


def unit_names(*, department_id: int | None) -> list[str]:
    if not department_id:
        return []
    units = Unit.objects.public().filter(department_id=department_id).order_by("name")
    return list(units.values_list("name", flat=True))


def department_stats(*, department: Department) -> dict:
    officers = officer_public_queryset().filter(department=department)
    today = datetime.date.today()
    current = Exists(
        Assignment.objects.filter(officer=OuterRef("pk"), end_date__isnull=True).filter(
            Q(start_date__isnull=True) | Q(start_date__lte=today)
        )
    )
    return {
        "officers": officers.count(),
        "current": officers.filter(current).count(),
        "with_photo": officers.filter(
            Exists(approved_faces().filter(officer=OuterRef("pk")))
        ).count(),
        "ranks": (
            Rank.objects.public().filter(department=department)
            .annotate(
                officer_count=Count(
                    "assignment__officer",
                    filter=public_q(Officer, "assignment__officer__") & Q(assignment__end_date__isnull=True),
                    distinct=True,
                )
            )
            .order_by("order", "name")
        ),
    }


def departments_curated_by(user) -> QuerySet[Department]:
    """Departments `user` may edit: all for admins, else those listing them as curator."""
    if user_has_role(user, Role.ADMIN):
        return Department.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    return Department.objects.filter(curators=user)


def user_can_curate(user, department_id: int) -> bool:
    return departments_curated_by(user).filter(pk=department_id).exists()


def department_public_record(*, department: Department) -> dict:
    """What a department page shows besides its roster: its officers' published
    decertifications and the data sets they come from. The oversight bodies that cover it and
    how many published reports name it come from those apps' template tags
    (`department_commissions`, `department_report_count`)."""
    decertified = list(
        CertificationEvent.objects.public()
        .filter(officer__department=department, kind=CertificationEventKind.DECERTIFIED)
        .select_related("officer").order_by("-date", "officer__last_name")
    )
    return {
        "decertified": decertified,
        # Where the decertifications come from, shown under their list with the licence.
        "decertified_sources": list(DataSet.objects.filter(slug__in={e.dataset for e in decertified})),
    }
