"""Ingest at national scale: 50,000 posts from the fake X API and a 5,000-story news feed,
stored, deduplicated and geotagged into PostgreSQL (issue #21: ≥ 500 posts/s end to end).

The fake X server of the tests (`tests/ingest/servers.FakeX`, API v2 recent search, pages of
100 with `next_token`) and the feed host run in a separate process, so their work does not
share this process's interpreter. Posts are shaped as the scraper meets them: most name a
place only in their text (the gazetteer geotags them), some carry an X place, a few exact
coordinates; one in ten was already stored by an earlier run (deduplicated, not stored twice).

Cases, each into emptied post tables:
- X: `source_run` until the search is done (fetch through tweepy, geotag, store, enqueue the
  new posts for classification: the messages go to Redis; no worker runs during it);
- news: one `source_run` of the feed (requests, feedparser, text geotagging, store);
- baseline in the same run: the same X posts' rows written with `bulk_create` in batches of
  1,000 (no fetching, parsing, geotagging or deduplication): the storage ceiling.

Then "does classification keep up": a real Celery worker on the `ml` queue drains the queued
messages for `--classify-seconds` and the posts it scored per second are printed beside the
rate the scraper stores them at and the rate the issue names (tens of thousands a day).

Uses its own database (acc_bench_ingest) and Redis db 14; both emptied at the end.
    python -m bench ingest [--posts 50000] [--stories 5000] [--classify-seconds 60]
BENCH_PROFILE=file.prof profiles the X case with cProfile instead (and stops there);
BENCH_WORKER_LOG=INFO shows each classification chunk's time in the worker's log.
"""

import argparse
import multiprocessing
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from bench import _officers_db

DATABASE = "acc_bench_ingest"
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/14")
ROOT = Path(__file__).resolve().parent.parent
POSTS, STORIES = 50_000, 5_000
CITIES = [
    ("Portland", "Oregon"), ("Minneapolis", "Minnesota"), ("Chicago", "Illinois"), ("Houston", "Texas"),
    ("Atlanta", "Georgia"), ("Phoenix", "Arizona"), ("Denver", "Colorado"), ("Louisville", "Kentucky"),
    ("Seattle", "Washington"), ("Kenosha", "Wisconsin"), ("Rochester", "New York"), ("Oakland", "California"),
]
WHAT = [
    "Police fired tear gas at protesters downtown in {city}, {state} tonight",
    "Officers in {city} used pepper spray on a crowd outside city hall",
    "Video shows a {city} officer tasering a man during a traffic stop",
    "Rubber bullets hit a journalist covering the march in {city}, {state}",
    "Police in riot gear pushed marchers with batons on Main Street, {city}",
    "Peaceful vigil in {city}; police watched from across the street",
    "Cops arrested a woman filming them in {city}, {state}, and slammed her to the ground",
]


def tweets(count: int, rng: random.Random) -> list[dict]:
    from tests.ingest.servers import tweet

    out = []
    for n in range(count):
        city, state = rng.choice(CITIES)
        text = rng.choice(WHAT).format(city=city, state=state) + f" #{n}"
        shape = rng.random()
        if shape < 0.05:
            out.append(tweet(10_000_000 + n, text, point=[-122.67 + rng.random() / 10, 45.52 + rng.random() / 10]))
        elif shape < 0.20:
            out.append(tweet(10_000_000 + n, text, place_id="01a9a39529b27f36"))
        else:
            out.append(tweet(10_000_000 + n, text))
    return out


def feed(count: int, rng: random.Random) -> bytes:
    items = []
    for n in range(count):
        city, state = rng.choice(CITIES)
        title = rng.choice(WHAT).format(city=city, state=state)
        items.append(
            f"<item><title>{title}</title><link>https://news.example.org/story/{n}</link>"
            f"<guid>https://news.example.org/story/{n}</guid>"
            f"<pubDate>Fri, 20 Nov 2026 10:{n % 60:02d}:00 GMT</pubDate>"
            f"<description>{title}. Witnesses described the scene to reporters; the department "
            f"said it would review the footage.</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench news</title>'
        "<link>https://news.example.org/</link><description>bench</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def _serve(posts: int, stories: int, ready) -> None:
    """The fake X API and the feed host, in their own process until terminated."""
    sys.path.insert(0, str(ROOT))
    from tests.ingest.servers import FakeX, FeedHost

    rng = random.Random(11)
    x, host = FakeX(), FeedHost()
    x.add(*tweets(posts, rng))
    host.feeds["/news.xml"] = feed(stories, rng)
    with x, host:
        ready.put((x.url, host.url))
        while True:
            time.sleep(3600)


def _empty_posts() -> None:
    from django.db import connection

    from incidents.models import Post
    from ingest.models import Run, Source

    with connection.cursor() as cursor:
        tables = [Post._meta.db_table, Run._meta.db_table, Source._meta.db_table]
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def _x_source(already: list[dict]):
    """An X source whose first tenth of posts an earlier run already stored."""
    from incidents.models import Post
    from core.choices import SourceKind
    from ingest.models import Source

    source = Source.objects.create(
        name="Bench X", kind=SourceKind.TWITTER, config={"queries": ["police"], "max_pages": 100, "max_results": 100}
    )
    Post.objects.bulk_create(
        Post(source_kind=SourceKind.TWITTER, external_id=t["id"], source=source, text=t["text"]) for t in already
    )
    return source


def _scrape(source) -> tuple[int, int, int]:
    """Run the source until it has nothing new: (new, duplicates, runs)."""
    from ingest.models import RunStatus
    from ingest.services.runs import source_run

    new = duplicates = runs = 0
    while True:
        run = source_run(source=source, trigger="bench")
        runs += 1
        assert run.status in (RunStatus.SUCCEEDED, RunStatus.PARTIAL), (run.status, run.message)
        new, duplicates = new + run.new, duplicates + run.duplicates
        source.refresh_from_db()
        if not (source.cursor or {}).get("pending"):
            return new, duplicates, runs


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench ingest", description=__doc__)
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--stories", type=int, default=STORIES)
    parser.add_argument("--classify-seconds", type=int, default=60)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")

    ready = multiprocessing.Queue()
    servers = multiprocessing.Process(target=_serve, args=(args.posts, args.stories, ready), daemon=True)
    servers.start()
    x_url, feed_url = ready.get(timeout=300)

    _officers_db.create(DATABASE)
    try:
        from django.conf import settings

        from config.celery import app
        from core.choices import SourceKind
        from incidents.models import Post
        from ingest.models import Source

        # Classification messages go to a real broker, as in production, and wait there.
        app.conf.update(broker_url=REDIS, task_always_eager=False)
        settings.TWITTER_BEARER_TOKEN = "test-bearer-token"
        settings.TWITTER_API_BASE_URL = x_url
        rng = random.Random(11)
        posts = tweets(args.posts, rng)  # the same posts the server holds
        already = posts[-args.posts // 10 :]  # the oldest tenth: stored by an "earlier run"
        results = {}

        _empty_posts()
        source = _x_source(already)
        started = time.perf_counter()
        if os.environ.get("BENCH_PROFILE"):
            import cProfile

            cProfile.runctx("_scrape(source)", globals(), {"source": source}, os.environ["BENCH_PROFILE"])
            _empty_posts()
            news = Source.objects.create(
                name="Bench news", kind=SourceKind.NEWS, config={"url": f"{feed_url}/news.xml", "max_items": args.stories}
            )
            cProfile.runctx("_scrape(news)", globals(), {"news": news}, os.environ["BENCH_PROFILE"] + ".news")
            return
        new, duplicates, runs = _scrape(source)
        results["X: fetch, geotag, dedupe, store"] = (time.perf_counter() - started, new, duplicates, runs)
        assert new == args.posts - len(already), (new, duplicates)
        located = Post.objects.exclude(latitude=None).count()

        _empty_posts()
        news = Source.objects.create(
            name="Bench news", kind=SourceKind.NEWS, config={"url": f"{feed_url}/news.xml", "max_items": args.stories}
        )
        started = time.perf_counter()
        new_stories, story_duplicates, story_runs = _scrape(news)
        results["news feed: fetch, parse, geotag, store"] = (
            time.perf_counter() - started, new_stories, story_duplicates, story_runs,
        )

        _empty_posts()
        source = Source.objects.create(name="Bench bulk", kind=SourceKind.TWITTER, config={})
        rows = [
            Post(source_kind=SourceKind.TWITTER, external_id=t["id"], source=source, text=t["text"], raw={"tweet": t})
            for t in posts[: args.posts - len(already)]
        ]
        started = time.perf_counter()
        Post.objects.bulk_create(rows, batch_size=1000)
        results["baseline: bulk_create of the rows"] = (time.perf_counter() - started, len(rows), 0, 0)

        print(f"{'case':<42}{'seconds':>9}{'new':>9}{'dupes':>8}{'runs':>6}{'posts/s':>10}")
        for label, (seconds, stored, dupes, count) in results.items():
            print(f"{label:<42}{seconds:>9.2f}{stored:>9,}{dupes:>8,}{count or '':>6}{stored / seconds:>10,.0f}")
        x_rate = results["X: fetch, geotag, dedupe, store"][1] / results["X: fetch, geotag, dedupe, store"][0]
        base_rate = results["baseline: bulk_create of the rows"][1] / results["baseline: bulk_create of the rows"][0]
        print(f"X posts located (coordinates, place or text): {located:,} of {args.posts - len(already):,}")
        print(f"X end to end: {x_rate:,.0f} posts/s (target ≥ 500: {'met' if x_rate >= 500 else 'NOT met'}); "
              f"{x_rate / base_rate:.2f} of the bulk_create ceiling")
        _classification_keeps_up(args.classify_seconds, x_rate)
    finally:
        servers.terminate()
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        _officers_db.drop(DATABASE)
    print(f"load average at end: {os.getloadavg()}")


def _classification_keeps_up(seconds: int, store_rate: float) -> None:
    """A real worker on the `ml` queue scores the queued X posts for `seconds`."""
    from incidents.models import Post

    # The bulk baseline replaced the scraped posts (whose messages, queued before any model was
    # active, the worker skips quickly): queue the rows there now, in the scraper's chunks.
    from config.celery import app
    from incidents.classifier import registry
    from incidents.tasks import classify_posts

    registry.classifier_serving_ensure()  # the packaged model, registered and active
    ids = list(Post.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 100):
        classify_posts.apply_async(args=[ids[start : start + 100]])
    env = {**os.environ, "DATABASE_URL": _url(), "REDIS_URL": REDIS,
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", _queue_of(app, classify_posts),
         "-c", "1", "--loglevel", os.environ.get("BENCH_WORKER_LOG", "WARNING"), "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, start_new_session=True,
    )
    try:
        # Not counted: the worker starting and loading the model, which ends with its first
        # chunk committed.
        deadline = time.monotonic() + 300
        while not Post.objects.exclude(predicted_rank=None).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        before = Post.objects.exclude(predicted_rank=None).count()
        started = time.perf_counter()
        time.sleep(seconds)
        scored = Post.objects.exclude(predicted_rank=None).count() - before
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    rate = scored / elapsed
    print(f"classification in one real worker: {rate:,.1f} posts/s ({rate * 86_400:,.0f} a day) "
          f"against {store_rate:,.0f} posts/s stored while a scrape runs; "
          f"keeps up with 50,000 posts a day: {'yes' if rate * 86_400 >= 50_000 else 'NO'}")


def _url() -> str:
    return f"{_officers_db.SERVER}/{DATABASE}"


def _queue_of(app, task) -> str:
    queue = app.amqp.router.route({}, task.name)["queue"]
    return queue.name
