"""The partner API's settings, read from the environment (documented in docs/api.md).

Each can also be set in Django settings under the same name, which wins (tests override them).
"""

import functools

import environ
from django.conf import settings

_env = environ.Env()

_DEFAULTS = {
    # Where weekly credits are counted: "redis" (one atomic Lua script) when Redis is
    # configured, else "database" (one conditional UPDATE). Both are exact under concurrency.
    "API_METER": lambda: _env.str("API_METER", default="redis" if settings.REDIS_URL else "database"),
    "API_REDIS_PREFIX": lambda: _env.str("API_REDIS_PREFIX", default="accountable:api"),
    # django-ratelimit rates: per key (bursts), and per IP for calls without a valid key.
    "API_KEY_RATE": lambda: _env.str("API_KEY_RATE", default="120/m"),
    "API_ANON_RATE": lambda: _env.str("API_ANON_RATE", default="30/m"),
    # Seconds a looked-up key stays cached; revoking or rotating clears it at once.
    "API_KEY_CACHE_SECONDS": lambda: _env.int("API_KEY_CACHE_SECONDS", default=60),
    # Seconds a partner answer stays cached (Redis meter only; 0 switches the cache off). Any
    # write to published data drops every cached answer at once; this only bounds staleness
    # should that ever be missed.
    "API_ANSWER_CACHE_SECONDS": lambda: _env.int("API_ANSWER_CACHE_SECONDS", default=60),
}


@functools.cache
def _from_environment(name: str):
    # Read once per process: parsing the environment cost 0.1 ms per metered call.
    return _DEFAULTS[name]()


def get(name: str):
    if hasattr(settings, name):
        return getattr(settings, name)
    return _from_environment(name)
