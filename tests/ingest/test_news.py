"""News feeds over HTTP from a local feed host: conditional GET, broken XML, dedupe."""

import pytest

from incidents.models import Post
from ingest.models import RunStatus
from ingest.services import source_run
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>City Desk</title><link>https://news.example.org/</link><description>Local</description>
<item>
  <title>Police use tear gas on protesters in Portland, OR</title>
  <link>https://news.example.org/2026/11/portland-tear-gas</link>
  <guid isPermaLink="true">https://news.example.org/2026/11/portland-tear-gas</guid>
  <pubDate>Fri, 20 Nov 2026 09:30:00 GMT</pubDate>
  <description>&lt;p&gt;Officers fired tear gas &amp;amp; flash-bangs.&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>Officers fired tear gas &amp; flash-bangs downtown.</p><p>Three people were hurt.</p>]]></content:encoded>
  <category>protest</category>
</item>
<item>
  <title>Council hears testimony on taser policy</title>
  <link>https://news.example.org/2026/11/taser-policy</link>
  <guid isPermaLink="false">4711</guid>
  <description>Minneapolis police answered questions.</description>
</item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Watch</title><id>urn:watch</id><updated>2026-11-20T10:00:00Z</updated>
<entry><id>tag:watch.example.org,2026:1</id><title>Rubber bullets fired in Louisville</title>
<link href="https://watch.example.org/1"/><updated>2026-11-20T10:00:00Z</updated>
<summary>Louisville police fired rubber bullets.</summary></entry>
</feed>"""


def news_source(feed_host, path="/rss.xml"):
    return SourceFactory(kind="news", name=f"Feed {path}", config={"url": feed_host.url + path})


def test_it_stores_entries_with_title_summary_and_content(feed_host):
    feed_host.feeds["/rss.xml"] = RSS

    run = source_run(source=news_source(feed_host))

    assert run.status == RunStatus.SUCCEEDED
    assert (run.fetched, run.new) == (2, 2)
    story = Post.objects.get(external_id="https://news.example.org/2026/11/portland-tear-gas")
    assert story.source_kind == "news"
    assert story.title == "Police use tear gas on protesters in Portland, OR"
    assert "Three people were hurt." in story.text
    assert "<p>" not in story.text and "&amp;" not in story.text
    assert "<p>" in story.text_original
    assert story.posted_at.isoformat() == "2026-11-20T09:30:00+00:00"
    assert (story.city, story.state, story.location_method) == ("Portland", "USA-OR", "text")
    assert story.tags == ["protest"]
    # A bare guid is only unique within its feed, so it is qualified with the feed's host.
    assert Post.objects.filter(external_id=f"127.0.0.1:{feed_host.httpd.server_address[1]}:4711").exists()


def test_an_unchanged_feed_is_answered_304_and_nothing_is_stored(feed_host):
    feed_host.feeds["/rss.xml"] = RSS
    source = news_source(feed_host)
    source_run(source=source)

    again = source_run(source=source)

    assert feed_host.requests[-1]["if_none_match"] == feed_host.etag("/rss.xml")
    assert again.status == RunStatus.SUCCEEDED
    assert again.fetched == 0 and "Not modified" in again.message
    assert Post.objects.count() == 2


def test_a_changed_feed_stores_only_the_new_entries(feed_host):
    feed_host.feeds["/rss.xml"] = RSS
    source = news_source(feed_host)
    source_run(source=source)
    feed_host.feeds["/rss.xml"] = RSS.replace(b"<item>", b"<item><title>Extra</title><guid>urn:x:9</guid><description>Police in Texas</description></item><item>", 1)

    run = source_run(source=source)

    assert (run.fetched, run.new, run.duplicates) == (3, 1, 2)


def test_atom_feeds_are_read_too(feed_host):
    feed_host.feeds["/atom.xml"] = ATOM

    run = source_run(source=news_source(feed_host, "/atom.xml"))

    assert run.new == 1
    assert Post.objects.get().external_id == "tag:watch.example.org,2026:1"


def test_xml_that_is_not_a_feed_fails_the_run_with_the_reason(feed_host):
    feed_host.feeds["/broken.xml"] = b"<?xml version='1.0'?><oops><unclosed></oops>"

    run = source_run(source=news_source(feed_host, "/broken.xml"))

    assert run.status == RunStatus.FAILED
    assert "could not be read" in run.message
    assert run.finished_at is not None
    assert Post.objects.count() == 0


def test_truncated_xml_keeps_the_readable_entries_with_a_warning(feed_host):
    feed_host.feeds["/cut.xml"] = RSS[: RSS.index(b"<item>", RSS.index(b"</item>"))] + b"<item><title>Cut"

    run = source_run(source=news_source(feed_host, "/cut.xml"))

    assert run.status == RunStatus.SUCCEEDED
    assert run.new >= 1
    assert any("not well-formed" in e["message"] for e in run.errors)
    assert Post.objects.filter(external_id="https://news.example.org/2026/11/portland-tear-gas").exists()


def test_an_http_error_fails_the_run_with_the_status(feed_host):
    run = source_run(source=news_source(feed_host, "/missing.xml"))

    assert run.status == RunStatus.FAILED
    assert "404" in run.message


def test_an_unreachable_host_fails_the_run_with_the_reason():
    source = SourceFactory(kind="news", config={"url": "http://127.0.0.1:9/feed.xml", "timeout": 2})

    run = source_run(source=source)

    assert run.status == RunStatus.FAILED
    assert "Could not fetch" in run.message


def test_a_source_without_a_url_is_skipped_with_the_reason():
    run = source_run(source=SourceFactory(kind="news", config={}))

    assert run.status == RunStatus.SKIPPED
    assert "url" in run.message
