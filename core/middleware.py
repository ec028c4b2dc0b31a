"""A dependency outage answers 503 "try again", never a 500.

Redis holds the cache, the rate-limit counters, the partner API's meter and Celery's broker; when
it cannot be reached, every view that touches it raises. Partners get their API's envelope with a
`Retry-After`, visitors a translated page saying to try again.
"""

import logging

from django.shortcuts import render

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def _outage_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    return (RedisError, OperationalError)


class DependencyOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.errors = _outage_errors()

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, self.errors):
            return None
        logger.error("dependency unreachable while answering %s", request.path, exc_info=exception)
        if request.path.startswith("/API/"):
            from api import badapple

            return badapple.unavailable()
        if request.path.startswith("/api/"):
            from api.exceptions import unavailable

            return unavailable()
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
