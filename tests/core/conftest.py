"""A tiny local web server for the link checker: it never talks to the internet."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class _Handler(BaseHTTPRequestHandler):
    log = []

    def _answer(self):
        self.log.append((self.command, self.path, self.headers.get("User-Agent"), time.monotonic()))
        path = self.path
        if path == "/slow":
            time.sleep(2)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif path == "/moved-to-missing":
            self.send_response(302)
            self.send_header("Location", "/missing")
        elif path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif path in ("/ok", "/no-head", "/slow", "/ok2", "/ok3"):
            self.send_response(200)
        elif path == "/forbidden":
            self.send_response(403)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if self.command == "GET":
            try:
                self.wfile.write(b"ok")
            except (BrokenPipeError, ConnectionResetError):
                pass

    do_GET = _answer
    do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def web_server():
    """`web_server.url("/ok")`; `web_server.requests` lists (method, path, user agent, time)."""
    _Handler.log = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    class Info:
        requests = _Handler.log

        @staticmethod
        def url(path: str) -> str:
            return f"http://127.0.0.1:{server.server_address[1]}{path}"

    yield Info
    server.shutdown()
    server.server_close()
