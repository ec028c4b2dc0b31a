"""Store fetched items as posts, once per (source kind, id at the source)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from core.tasks import enqueue_on_commit
from incidents.models import Post
from incidents.tasks import classify_posts
from ingest.models import Source
from ingest.sources.base import Item
from ingest.text import normalise_text


@dataclass
class StoreResult:
    new: int = 0
    duplicates: int = 0


@transaction.atomic
def posts_store(*, source: Source, items: list[Item], dry_run: bool = False) -> StoreResult:
    """Insert the items that are not stored yet; count the others as duplicates.

    The unique constraint on (source_kind, external_id) is what keeps a post single when two
    workers store the same item at once. The items not found by the lookup are inserted in one
    statement; if another worker stored one of them in between, that statement fails as a
    whole (inside its savepoint) and the items are inserted one by one, the loser's insert
    failing in its own savepoint and counting as a duplicate.
    """
    result = StoreResult()
    batch: dict[str, Item] = {}
    for item in items:
        if item.external_id in batch:
            result.duplicates += 1
        else:
            batch[item.external_id] = item
    if not batch:
        return result
    stored = set(
        Post.objects.filter(source_kind=source.kind, external_id__in=list(batch)).values_list(
            "external_id", flat=True
        )
    )
    result.duplicates += len(stored)
    fresh = [item for external_id, item in batch.items() if external_id not in stored]
    if dry_run:
        result.new += len(fresh)
        return result
    posts = [Post(**_post_fields(source, item)) for item in fresh]
    try:
        # The usual case, nothing stored in between: one INSERT for the whole page.
        with transaction.atomic():
            created = Post.objects.bulk_create(posts)
    except IntegrityError:
        # Another worker stored some of them since the lookup: one at a time, so each of ours
        # is stored and each of theirs counted as a duplicate.
        created = []
        for post in posts:
            post.pk = None
            try:
                with transaction.atomic():
                    post.save(force_insert=True)
                    created.append(post)
            except IntegrityError:
                result.duplicates += 1
    new_ids = [post.pk for post in created]
    result.new += len(new_ids)
    if new_ids:
        # Classified as soon as they are committed; the 15-minute sweep (classify_pending_posts)
        # stays the safety net for a lost message or a model activated later. classify_posts
        # skips posts the model already scored, so the two never score a post twice.
        enqueue_on_commit(classify_posts, new_ids)
    return result


def _post_fields(source: Source, item: Item) -> dict:
    return {
        "source_kind": source.kind,
        "external_id": item.external_id,
        "source": source if source.pk else None,
        "url": item.url[:1000],
        "title": item.title[:500],
        "text": normalise_text(item.text, strip_html=item.html),
        "text_original": item.text,
        "author": item.author[:255],
        "language": item.language[:16],
        "posted_at": item.posted_at,
        "tags": item.tags,
        "raw": item.raw,
        **item.location.as_fields(),
    }
