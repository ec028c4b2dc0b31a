"""Reads for the officers app: departments, officer pages and who curates what.

Public reads return published records of published departments only; faces appear only when
their image has been approved by a reviewer. Find-an-officer lives in `search_selectors`.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from core.choices import UsState
from core.models import PublicationStatus
from officers.models import (
    Assignment,
    Department,
    Face,
    ImageReviewState,
    Officer,
    Rank,
    Unit,
)

def department_public_list() -> QuerySet[Department]:
    published = Q(officers__publication_status=PublicationStatus.PUBLISHED)
    return Department.objects.published().annotate(
        officer_count=Count("officers", filter=published)
    )


def department_states() -> list[tuple[str, str, int]]:
    """(code, name, count) for every state with at least one published department."""
    counts = dict(
        Department.objects.published().order_by().values_list("state").annotate(n=Count("pk"))
    )
    return [(code, label, counts[code]) for code, label in UsState.choices if code in counts]


def department_public_queryset() -> QuerySet[Department]:
    return Department.objects.published()


def officer_public_queryset() -> QuerySet[Officer]:
    return Officer.objects.published().filter(
        department__publication_status=PublicationStatus.PUBLISHED
    )


def approved_faces() -> QuerySet[Face]:
    return Face.objects.filter(image__review_state=ImageReviewState.APPROVED).exclude(crop="")


def officer_public_get(*, public_id) -> Officer:
    """A published officer with everything its page shows; raises Officer.DoesNotExist."""
    return (
        officer_public_queryset()
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("rank", "unit").order_by(
                    F("start_date").desc(nulls_last=True), "-id"
                ),
            ),
            "salaries",
            "descriptions",
            "links",
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
    return target if target.is_published else None


def rank_names(*, department_id: int | None) -> list[str]:
    """Rank names to filter by: the department's in order, or every published department's."""
    if department_id:
        ranks = Rank.objects.filter(department_id=department_id).order_by("order", "name")
        return list(dict.fromkeys(ranks.values_list("name", flat=True)))
    ranks = Rank.objects.filter(department__publication_status=PublicationStatus.PUBLISHED)
    return sorted(set(ranks.values_list("name", flat=True)), key=str.casefold)


def unit_names(*, department_id: int | None) -> list[str]:
    if not department_id:
        return []
    units = Unit.objects.filter(department_id=department_id).order_by("name")
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
            Rank.objects.filter(department=department)
            .annotate(
                officer_count=Count(
                    "assignment__officer",
                    filter=Q(
                        assignment__officer__publication_status=PublicationStatus.PUBLISHED,
                        assignment__end_date__isnull=True,
                    ),
                    distinct=True,
                )
            )
            .order_by("order", "name")
        ),
    }


def departments_curated_by(user) -> QuerySet[Department]:
    """Departments `user` may edit: all for admins, else those listing them as curator."""
    from core.roles import Role, user_has_role

    if user_has_role(user, Role.ADMIN):
        return Department.objects.all()
    if not getattr(user, "is_authenticated", False):
        return Department.objects.none()
    return Department.objects.filter(curators=user)


def user_can_curate(user, department_id: int) -> bool:
    return departments_curated_by(user).filter(pk=department_id).exists()


def department_public_record(*, department: Department) -> dict:
    """What a department page shows besides its roster: the oversight bodies that cover it,
    its officers' published decertifications, and how many published reports name it."""
    from oversight.selectors import commissions_for_department
    from reports.models import Report

    from officers.models import CertificationEvent, CertificationEventKind

    from core.models import DataSet

    decertified = list(
        CertificationEvent.objects.published()
        .filter(officer__department=department, officer__publication_status="published",
                kind=CertificationEventKind.DECERTIFIED)
        .select_related("officer").order_by("-date", "officer__last_name")
    )
    return {
        "commissions": list(commissions_for_department(department=department)),
        "decertified": decertified,
        # Where the decertifications come from, shown under their list with the licence.
        "decertified_sources": list(DataSet.objects.filter(slug__in={e.dataset for e in decertified})),
        "report_count": Report.objects.published().filter(department=department).count(),
    }
