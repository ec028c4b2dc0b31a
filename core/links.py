"""A polite external-link checker: one request at a time per host, a pause between them,
timeouts, a clear User-Agent, HEAD first and GET only when a server refuses HEAD.

Pure HTTP, no database: `oversight.services.links_check` decides what to check and stores results
in `core.models.LinkStatus`.
"""

import socket
import ssl
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urlsplit

from core.models import LinkState

USER_AGENT = (
    "AccountableLinkChecker/1.0 (open-source police-accountability directory; "
    "checks once a week that the links on our pages still work)"
)
# Servers that answer these to HEAD often serve GET fine.
HEAD_REFUSED = {400, 403, 404, 405, 406, 429, 500, 501, 503}
BLOCKED_STATUSES = {401, 403, 429}
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class LinkResult:
    url: str
    state: str
    http_status: int | None = None
    final_url: str = ""
    error: str = ""

    @property
    def is_dead(self) -> bool:
        return self.state in (LinkState.BROKEN, LinkState.UNREACHABLE)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


class LinkChecker:
    def __init__(
        self,
        *,
        timeout: float = 10.0,
        host_delay: float = 1.0,
        max_hosts: int = 8,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = timeout
        self.host_delay = host_delay
        self.max_hosts = max_hosts
        self.user_agent = user_agent
        self._opener = urllib.request.build_opener(_LimitedRedirects())

    def check_many(self, urls: Iterable[str]) -> dict[str, LinkResult]:
        """Check each distinct URL once; hosts in parallel, each host's URLs one by one."""
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in dict.fromkeys(urls):
            by_host[(urlsplit(url).hostname or "").lower()].append(url)
        results: dict[str, LinkResult] = {}
        if not by_host:
            return results
        with ThreadPoolExecutor(max_workers=min(self.max_hosts, len(by_host))) as pool:
            for host_results in pool.map(self._check_host, by_host.values()):
                results.update(host_results)
        return results

    def _check_host(self, urls: list[str]) -> dict[str, LinkResult]:
        results = {}
        for index, url in enumerate(urls):
            if index:
                time.sleep(self.host_delay)
            results[url] = self.check(url)
        return results

    def check(self, url: str) -> LinkResult:
        if urlsplit(url).scheme not in ("http", "https"):
            return LinkResult(url, LinkState.UNREACHABLE, error="not an http(s) URL")
        result = self._request(url, "HEAD")
        if result.state in (LinkState.OK, LinkState.REDIRECTED):
            return result
        # A server that timed out once gets no second request; one that refused HEAD gets GET.
        timed_out = result.http_status is None and result.error == "timed out"
        if timed_out or (result.http_status is not None and result.http_status not in HEAD_REFUSED):
            return result
        return self._request(url, "GET")

    def _request(self, url: str, method: str) -> LinkResult:
        request = urllib.request.Request(
            url,
            method=method,
            headers={"User-Agent": self.user_agent, "Accept": "text/html,*/*;q=0.5"},
        )
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                if method == "GET":
                    response.read(1024)
                final = response.geturl()
                status = response.status
        except urllib.error.HTTPError as error:
            state = LinkState.BLOCKED if error.code in BLOCKED_STATUSES else LinkState.BROKEN
            return LinkResult(url, state, http_status=error.code, final_url=error.geturl() or "",
                              error=str(error.reason)[:300])
        except (TimeoutError, socket.timeout):
            return LinkResult(url, LinkState.UNREACHABLE, error="timed out")
        except urllib.error.URLError as error:
            reason = error.reason
            text = "timed out" if isinstance(reason, (TimeoutError, socket.timeout)) else str(reason)
            return LinkResult(url, LinkState.UNREACHABLE, error=text[:300])
        except (ssl.SSLError, OSError, ValueError) as error:
            return LinkResult(url, LinkState.UNREACHABLE, error=str(error)[:300] or type(error).__name__)
        state = LinkState.REDIRECTED if final and final != url else LinkState.OK
        return LinkResult(url, state, http_status=status, final_url=final if final != url else "")
