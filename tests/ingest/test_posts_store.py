"""Storing a page of posts: each item once, whatever another worker stored meanwhile."""

import pytest

from incidents.models import Post
from ingest.services import posts
from ingest.services.posts import posts_store
from ingest.sources.base import Item
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _items(*ids: str) -> list[Item]:
    return [Item(external_id=external_id, text=f"Police at the march, post {external_id}", raw={}) for external_id in ids]


def test_a_page_is_stored_once_and_a_second_pass_counts_only_duplicates():
    source = SourceFactory(kind="news", config={"url": "https://example.org/feed"})
    first = posts_store(source=source, items=_items("1", "2", "2", "3"))
    again = posts_store(source=source, items=_items("3", "4"))
    assert (first.new, first.duplicates) == (3, 1)
    assert (again.new, again.duplicates) == (1, 1)
    stored = Post.objects.filter(source_kind="news").order_by("external_id")
    assert [(p.external_id, p.text) for p in stored] == [
        ("1", "Police at the march, post 1"),
        ("2", "Police at the march, post 2"),
        ("3", "Police at the march, post 3"),
        ("4", "Police at the march, post 4"),
    ]


def test_a_post_another_worker_stored_after_the_lookup_is_a_duplicate_and_the_rest_are_stored(monkeypatch):
    source = SourceFactory(kind="news", config={"url": "https://example.org/feed"})
    fields = posts._post_fields

    def another_worker_stores_item_2_first(source, item):
        if item.external_id == "2" and not Post.objects.filter(external_id="2").exists():
            Post.objects.create(**fields(source, item))
        return fields(source, item)

    monkeypatch.setattr(posts, "_post_fields", another_worker_stores_item_2_first)
    result = posts_store(source=source, items=_items("1", "2", "3"))
    assert (result.new, result.duplicates) == (2, 1)
    assert sorted(Post.objects.values_list("external_id", flat=True)) == ["1", "2", "3"]
