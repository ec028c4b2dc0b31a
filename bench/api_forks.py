"""Stock DRF against our forks: `api.serializers.ReadModelSerializer` (fields worked out once per
class, plain attribute reads) and `api.views.base.FilterBackend` (django-filter skipped when no
filter is sent), on the same calls, in-process (Django test client, answer cache off).

For each call: Python function calls per request (counted by cProfile: the same on a busy machine
as on a quiet one) and CPU ms per request (best of 3 batches; noisy on a shared machine), with the
forks and with DRF's own `ModelSerializer.get_fields`/`to_representation` and
`DjangoFilterBackend.filter_queryset` put back.

    DATABASE_URL=… REDIS_URL=… .venv/bin/python -m bench api_forks
"""

import cProfile
import os
import pstats
import time

from bench.api_load import _django


def main() -> None:
    os.environ["API_ANSWER_CACHE_SECONDS"] = "0"
    os.environ["API_KEY_RATE"] = "10000000/m"
    _django()
    from django.test import Client
    from django_filters.rest_framework import DjangoFilterBackend
    from rest_framework import serializers

    from api.serializers import ReadModelSerializer
    from api.views.base import FilterBackend
    from bench.api_load import _seed

    department_id, secret, _key = _seed()
    client = Client(HTTP_API_KEY=secret)
    forked = (ReadModelSerializer.get_fields, ReadModelSerializer.to_representation, FilterBackend.filter_queryset)
    stock = (serializers.ModelSerializer.get_fields, serializers.ModelSerializer.to_representation,
             DjangoFilterBackend.filter_queryset)

    def use(methods) -> None:
        ReadModelSerializer.get_fields, ReadModelSerializer.to_representation, FilterBackend.filter_queryset = methods

    def measure(path: str) -> tuple[float, float]:
        for _ in range(10):
            assert client.get(path).status_code == 200
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(50):
            client.get(path)
        profile.disable()
        calls = pstats.Stats(profile).total_calls / 50
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            for _ in range(50):
                client.get(path)
            best = min(best, (time.process_time() - start) / 50 * 1000)
        return calls, best

    print(f"{'call':32} {'stock calls':>11} {'fork calls':>10} {'ratio':>6} {'stock ms':>8} {'fork ms':>7} {'ratio':>6}")
    try:
        for path in ("/api/v1/officers/", "/api/v1/departments/", f"/api/v1/departments/{department_id}/"):
            use(stock)
            stock_calls, stock_ms = measure(path)
            use(forked)
            fork_calls, fork_ms = measure(path)
            print(f"{path:32} {stock_calls:11,.0f} {fork_calls:10,.0f} {fork_calls / stock_calls:6.2f} "
                  f"{stock_ms:8.2f} {fork_ms:7.2f} {fork_ms / stock_ms:6.2f}")
    finally:
        use(forked)
