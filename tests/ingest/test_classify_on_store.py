"""Stored posts are classified once their transaction commits, not only at the sweep."""

import pytest

from incidents.classifier.registry import classifier_shipped_register
from incidents.models import Post
from incidents.tasks import classify_pending_posts
from ingest.services.posts import posts_store
from ingest.sources.base import Item
from tests.factories import SourceFactory
from tests.incidents.classifier_fixtures import media  # noqa: F401

TEAR_GAS = "Police fired tear gas and pepper spray at protesters"


@pytest.mark.django_db
def test_a_stored_post_is_classified_on_commit_and_the_sweep_does_not_redo_it(
    media, eager_tasks, django_capture_on_commit_callbacks
):
    model = classifier_shipped_register(activate=True)
    source = SourceFactory(kind="news", config={"url": "https://example.org/a"})

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        posts_store(source=source, items=[Item(external_id="1", text=TEAR_GAS, raw={})])

    assert len([c for c in callbacks if _is_enqueue(c)]) == 1
    post = Post.objects.get(external_id="1")
    assert post.classifier_id == model.pk
    assert post.predicted_rank == 4
    assert classify_pending_posts()["queued"] == 0


@pytest.mark.django_db
def test_a_dry_run_or_a_duplicate_enqueues_nothing(
    media, eager_tasks, django_capture_on_commit_callbacks
):
    classifier_shipped_register(activate=True)
    source = SourceFactory(kind="news", config={"url": "https://example.org/a"})
    item = Item(external_id="1", text=TEAR_GAS, raw={})
    with django_capture_on_commit_callbacks(execute=True):
        posts_store(source=source, items=[item])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        posts_store(source=source, items=[item])
        posts_store(
            source=source, items=[Item(external_id="2", text=TEAR_GAS, raw={})], dry_run=True
        )

    assert not [c for c in callbacks if _is_enqueue(c)]
    assert Post.objects.count() == 1


def _is_enqueue(callback) -> bool:
    return callback.__qualname__.startswith("enqueue_on_commit")
