"""A dependency outage answers 503 "try again", never a 500.

Redis holds the cache, the rate-limit counters, the partner API's meter and Celery's broker; when
it cannot be reached, every view that touches it raises. Partners get their API's envelope with a
`Retry-After`, visitors a translated page saying to try again.
"""

import logging

from django.conf import settings
from django.shortcuts import render
from django.utils.module_loading import import_string
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


OUTAGE_ERRORS = (RedisError, OperationalError)


class DependencyOutageMiddleware:
    """Answers with the envelope of the app that owns the path: `DEPENDENCY_OUTAGE_ANSWERS` in
    settings maps a path prefix to that app's answer, so this base layer imports no app."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.errors = OUTAGE_ERRORS
        self.answers = [
            (prefix, import_string(path)) for prefix, path in settings.DEPENDENCY_OUTAGE_ANSWERS
        ]

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, self.errors):
            return None
        logger.error("dependency unreachable while answering %s", request.path, exc_info=exception)
        for prefix, answer in self.answers:
            if request.path.startswith(prefix):
                return answer()
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
