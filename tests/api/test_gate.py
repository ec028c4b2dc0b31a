"""The gate of a metered call: key check, burst limit and charge, cheap and still exact."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from api import metering
from api.services import partner_key_revoke, partner_key_update, secret_hash
from tests.factories import CommissionFactory, DepartmentFactory

pytestmark = pytest.mark.django_db

needs_redis = pytest.mark.skipif(not django_settings.REDIS_URL, reason="REDIS_URL is not set")


@needs_redis
def test_a_key_is_read_from_the_database_once_then_from_the_meter(settings, partner, client_for,
                                                                   django_assert_num_queries):
    settings.API_METER = "redis"
    DepartmentFactory()
    client = client_for(partner[1])
    client.get("/api/v1/departments/")
    with django_assert_num_queries(1):  # the page (a short page is its own count); no key lookup
        assert client.get("/api/v1/departments/?ordering=-name").status_code == 200


@needs_redis
def test_a_cached_key_stops_working_when_it_expires(settings, make_key):
    settings.API_METER = "redis"
    expires_at = timezone.now() + dt.timedelta(minutes=5)
    key, secret = make_key(expires_at=expires_at)
    digest = secret_hash(secret)

    assert metering.RedisMeter().admit(digest=digest, cost=1).outcome == "ok"
    later = expires_at + dt.timedelta(seconds=1)
    assert metering.RedisMeter().admit(digest=digest, cost=1, now=later).outcome == "inactive"
    assert metering.peek(meter_id=key.public_id, key_id=key.pk, quota=key.weekly_quota).used == 1


@pytest.mark.parametrize("meter", ["database", pytest.param("redis", marks=needs_redis)])
def test_the_burst_limit_refuses_without_charging(settings, partner, meter):
    settings.API_METER = meter
    _, secret = partner
    digest = secret_hash(secret)
    outcomes = [metering.meter().admit(digest=digest, cost=3, burst=(2, 60)).outcome for n in range(4)]
    assert outcomes == ["ok", "ok", "limited", "limited"]
    limited = metering.meter().admit(digest=digest, cost=3, burst=(2, 60))
    assert limited.charge.used == 6 and 1 <= limited.retry_after <= 60


@pytest.mark.parametrize(
    "meter", ["database", pytest.param("redis", marks=needs_redis)],
)
def test_revoking_and_editing_a_key_apply_to_the_very_next_call(settings, partner, client_for, meter):
    settings.API_METER = meter
    key, secret = partner
    client = client_for(secret)
    assert client.get("/API/Oversight/", HTTP_STATE="USA-IL").json()["remainingQueries"] == 499

    partner_key_update(key=key, weekly_quota=600)
    assert client.get("/API/Oversight/", HTTP_STATE="USA-IL").json()["remainingQueries"] == 598

    partner_key_revoke(key=key)
    refused = client.get("/API/Oversight/", HTTP_STATE="USA-IL")
    assert refused.status_code == 403
    assert "revoked" in refused.json()["statusMessage"]
