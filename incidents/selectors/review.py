"""What reviewers work through: candidate incidents and the counts on their dashboard."""

from django.db.models import Count, Q, QuerySet

from incidents.models import Incident, ReviewStatus


def incident_review_queue(
    *, status: str = ReviewStatus.CANDIDATE, source: str = "", q: str = ""
) -> QuerySet:
    """Incidents in one review state, newest first (by date, then by when they were found)."""
    queryset = Incident.objects.select_related("post", "reviewed_by").order_by(
        "-date", "-created_at", "-id"
    )
    if status:
        queryset = queryset.filter(review_status=status)
    if source:
        queryset = queryset.filter(source_kind=source)
    if q:
        queryset = queryset.filter(
            Q(title__icontains=q) | Q(city__icontains=q) | Q(summary__icontains=q)
        )
    return queryset


def review_counts() -> dict[str, int]:
    rows = Incident.objects.order_by().values("review_status").annotate(n=Count("pk"))
    counts = {status: 0 for status in ReviewStatus.values}
    counts.update({row["review_status"]: row["n"] for row in rows})
    return counts
