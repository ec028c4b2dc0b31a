"""`manage.py scrape`, the schedule, the beat entry and a real Celery worker running a scrape."""

import datetime as dt
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from config.celery import app
from incidents.models import Post
from ingest import selectors
from ingest.models import Run, RunStatus, Source
from ingest.services import source_run
from ingest.tasks import scrape_due_sources, scrape_source
from tests.factories import SourceFactory
from tests.ingest.servers import tweet
from tests.ingest.test_news import RSS


@pytest.mark.django_db
def test_scrape_prints_a_summary_per_source_and_in_total(feed_host, capsys):
    feed_host.feeds["/rss.xml"] = RSS
    SourceFactory(kind="news", name="City Desk", config={"url": feed_host.url + "/rss.xml"})

    call_command("scrape", "--source", "City Desk")

    out = capsys.readouterr().out
    assert "City Desk [news]: succeeded — fetched 2, new 2, duplicates 0" in out
    assert "created 2, duplicates 0, skipped 0, failed 0 (1 source(s))" in out


@pytest.mark.django_db
def test_scrape_dry_run_stores_nothing(feed_host, capsys):
    feed_host.feeds["/rss.xml"] = RSS
    SourceFactory(kind="news", name="City Desk", config={"url": feed_host.url + "/rss.xml"})

    call_command("scrape", "--all", "--dry-run")

    assert Post.objects.count() == 0 and Run.objects.count() == 0
    assert "dry run, nothing stored: created 2" in capsys.readouterr().out


@pytest.mark.django_db
def test_scrape_names_the_known_sources_when_one_is_unknown():
    with pytest.raises(CommandError, match="X: police use of force"):
        call_command("scrape", "--source", "nope")


@pytest.mark.django_db
def test_a_source_is_due_when_its_interval_has_passed(settings):
    settings.TWITTER_BEARER_TOKEN = ""
    now = timezone.now()
    fresh = SourceFactory(kind="news", config={"url": "https://example.org/a"})
    stale = SourceFactory(kind="news", config={"url": "https://example.org/b"})
    SourceFactory(kind="news", enabled=False, config={"url": "https://example.org/c"})
    SourceFactory(kind="news", schedule_hours=0, config={"url": "https://example.org/d"})
    paused = SourceFactory(kind="news", resume_after=now + dt.timedelta(hours=1), config={"url": "https://example.org/e"})
    Run.objects.create(source=fresh, status=RunStatus.SUCCEEDED)
    old = Run.objects.create(source=stale, status=RunStatus.SUCCEEDED)
    Run.objects.filter(pk=old.pk).update(started_at=now - dt.timedelta(hours=3, minutes=50))

    due = selectors.source_list_due(now=now)

    # 3 h 50 min counts for "every 4 hours": beat ticks must not miss by seconds.
    assert {s.pk for s in due} == {stale.pk}
    assert paused not in due
    assert not any(s.kind == "twitter" for s in due)  # no token: X never scheduled


def test_beat_runs_due_sources_every_four_hours_on_the_scrape_queue():
    entry = app.conf.beat_schedule["scrape-due-sources"]

    assert entry["task"] == "ingest.tasks.scrape_due_sources"
    assert entry["schedule"].hour == set(range(0, 24, 4))
    assert app.amqp.router.route({}, "ingest.tasks.scrape_source")["queue"].name == "scrape"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_scrapes_a_feed(live_worker, feed_host):
    feed_host.feeds["/rss.xml"] = RSS
    source = SourceFactory(kind="news", name="Worker feed", config={"url": feed_host.url + "/rss.xml"})

    result = scrape_source.delay(source.pk, trigger="test")

    outcome = result.get(timeout=60)
    assert outcome["status"] == "succeeded" and outcome["new"] == 2
    assert Post.objects.filter(source=source).count() == 2
    assert Run.objects.get(source=source).trigger == "test"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_scheduled_job_enqueues_due_sources_on_a_real_worker(live_worker, feed_host):
    feed_host.feeds["/rss.xml"] = RSS
    SourceFactory(kind="news", name="Due feed", config={"url": feed_host.url + "/rss.xml"})

    assert scrape_due_sources.delay().get(timeout=60) >= 1
    deadline = timezone.now() + dt.timedelta(seconds=60)
    while timezone.now() < deadline and not Post.objects.exists():
        threading.Event().wait(0.5)
    assert Post.objects.count() == 2


def _in_thread(target, results, index):
    try:
        results[index] = target()
    finally:
        connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_over_the_same_posts_never_duplicate_one(fake_x):
    fake_x.add(*[tweet(i, f"tear gas {i}") for i in range(5000, 5060)])
    fake_x.delay = 0.05
    sources = [
        SourceFactory(kind="twitter", name=f"X {n}", config={"queries": ["tear gas"], "max_results": 20})
        for n in range(2)
    ]
    results = [None, None]
    barrier = threading.Barrier(2)

    def run(source):
        barrier.wait()
        return source_run(source=Source.objects.get(pk=source.pk))

    threads = [threading.Thread(target=_in_thread, args=(lambda s=s: run(s), results, i)) for i, s in enumerate(sources)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert Post.objects.filter(source_kind="twitter").count() == 60
    assert all(r.status == RunStatus.SUCCEEDED for r in results)
    assert sum(r.new for r in results) == 60
    assert sum(r.duplicates for r in results) == 60


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_of_one_source_run_it_once(fake_x):
    fake_x.add(*[tweet(i, f"tear gas {i}") for i in range(5000, 5030)])
    fake_x.delay = 0.2
    source = SourceFactory(kind="twitter", name="X once", config={"queries": ["tear gas"], "max_results": 10})
    results = [None, None]
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        return source_run(source=Source.objects.get(pk=source.pk))

    threads = [threading.Thread(target=_in_thread, args=(run, results, i)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    statuses = sorted(r.status for r in results)
    assert statuses == [RunStatus.SKIPPED, RunStatus.SUCCEEDED]
    assert Post.objects.count() == 30
    source.refresh_from_db()
    assert source.lease_until is None
