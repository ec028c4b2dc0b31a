"""X/Twitter recent search (API v2) through tweepy.

Each run takes the next query of the source's rotation, excludes retweets, and pages with
`next_token` up to a per-run cap. The newest id of a completed search becomes that query's
`since_id`, so the next pass over it only sees newer posts. While a search is still paging (cap
reached, rate limit, failure), the cursor keeps the page it was on: the next run continues
that search before it moves on, so nothing between two runs is lost.

Source configuration (all optional):
    queries            list of search terms; default DEFAULT_QUERIES
    max_pages          pages per run (default 5)
    max_results        tweets per page, 10–100 (default 100)
    max_wait_seconds   how long a run may wait for a rate-limit reset before stopping (default 60)
    language           "en" adds `lang:en` to every query

Cursor: {"next_query": int, "since_ids": {query: id}, "pending": {query, next_token, newest_id,
since_id}}.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import requests
from django.conf import settings
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from ingest.geotag import geotag_tweet
from ingest.sources.base import Item, Outcome, SourceError

log = logging.getLogger(__name__)

X_API_HOST = "https://api.twitter.com"
DEFAULT_QUERIES = [
    "police brutality",
    "police violence",
    "tear gas",
    "rubber bullets",
    "pepper spray",
    "taser",
    "killed by police",
    "#policebrutality",
    "#BlackLivesMatter",
]
TWEET_FIELDS = ["id", "text", "created_at", "author_id", "lang", "geo", "public_metrics"]
PLACE_FIELDS = ["id", "full_name", "name", "country", "country_code", "place_type", "geo"]
USER_FIELDS = ["id", "username", "name"]
EXPANSIONS = ["geo.place_id", "author_id"]
RATE_LIMIT_RETRIES = 3


class HostRewriteAdapter(requests.adapters.HTTPAdapter):
    """Send requests tweepy addresses to api.twitter.com to another base URL instead.

    tweepy hard-codes its host in `BaseClient.request`; mounting this adapter on the client's
    `session` for that host is the supported requests way to redirect it (proxy, fake in tests).
    """

    def __init__(self, base_url: str, **kwargs):
        super().__init__(**kwargs)
        self.base = urlsplit(base_url.rstrip("/"))

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        request.url = urlunsplit(
            (self.base.scheme, self.base.netloc, self.base.path + parts.path, parts.query, "")
        )
        return super().send(request, **kwargs)


def make_client():
    import tweepy

    client = tweepy.Client(
        bearer_token=settings.TWITTER_BEARER_TOKEN, return_type=dict, wait_on_rate_limit=False
    )
    base = (settings.TWITTER_API_BASE_URL or X_API_HOST).rstrip("/")
    if base != X_API_HOST:
        client.session.mount(X_API_HOST, HostRewriteAdapter(base))
    return client


def _config_int(config: dict, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(config.get(key, default))
    except (TypeError, ValueError):
        return default
    return max(low, min(high, value))


class TwitterFetcher:
    def unavailable_reason(self, source) -> str:
        if not settings.TWITTER_BEARER_TOKEN:
            return _(
                "X/Twitter is disabled: set TWITTER_BEARER_TOKEN (or TWITTER_BEARER_TOKEN_FILE) "
                "to an API v2 bearer token to collect posts."
            )
        queries = source.config.get("queries", DEFAULT_QUERIES)
        if not isinstance(queries, list) or not all(
            isinstance(q, str) and q.strip() for q in queries
        ) or not queries:
            return _("The configuration's \"queries\" must be a list of search terms.")
        return ""

    def fetch(self, *, source, cursor: dict, recorder) -> Outcome:
        import tweepy  # the X client library loads only in a process that scrapes X

        config = source.config
        max_pages = _config_int(config, "max_pages", 5, 1, 100)
        max_wait = _config_int(config, "max_wait_seconds", 60, 0, 900)
        language = str(config.get("language") or "").strip()
        search = _Search.resume(cursor, [q.strip() for q in config.get("queries", DEFAULT_QUERIES)])
        terms = f"({search.query}) -is:retweet" + (f" lang:{language}" if language else "")
        client = make_client()
        max_results = _config_int(config, "max_results", 100, 10, 100)
        pages = 0
        retries = 0
        while pages < max_pages:
            try:
                page = client.search_recent_tweets(terms, **search.params(max_results))
            except tweepy.TooManyRequests as error:
                reset = error.reset_time or int(time.time()) + 60
                wait = reset - int(time.time()) + 1
                if wait <= max_wait and retries < RATE_LIMIT_RETRIES:
                    retries += 1
                    log.warning("X rate limit on %r; waiting %s s", search.query, wait)
                    time.sleep(max(wait, 0))
                    continue
                search.park(cursor, recorder)
                return _rate_limited(search.query, reset)
            except tweepy.HTTPException as error:
                search.park(cursor, recorder)
                status = getattr(error.response, "status_code", "?")
                detail = "; ".join(error.api_messages) or str(error)
                raise SourceError(
                    _("X answered HTTP %(status)s: %(detail)s") % {"status": status, "detail": detail}
                ) from error
            except (requests.RequestException, ValueError) as error:
                # Connection trouble, or a body that is not JSON (requests' JSONDecodeError).
                search.park(cursor, recorder)
                raise SourceError(
                    _("Could not read X's answer: %(error)s") % {"error": error}
                ) from error
            retries = 0
            pages += 1
            if not isinstance(page, dict) or not isinstance(page.get("meta", {}), dict):
                search.park(cursor, recorder)
                raise SourceError(_("X returned a page that is not a search result."))
            self._read_page(page, search, recorder)
            if not search.next_token:
                search.finish(cursor, recorder)
                return Outcome(message=_("Searched “%(query)s”.") % {"query": search.query})
            search.park(cursor, recorder)

        return Outcome(
            message=_("Searched “%(query)s”: stopped at the cap of %(pages)d pages; the next run continues it.")
            % {"query": search.query, "pages": max_pages}
        )

    def _read_page(self, page: dict, search: _Search, recorder) -> None:
        """Store the page's posts, pass on X's warnings, and move `search` to the next page."""
        meta = page.get("meta") or {}
        tweets = page.get("data") or []
        for problem in page.get("errors") or []:
            if isinstance(problem, dict):
                recorder.warn(
                    _("X reported: %(detail)s")
                    % {"detail": problem.get("detail") or problem.get("title") or problem}
                )
        if not isinstance(tweets, list):
            raise SourceError(_("X returned “data” that is not a list."))
        if search.newest_id is None and str(meta.get("newest_id") or "").isdigit():
            search.newest_id = str(meta["newest_id"])
        recorder.fetched(len(tweets))
        recorder.store(self._items(tweets, page.get("includes") or {}, search.query, recorder))
        search.next_token = meta.get("next_token")

    def _items(self, tweets: list, includes: dict, query: str, recorder) -> list[Item]:
        places = {
            p["id"]: p for p in includes.get("places") or [] if isinstance(p, dict) and "id" in p
        }
        users = {
            u["id"]: u for u in includes.get("users") or [] if isinstance(u, dict) and "id" in u
        }
        items = []
        for tweet in tweets:
            if not isinstance(tweet, dict) or not str(tweet.get("id") or "").isdigit():
                recorder.skip(_("A post without a valid id was skipped."), raw=tweet)
                continue
            if not isinstance(tweet.get("text"), str) or not tweet["text"].strip():
                recorder.skip(
                    _("Post %(id)s has no text and was skipped.") % {"id": tweet["id"]}, raw=tweet
                )
                continue
            user = users.get(tweet.get("author_id")) or {}
            username = user.get("username") or ""
            place = places.get((tweet.get("geo") or {}).get("place_id") or "")
            raw = {"tweet": tweet, "query": query}
            if place:
                raw["place"] = place
            if user:
                raw["user"] = user
            items.append(
                Item(
                    external_id=str(tweet["id"]),
                    text=tweet["text"],
                    raw=raw,
                    url=f"https://x.com/{username or 'i/web'}/status/{tweet['id']}",
                    author=username or str(tweet.get("author_id") or ""),
                    language=str(tweet.get("lang") or "")[:16],
                    posted_at=_datetime(tweet.get("created_at")),
                    tags=[query],
                    location=geotag_tweet(tweet, places),
                )
            )
        return items


def _datetime(value) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse_datetime(value)
    except ValueError:
        return None


def _rate_limited(query: str, reset: int) -> Outcome:
    resume = dt.datetime.fromtimestamp(reset, tz=dt.timezone.utc)
    return Outcome(
        message=_("Rate limited by X until %(time)s; the next run continues “%(query)s” on the same page.")
        % {"time": resume.strftime("%Y-%m-%d %H:%M UTC"), "query": query},
        partial=True,
        resume_after=resume,
    )


@dataclass
class _Search:
    """Where one query's paging stands: kept in the cursor as `pending` until it completes."""

    query: str
    since_ids: dict
    next_token: str | None = None
    newest_id: str | None = None
    since_id: str | None = None

    @classmethod
    def resume(cls, cursor: dict, queries: list[str]) -> _Search:
        """The search a run left unfinished, or the next query of the rotation."""
        since_ids = dict(cursor.get("since_ids") or {})
        pending = cursor.get("pending") or None
        if pending and pending.get("query") in queries:
            return cls(
                query=pending["query"],
                since_ids=since_ids,
                next_token=pending.get("next_token"),
                newest_id=pending.get("newest_id"),
                since_id=pending.get("since_id"),
            )
        index = int(cursor.get("next_query") or 0) % len(queries)
        cursor["next_query"] = (index + 1) % len(queries)
        return cls(query=queries[index], since_ids=since_ids, since_id=since_ids.get(queries[index]))

    def params(self, max_results: int) -> dict:
        params = {
            "max_results": max_results,
            "tweet_fields": TWEET_FIELDS,
            "expansions": EXPANSIONS,
            "place_fields": PLACE_FIELDS,
            "user_fields": USER_FIELDS,
        }
        if self.since_id:
            params["since_id"] = self.since_id
        if self.next_token:
            params["next_token"] = self.next_token
        return params

    def park(self, cursor: dict, recorder) -> None:
        """Save the page this search is on, so the next run continues it there."""
        cursor["pending"] = {
            "query": self.query,
            "next_token": self.next_token,
            "newest_id": self.newest_id,
            "since_id": self.since_id,
        }
        recorder.checkpoint(cursor)

    def finish(self, cursor: dict, recorder) -> None:
        """The search is complete: its newest id is where the next pass over the query starts."""
        if self.newest_id and (not self.since_id or int(self.newest_id) > int(self.since_id)):
            self.since_ids[self.query] = self.newest_id
        cursor["since_ids"] = self.since_ids
        cursor.pop("pending", None)
        recorder.checkpoint(cursor)
