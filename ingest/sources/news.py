"""News feeds (RSS and Atom) read with feedparser.

The feed is fetched with requests, conditionally (If-None-Match / If-Modified-Since from the last
run), so an unchanged feed costs one 304 and stores nothing; then feedparser parses the bytes.
Each entry becomes a post: title, summary, and the full content when the feed carries it.

Source configuration:
    url          the feed's address (required)
    max_items    entries read per run (default 200)
    timeout      seconds per request (default 20)
"""

from __future__ import annotations

import calendar
import datetime as dt
from urllib.parse import urlsplit

import requests
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from ingest.geotag import geotag_text
from ingest.sources.base import Item, Outcome, SourceError, bounded_id
from ingest.text import normalise_text

MAX_FEED_BYTES = 10 * 1024 * 1024
USER_AGENT = "Accountable feed reader (+https://github.com/)"


class NewsFetcher:
    def unavailable_reason(self, source) -> str:
        url = source.config.get("url")
        try:
            URLValidator(schemes=["http", "https"])(url or "")
        except ValidationError:
            return _("The configuration needs a \"url\": the feed's http(s) address.")
        return ""

    def fetch(self, *, source, cursor: dict, recorder) -> Outcome:
        import feedparser

        url = source.config["url"]
        timeout = source.config.get("timeout", 20)
        max_items = int(source.config.get("max_items", 200))
        headers = {"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"}
        if cursor.get("url") == url:
            if cursor.get("etag"):
                headers["If-None-Match"] = cursor["etag"]
            if cursor.get("modified"):
                headers["If-Modified-Since"] = cursor["modified"]
        try:
            with requests.get(url, headers=headers, timeout=timeout, stream=True) as response:
                if response.status_code == 304:
                    return Outcome(message=_("Not modified since the last run."))
                if response.status_code != 200:
                    raise SourceError(
                        _("The feed answered HTTP %(status)s.") % {"status": response.status_code}
                    )
                body = _read_bounded(response)
                response_headers = {k.lower(): v for k, v in response.headers.items()}
        except requests.RequestException as error:
            raise SourceError(_("Could not fetch the feed: %(error)s") % {"error": error}) from error

        response_headers.setdefault("content-location", url)
        feed = feedparser.parse(body, response_headers=response_headers)
        if feed.bozo and not feed.entries:
            raise SourceError(
                _("The feed could not be read: %(error)s")
                % {"error": feed.get("bozo_exception") or _("not RSS or Atom")}
            )
        if feed.bozo:
            recorder.warn(
                _("The feed is not well-formed (%(error)s); the readable entries were kept.")
                % {"error": feed.get("bozo_exception")}
            )
        entries = feed.entries[:max_items]
        recorder.fetched(len(entries))
        host = urlsplit(url).netloc
        items = []
        for entry in entries:
            item = self._item(entry, host)
            if item is None:
                recorder.skip(_("An entry without an id, link or title was skipped."), raw=_plain(entry))
                continue
            items.append(item)
        recorder.store(items)
        cursor.update(
            url=url,
            etag=response_headers.get("etag", ""),
            modified=response_headers.get("last-modified", ""),
        )
        recorder.checkpoint(cursor)
        return Outcome(message=_("Read %(count)d entries.") % {"count": len(entries)})

    def _item(self, entry, host: str) -> Item | None:
        link = entry.get("link") or ""
        guid = entry.get("id") or link
        title = normalise_text(entry.get("title") or "", strip_html=True)
        if not guid and not title:
            return None
        if not guid:
            guid = f"{entry.get('published') or entry.get('updated') or ''}|{title}"
        # Bare ids ("1234") are only unique within their feed; URLs and tag: URIs are global.
        external_id = guid if ":" in guid else f"{host}:{guid}"
        summary = entry.get("summary") or ""
        contents = [c.get("value") or "" for c in entry.get("content") or []]
        body_html = max(contents, key=len) if contents else ""
        parts = [title, summary]
        if body_html and normalise_text(body_html, strip_html=True) != normalise_text(summary, strip_html=True):
            parts.append(body_html)
        original = "\n\n".join(p for p in parts if p)
        text = normalise_text(original, strip_html=True)
        if not text:
            return None
        return Item(
            external_id=bounded_id(external_id),
            text=original,
            html=True,
            raw=_plain(entry),
            url=link[:1000],
            title=title[:500],
            author=(entry.get("author") or "")[:255],
            language=(entry.get("language") or "")[:16],
            posted_at=_entry_time(entry),
            tags=[t.get("term") for t in entry.get("tags") or [] if t.get("term")][:20],
            location=geotag_text(text),
        )


def _read_bounded(response) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_content(64 * 1024):
        size += len(chunk)
        if size > MAX_FEED_BYTES:
            raise SourceError(_("The feed is larger than 10 MB; refusing to read it."))
        chunks.append(chunk)
    return b"".join(chunks)


def _entry_time(entry) -> dt.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.timezone.utc)


def _plain(value):
    """feedparser's dicts hold time.struct_time values; keep the payload JSON-serialisable."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items() if not k.endswith("_parsed")}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)
