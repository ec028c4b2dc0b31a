"""Serving: rank stored posts with the serving model, and split the waiting posts into chunks.

The registry (`registry`) decides which model serves; this module only reads that decision and
writes each post's rank, probabilities, confidence and review flag.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from incidents.classifier import data, inference, selectors
from incidents.classifier.signals import labelling_priority, needs_review
from incidents.models import ClassifierModel, Post


def posts_classify(
    *, post_ids: Iterable[int], model: ClassifierModel | None = None, force: bool = False
) -> dict[str, int]:
    """Classify the given posts with `model` (default: the active one) and store the results.

    Idempotent: a post already classified by this model is skipped unless `force`.
    """
    model = model or selectors.classifier_active()
    ids = list(post_ids)
    summary = {"classified": 0, "skipped": 0, "flagged": 0}
    if model is None or not ids:
        summary["skipped"] = len(ids)
        return summary
    posts = list(Post.objects.filter(pk__in=ids).only("id", "text", "title", "classifier_id"))
    todo = [post for post in posts if force or post.classifier_id != model.pk]
    summary["skipped"] = len(ids) - len(todo)
    if not todo:
        return summary
    texts = [_post_text(post) for post in todo]
    predictions = inference.predictor_for(selectors.classifier_folder(model)).predict(
        texts,
        cascade=settings.CLASSIFIER_CASCADE,
        min_confidence=settings.CLASSIFIER_MIN_CONFIDENCE,
    )
    now = timezone.now()
    for post, text, prediction in zip(todo, texts, predictions, strict=True):
        row = prediction.probabilities
        rank = max(range(6), key=lambda value: row[value])
        post.predicted_rank = rank
        post.rank_probabilities = [round(value, 4) for value in row]
        post.confidence = round(row[rank], 4)
        post.scored_by = prediction.scored_by
        post.classifier = model
        post.classified_at = now
        post.labelling_priority = labelling_priority(row)
        post.needs_review = needs_review(
            text=text,
            predicted_rank=rank,
            confidence=row[rank],
            min_confidence=settings.CLASSIFIER_MIN_CONFIDENCE,
        )
        summary["flagged"] += post.needs_review
    with transaction.atomic():
        Post.objects.bulk_update(
            todo,
            [
                "predicted_rank",
                "rank_probabilities",
                "confidence",
                "scored_by",
                "classifier",
                "classified_at",
                "labelling_priority",
                "needs_review",
            ],
            batch_size=500,
        )
    summary["classified"] = len(todo)
    return summary


def _post_text(post: Post) -> str:
    if post.title and post.title not in post.text:
        return f"{post.title}. {post.text}"
    return post.text


def classifier_for_serving() -> ClassifierModel | None:
    """The model that ranks posts now: the active one. Reads only; a fresh install's empty
    registry is filled by `registry.classifier_serving_ensure`."""
    return selectors.classifier_active()


def pending_chunks(
    *,
    model: ClassifierModel,
    rescore: bool = False,
    chunk_size: int = 256,
    limit: int | None = None,
) -> list[list[int]]:
    """Ids of posts waiting for `model`, in chunks for one task each."""
    ids = list(selectors.posts_pending(model=model, rescore=rescore).values_list("id", flat=True))
    if limit is not None:
        ids = ids[:limit]
    return list(data.batched(ids, chunk_size))
