"""X recent search through tweepy, against the local fake of the v2 endpoint."""

import pytest

from incidents.models import Post
from ingest.models import RunStatus, Source
from ingest.services import source_run
from tests.factories import SourceFactory
from tests.ingest.servers import rate_limited, tweet

pytestmark = pytest.mark.django_db


def x_source(**config):
    return SourceFactory(
        kind="twitter",
        name="X test",
        config={"queries": ["tear gas", "taser"], "max_results": 10, "max_pages": 5, **config},
    )


def tweets(first: int, count: int):
    return [tweet(i, f"Police fired tear gas &amp; rubber bullets #{i}") for i in range(first, first + count)]


def test_it_pages_through_results_and_stores_each_post_once(fake_x):
    fake_x.add(*tweets(1000, 25))
    source = x_source()

    run = source_run(source=source)

    assert run.status == RunStatus.SUCCEEDED
    assert (run.fetched, run.new, run.duplicates) == (25, 25, 0)
    assert Post.objects.filter(source_kind="twitter").count() == 25
    searched = [r for r in fake_x.requests]
    assert [r.get("next_token") for r in searched] == [None, "p10", "p20"]
    first = searched[0]
    assert first["query"] == "(tear gas) -is:retweet"
    assert set(first["tweet.fields"].split(",")) >= {"id", "text", "created_at", "author_id", "lang", "geo", "public_metrics"}
    assert "geo.place_id" in first["expansions"].split(",")
    assert "full_name" in first["place.fields"]


def test_it_keeps_the_raw_payload_and_normalises_the_text(fake_x):
    fake_x.add(tweet(1, "Police   fired\n\n\n tear gas &amp; pepper spray"))
    source_run(source=x_source())

    post = Post.objects.get(external_id="1")
    assert post.text == "Police fired\n\ntear gas & pepper spray"
    assert post.text_original == "Police   fired\n\n\n tear gas &amp; pepper spray"
    assert post.raw["tweet"]["public_metrics"]["like_count"] == 3
    assert post.author == "witness"
    assert post.url == "https://x.com/witness/status/1"
    assert post.posted_at.isoformat() == "2026-11-20T12:00:00+00:00"


def test_it_rotates_queries_and_continues_from_the_newest_id(fake_x):
    fake_x.add(*tweets(1000, 3))
    source = x_source()
    source_run(source=source)  # tear gas
    source_run(source=source)  # taser
    fake_x.add(*tweets(2000, 2))
    fake_x.requests.clear()

    run = source_run(source=source)  # tear gas again, only what is newer

    assert fake_x.requests[0]["query"] == "(tear gas) -is:retweet"
    assert fake_x.requests[0]["since_id"] == "1002"
    assert (run.fetched, run.new) == (2, 2)
    source.refresh_from_db()
    assert source.cursor["since_ids"] == {"tear gas": "2001", "taser": "1002"}


def test_a_second_run_over_the_same_posts_counts_duplicates(fake_x):
    fake_x.add(*tweets(1000, 4))
    source = x_source(queries=["tear gas"])
    source_run(source=source)
    source.cursor = {}
    source.save()

    run = source_run(source=source)

    assert (run.fetched, run.new, run.duplicates) == (4, 0, 4)
    assert Post.objects.count() == 4


def test_it_waits_for_a_short_rate_limit_and_retries_the_same_page(fake_x):
    fake_x.add(*tweets(1000, 15))
    fake_x.script.append(rate_limited(reset_in=0))
    source = x_source(max_wait_seconds=5)

    run = source_run(source=source)

    assert run.status == RunStatus.SUCCEEDED
    assert run.new == 15
    assert [r.get("next_token") for r in fake_x.requests] == [None, None, "p10"]


def test_a_long_rate_limit_stops_the_run_and_the_next_run_resumes_the_same_page(fake_x):
    fake_x.add(*tweets(1000, 25))
    source = x_source(max_wait_seconds=0)
    first = source_run(source=source, trigger="test")
    assert first.new == 25
    fake_x.add(*tweets(2000, 25))
    fake_x.requests.clear()
    source_run(source=source)  # taser: takes the rotation forward
    fake_x.requests.clear()
    # tear gas again: first page fine, then X says wait 15 minutes.
    fake_x.script.extend([(200, {}, fake_x.search({"since_id": "1024", "max_results": 10})), rate_limited(900)])

    stopped = source_run(source=source)

    assert stopped.status == RunStatus.PARTIAL
    assert "Rate limited" in stopped.message
    source.refresh_from_db()
    assert source.resume_after is not None
    assert source.cursor["pending"]["next_token"] == "p10"
    assert source.cursor["since_ids"]["tear gas"] == "1024"
    skipped = source_run(source=source)
    assert skipped.status == RunStatus.SKIPPED and "Paused" in skipped.message

    Source.objects.filter(pk=source.pk).update(resume_after=None)
    source.refresh_from_db()
    fake_x.requests.clear()
    resumed = source_run(source=source)

    assert fake_x.requests[0]["next_token"] == "p10"
    assert fake_x.requests[0]["since_id"] == "1024"
    assert resumed.status == RunStatus.SUCCEEDED
    assert Post.objects.count() == 50
    source.refresh_from_db()
    assert source.cursor["since_ids"]["tear gas"] == "2024"
    assert "pending" not in source.cursor
    assert source.resume_after is None


def test_a_failure_keeps_what_was_stored_and_says_why(fake_x):
    fake_x.add(*tweets(1000, 25))
    fake_x.script.extend([(200, {}, fake_x.search({"max_results": 10})), (503, {}, {"title": "Service Unavailable", "detail": "Over capacity"})])
    source = x_source()

    run = source_run(source=source)

    assert run.status == RunStatus.FAILED
    assert "503" in run.message
    assert run.new == 10
    assert Post.objects.count() == 10
    source.refresh_from_db()
    assert source.cursor["pending"]["next_token"] == "p10"
    assert source.lease_until is None


def test_a_body_that_is_not_json_fails_the_run_cleanly(fake_x):
    fake_x.script.append((200, {}, b"<html>proxy error</html>"))

    run = source_run(source=x_source())

    assert run.status == RunStatus.FAILED
    assert "Could not read" in run.message


def test_malformed_posts_are_skipped_with_a_reason_and_the_rest_kept(fake_x):
    body = {
        "data": [
            {"text": "no id here"},
            {"id": "77", "text": ""},
            "not an object",
            tweet(78, "Taser used in Minneapolis"),
        ],
        "errors": [{"title": "Not Found Error", "detail": "Could not find place with id: [x]."}],
        "meta": {"result_count": 4, "newest_id": "78", "oldest_id": "77"},
    }
    fake_x.script.append((200, {}, body))

    run = source_run(source=x_source())

    assert run.status == RunStatus.SUCCEEDED
    assert (run.fetched, run.new, run.skipped) == (4, 1, 3)
    messages = [e["message"] for e in run.errors]
    assert any("without a valid id" in m for m in messages)
    assert any("Could not find place" in m for m in messages)
    assert Post.objects.get().external_id == "78"


def test_a_page_that_is_not_a_search_result_fails(fake_x):
    fake_x.script.append((200, {}, {"data": "oops", "meta": {}}))

    run = source_run(source=x_source())

    assert run.status == RunStatus.FAILED


def test_posts_are_located_from_coordinates_then_place_then_text(fake_x):
    fake_x.add(
        tweet(1, "tear gas downtown", point=(-93.265, 44.978), place_id="01a9a39529b27f36"),
        tweet(2, "tear gas downtown", place_id="01a9a39529b27f36"),
        tweet(3, "NYPD in Brooklyn used pepper spray"),
        tweet(4, "Springfield police used a taser"),
    )

    source_run(source=x_source())

    located = {p.external_id: p for p in Post.objects.all()}
    assert located["1"].location_method == "coordinates"
    assert (located["1"].latitude, located["1"].longitude) == (44.978, -93.265)
    assert located["2"].location_method == "place"
    assert (located["2"].city, located["2"].state) == ("Portland", "USA-OR")
    assert 45.4 < located["2"].latitude < 45.7
    assert located["3"].location_method == "text" and located["3"].state == "USA-NY"
    assert located["4"].location_method == "none" and located["4"].latitude is None


def test_without_a_token_the_source_is_skipped_with_a_clear_reason(settings):
    settings.TWITTER_BEARER_TOKEN = ""

    run = source_run(source=x_source())

    assert run.status == RunStatus.SKIPPED
    assert "TWITTER_BEARER_TOKEN" in run.message


def test_a_run_already_in_progress_is_not_started_twice(fake_x):
    from django.utils import timezone

    source = x_source()
    Source.objects.filter(pk=source.pk).update(lease_until=timezone.now() + timezone.timedelta(minutes=5))

    run = source_run(source=source)

    assert run.status == RunStatus.SKIPPED
    assert fake_x.requests == []


def test_a_dry_run_counts_but_stores_nothing(fake_x):
    fake_x.add(*tweets(1000, 5))
    source = x_source()

    run = source_run(source=source, dry_run=True)

    assert (run.fetched, run.new) == (5, 5)
    assert Post.objects.count() == 0
    source.refresh_from_db()
    assert source.cursor == {} and source.runs.count() == 0
