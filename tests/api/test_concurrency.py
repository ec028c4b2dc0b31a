"""Exact metering under real concurrency: threads hitting a live server on PostgreSQL (+ Redis)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.conf import settings as django_settings

from api import metering
from tests.factories import DepartmentFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

METERS = [
    "database",
    pytest.param("redis", marks=pytest.mark.skipif(not django_settings.REDIS_URL, reason="REDIS_URL is not set")),
]
THREADS = 16


def hammer(url: str, secret: str, calls: int) -> list[int]:
    def one(_):
        with requests.get(url, headers={"API-Key": secret}, timeout=30) as response:
            return response.status_code

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(one, range(calls)))


@pytest.mark.parametrize("meter", METERS)
def test_n_concurrent_calls_take_exactly_n_times_the_cost(settings, live_server, make_key, meter):
    settings.API_METER = meter
    settings.API_KEY_RATE = "100000/m"
    DepartmentFactory()
    key, secret = make_key(weekly_quota=10_000)

    codes = hammer(f"{live_server.url}/api/v1/departments/", secret, 120)

    assert codes == [200] * 120
    assert metering.peek(meter_id=key.public_id, key_id=key.pk, quota=key.weekly_quota).used == 120


@pytest.mark.parametrize("meter", METERS)
def test_concurrent_calls_never_overspend_the_quota(settings, live_server, make_key, meter):
    settings.API_METER = meter
    settings.API_KEY_RATE = "100000/m"
    key, secret = make_key(weekly_quota=50)

    codes = hammer(f"{live_server.url}/api/v1/departments/", secret, 90)

    assert codes.count(200) == 50
    assert codes.count(429) == 40
    standing = metering.peek(meter_id=key.public_id, key_id=key.pk, quota=key.weekly_quota)
    assert standing.used == 50 and standing.remaining == 0
