"""Local HTTP servers the ingest tests talk to: a fake X API v2 recent search, and a feed host.

Both run on 127.0.0.1 in a thread and answer in the real formats, so tweepy, requests and
feedparser are used for real.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BEARER = "test-bearer-token"


class _Server:
    def __init__(self, handler):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.httpd.owner = self
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def tweet(id_: int, text: str, *, place_id: str | None = None, point=None, author="100") -> dict:
    data = {
        "id": str(id_),
        "text": text,
        "created_at": "2026-11-20T12:00:00.000Z",
        "author_id": author,
        "lang": "en",
        "public_metrics": {"retweet_count": 1, "reply_count": 0, "like_count": 3, "quote_count": 0},
        "edit_history_tweet_ids": [str(id_)],
    }
    if place_id or point:
        data["geo"] = {}
        if place_id:
            data["geo"]["place_id"] = place_id
        if point:
            data["geo"]["coordinates"] = {"type": "Point", "coordinates": list(point)}
    return data


PLACES = {
    "01a9a39529b27f36": {
        "id": "01a9a39529b27f36",
        "full_name": "Portland, OR",
        "name": "Portland",
        "country": "United States",
        "country_code": "US",
        "place_type": "city",
        "geo": {"type": "Feature", "bbox": [-122.84, 45.43, -122.47, 45.65], "properties": {}},
    }
}
USERS = {"100": {"id": "100", "username": "witness", "name": "A Witness"}}


class FakeX(_Server):
    """GET /2/tweets/search/recent. `tweets` newest first is what search returns; `script` holds
    forced answers (status, headers, body) served before normal ones; `requests` logs params."""

    def __init__(self):
        super().__init__(_XHandler)
        self.tweets: list[dict] = []
        self.script: deque = deque()
        self.requests: list[dict] = []
        self.delay = 0.0
        self.lock = threading.Lock()

    def add(self, *tweets: dict) -> None:
        with self.lock:
            self.tweets.extend(tweets)
            self.tweets.sort(key=lambda t: -int(t["id"]))

    def search(self, params: dict) -> dict:
        since = int(params.get("since_id", 0) or 0)
        size = int(params.get("max_results", 10))
        offset = int((params.get("next_token") or "p0")[1:])
        with self.lock:
            matching = [t for t in self.tweets if int(t["id"]) > since]
        page = matching[offset : offset + size]
        meta = {"result_count": len(page)}
        if page:
            meta.update(newest_id=page[0]["id"], oldest_id=page[-1]["id"])
        if offset + size < len(matching):
            meta["next_token"] = f"p{offset + size}"
        body = {"meta": meta}
        if page:
            body["data"] = page
            place_ids = {(t.get("geo") or {}).get("place_id") for t in page} - {None}
            places = [PLACES[p] for p in place_ids if p in PLACES]
            users = [USERS[t["author_id"]] for t in page if t.get("author_id") in USERS]
            includes = {}
            if places:
                includes["places"] = places
            if users:
                includes["users"] = list({u["id"]: u for u in users}.values())
            if includes:
                body["includes"] = includes
        return body


class _XHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        fake: FakeX = self.server.owner
        url = urlsplit(self.path)
        params = {k: v[-1] for k, v in parse_qs(url.query).items()}
        fake.requests.append({"path": url.path, **params})
        if fake.delay:
            time.sleep(fake.delay)
        if self.headers.get("Authorization") != f"Bearer {BEARER}":
            return self._send(401, {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"})
        if url.path != "/2/tweets/search/recent":
            return self._send(404, {"errors": [{"message": "Sorry, that page does not exist"}]})
        if fake.script:
            status, headers, body = fake.script.popleft()
            return self._send(status, body, headers)
        return self._send(200, fake.search(params))

    def _send(self, status, body, headers=None):
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


def rate_limited(reset_in: int) -> tuple:
    reset = int(time.time()) + reset_in
    return (
        429,
        {"x-rate-limit-limit": "450", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
        {"title": "Too Many Requests", "detail": "Too Many Requests", "type": "about:blank", "status": 429},
    )


class FeedHost(_Server):
    """Serves `feeds[path] = bytes` with an ETag; answers 304 to a matching If-None-Match."""

    def __init__(self):
        super().__init__(_FeedHandler)
        self.feeds: dict[str, bytes] = {}
        self.requests: list[dict] = []

    def etag(self, path: str) -> str:
        import hashlib

        return '"' + hashlib.sha1(self.feeds[path]).hexdigest()[:16] + '"'


class _FeedHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        host: FeedHost = self.server.owner
        host.requests.append({"path": self.path, "if_none_match": self.headers.get("If-None-Match")})
        if self.path not in host.feeds:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = host.etag(self.path)
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        body = host.feeds[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", "Fri, 20 Nov 2026 10:00:00 GMT")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
