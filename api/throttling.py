"""Rate limits on top of the weekly quota. Both answer 429 with a Retry-After of the seconds
left in the window.

- per key: a burst limit (API_KEY_RATE) so one partner cannot flood the site. The meter counts
  it with the key check and the charge (api/metering.py, where it is exact under concurrency);
  `PartnerKeyBurstThrottle` reports that verdict to DRF.
- per IP: a limit (API_ANON_RATE) on calls without a valid key, which stops key guessing,
  counted by django-ratelimit in the shared cache.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django_ratelimit.core import get_usage
from rest_framework.throttling import BaseThrottle

from api import conf

logger = logging.getLogger(__name__)

ANON_GROUP = "api:anon"


@dataclass(frozen=True)
class Limit:
    limited: bool
    retry_after: int


def _check(request, *, group: str, key, rate: str, increment: bool) -> Limit:
    usage = get_usage(request, group=group, key=key, rate=rate, increment=increment)
    if usage is None:  # RATELIMIT_ENABLE is off
        return Limit(False, 0)
    # Without incrementing, the call about to be made is not counted yet: reaching the limit
    # already means the next one is over.
    over = usage["count"] > usage["limit"] if increment else usage["count"] >= usage["limit"]
    return Limit(over, max(usage["time_left"], 1))


def client_ip(group, request) -> str:
    """The caller's address (RATELIMIT_IP_META_KEY names the header behind a proxy); never fails."""
    meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
    name = meta_key if isinstance(meta_key, str) else "REMOTE_ADDR"
    value = request.META.get(name) or request.META.get("REMOTE_ADDR") or "unknown"
    return value.split(",")[0].strip()


def anonymous_limit_reached(request) -> Limit:
    """Has this IP already used up its allowance of calls without a valid key?"""
    return _check(request, group=ANON_GROUP, key=client_ip, rate=conf.get("API_ANON_RATE"), increment=False)


def anonymous_limit_count(request) -> None:
    """Count one call without a valid key (missing, malformed, unknown, revoked) for this IP."""
    _check(request, group=ANON_GROUP, key=client_ip, rate=conf.get("API_ANON_RATE"), increment=True)


class PartnerKeyBurstThrottle(BaseThrottle):
    """DRF throttle for /api/v1/: the per-key burst limit."""

    def allow_request(self, request, view) -> bool:
        # The burst window was counted with the key check and the charge (gate.admit).
        admission = getattr(request, "admission", None)
        if getattr(request, "auth", None) is None or admission is None:
            return True
        self._limit = admission.limit
        return not self._limit.limited

    def wait(self) -> int:
        return self._limit.retry_after


class AnonymousIPThrottle(BaseThrottle):
    """DRF throttle for the public schema and docs: the per-IP limit, counting every call.
    While the cache is unreachable the docs are still served, uncounted: they are the same
    for everyone and cost no credits, and partners need them most during an outage."""

    def allow_request(self, request, view) -> bool:
        from redis.exceptions import RedisError

        try:
            self._limit = _check(
                request, group=ANON_GROUP, key=client_ip, rate=conf.get("API_ANON_RATE"), increment=True
            )
        except RedisError:
            logger.warning("rate-limit cache unreachable: serving the API docs uncounted", exc_info=True)
            return True
        return not self._limit.limited

    def wait(self) -> int:
        return self._limit.retry_after
