"""The labels people gave: what each post's final label is, disagreements, training data."""

from collections import Counter
from collections.abc import Iterator

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from incidents.models import (
    REJECTION_TRAINING_RANK,
    Adjudication,
    IncidentDecision,
    Label,
    Post,
    ReviewStatus,
)

MIN_LABELS = 2


def final_human_label(post: Post) -> str | None:
    """The labellers' settled value for a post ("0"…"5" or "unclear"), or None if not settled.

    An adjudication wins; otherwise two or more labels that all agree. Uses `post.labels` and
    `post.adjudication`, so prefetch them when calling this in a loop.
    """
    try:
        adjudication = post.adjudication
    except Adjudication.DoesNotExist:
        adjudication = None
    if adjudication is not None:
        return "unclear" if adjudication.unclear else str(adjudication.force_rank)
    values = {label.value for label in post.labels.all()}
    if len(post.labels.all()) >= MIN_LABELS and len(values) == 1:
        return values.pop()
    return None


def disagreements() -> QuerySet:
    """Posts whose labellers disagree and no reviewer has settled yet, oldest label first."""
    return (
        Post.objects.annotate(
            n_labels=Count("labels", distinct=True),
            n_values=Count(Coalesce("labels__force_rank", Value(-1)), distinct=True),
        )
        .filter(n_labels__gte=MIN_LABELS, n_values__gt=1)
        .exclude(Exists(Adjudication.objects.filter(post=OuterRef("pk"))))
        .order_by("pk")
    )


def settled_rank_counts() -> dict[int, int]:
    """How many posts have a settled label of each rank 0–5 (adjudicated, or agreed by two or
    more labellers): what the classifier can learn from, shown to labellers."""
    counts = Counter(
        Adjudication.objects.filter(unclear=False).values_list("force_rank", flat=True)
    )
    agreed = (
        Post.objects.exclude(Exists(Adjudication.objects.filter(post=OuterRef("pk"))))
        .annotate(
            n_labels=Count("labels"),
            n_values=Count(Coalesce("labels__force_rank", Value(-1)), distinct=True),
            rank=Max("labels__force_rank"),
        )
        .filter(n_labels__gte=MIN_LABELS, n_values=1, rank__isnull=False)
        .values_list("rank", flat=True)
    )
    counts.update(agreed)
    return {rank: counts.get(rank, 0) for rank in range(6)}


def labeller_label_count(*, labeller: AbstractBaseUser, since=None) -> int:
    labels = Label.objects.filter(labeller=labeller)
    if since is not None:
        labels = labels.filter(created_at__gte=since)
    return labels.count()


def _training_row(post: Post) -> dict | None:
    """The best-informed label for training, or None; a reviewer's incident decision wins."""
    incident = getattr(post, "incident", None)
    if incident is not None:
        if incident.review_status == ReviewStatus.APPROVED:
            return {"force_rank": incident.force_rank, "basis": "approved"}
        if incident.review_status == ReviewStatus.REJECTED:
            decision = next(iter(incident.decisions.all()), None)
            if decision is not None and decision.reason in REJECTION_TRAINING_RANK:
                return {
                    "force_rank": int(REJECTION_TRAINING_RANK[decision.reason]),
                    "basis": "rejected",
                }
    value = final_human_label(post)
    if value is None or value == "unclear":
        return None
    try:
        has_adjudication = post.adjudication is not None
    except Adjudication.DoesNotExist:
        has_adjudication = False
    return {"force_rank": int(value), "basis": "adjudicated" if has_adjudication else "agreed"}


def training_label_rows() -> Iterator[dict]:
    """One row per post with a final label: ids, text, rank and the basis of the label."""
    posts = (
        Post.objects.filter(
            Q(labels__isnull=False)
            | Q(adjudication__isnull=False)
            | Q(incident__review_status__in=[ReviewStatus.APPROVED, ReviewStatus.REJECTED])
        )
        .distinct()
        .select_related("adjudication", "incident")
        .prefetch_related(
            "labels",
            Prefetch(
                "incident__decisions",
                queryset=IncidentDecision.objects.order_by("-created_at", "-id"),
            ),
        )
        .order_by("pk")
    )
    for post in posts.iterator(chunk_size=1000):
        row = _training_row(post)
        if row is None:
            continue
        yield {
            "post_id": post.pk,
            "source_kind": post.source_kind,
            "external_id": post.external_id,
            "text": post.text,
            "force_rank": row["force_rank"],
            "basis": row["basis"],
            "labels": len(post.labels.all()),
        }


def training_labels() -> list[tuple[str, int]]:
    """(text, force rank) of every post people settled, rejections included as negatives.

    Settled means: an approved incident (its reviewed rank), a rejected one whose reason says
    what it was (no force → 1, not police → 0), an adjudication, or two labellers agreeing.
    "Unclear / not English" never reaches training.
    """
    return [(row["text"], row["force_rank"]) for row in training_label_rows()]

