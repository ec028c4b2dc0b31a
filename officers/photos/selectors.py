"""Reads for submitted photos, faces, the volunteer queue and the leaderboard."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.models import PublicationStatus
from officers.models import Department, Officer
from officers.photos.models import Face, Image, ImageReviewState
from officers.search.selectors import officers_matching_text

OFFICER_SEARCH_LIMIT = 12


def departments_accepting_photos() -> QuerySet[Department]:
    return Department.objects.public().order_by("name")


def images_needing(stage: str) -> QuerySet[Image]:
    """Photos waiting for a volunteer: to be sorted, or (sorted "yes") to have faces tagged."""
    live = Image.objects.exclude(review_state=ImageReviewState.REJECTED)
    if stage == "sort":
        return live.filter(contains_officers__isnull=True)
    if stage == "tag":
        return live.filter(contains_officers=True, tagging_done_at__isnull=True)
    raise ValueError(f"unknown stage {stage!r}")


def queue_counts() -> dict[str, int]:
    return {stage: images_needing(stage).count() for stage in ("sort", "tag")}


def image_faces(image: Image) -> QuerySet[Face]:
    return image.faces.select_related("officer").order_by("x", "pk")


def officers_for_tagging(*, department: Department, query: str) -> list[Officer]:
    """Officers of one department matching every word of `query`, as the public search matches
    (name fragments in any case and accents, badge or internal id), drafts included.

    Deliberately limited to the photo's department: a face is never linked across departments.
    """
    words = query.split()[:5]
    if not words:
        return []
    officers = Officer.objects.filter(department=department).exclude(
        publication_status=PublicationStatus.RETRACTED
    )
    officers = officers_matching_text(officers, " ".join(words))
    officers = officers.prefetch_related("assignments").order_by("last_name", "first_name")
    return list(officers[:OFFICER_SEARCH_LIMIT])


def leaderboard(*, days: int | None = None, limit: int = 25) -> list[dict]:
    """Volunteers ranked by faces tagged, then photos sorted (undone work no longer counts)."""
    since = timezone.now() - timedelta(days=days) if days else None
    sorted_filter = Q(sorted_images__isnull=False)
    tagged_filter = Q(confirmed_faces__officer__isnull=False)
    if since:
        sorted_filter &= Q(sorted_images__sorted_at__gte=since)
        tagged_filter &= Q(confirmed_faces__confirmed_at__gte=since)
    users = (
        get_user_model()
        .objects.annotate(
            images_sorted=Count("sorted_images", filter=sorted_filter, distinct=True),
            faces_tagged=Count("confirmed_faces", filter=tagged_filter, distinct=True),
        )
        .filter(Q(images_sorted__gt=0) | Q(faces_tagged__gt=0))
        .order_by("-faces_tagged", "-images_sorted", "username")
    )
    return [
        {"username": user.username, "images_sorted": user.images_sorted, "faces_tagged": user.faces_tagged}
        for user in users[:limit]
    ]


def recent_sorts(limit: int = 30) -> QuerySet[Image]:
    return (
        Image.objects.filter(sorted_by__isnull=False)
        .select_related("sorted_by", "department")
        .annotate(tagged_faces=Count("faces", filter=Q(faces__officer__isnull=False)))
        .order_by("-sorted_at", "-pk")[:limit]
    )


def recent_tags(limit: int = 30) -> QuerySet[Face]:
    return (
        Face.objects.filter(officer__isnull=False)
        .select_related("officer", "confirmed_by", "image__department")
        .order_by("-confirmed_at", "-pk")[:limit]
    )
