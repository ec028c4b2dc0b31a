import datetime as dt

import pytest
from django.conf import settings as django_settings

from api import metering
from api.models import DailyUsage
from api.services import secret_hash

pytestmark = pytest.mark.django_db

METERS = ["database", pytest.param("redis", marks=pytest.mark.skipif(not django_settings.REDIS_URL, reason="REDIS_URL is not set"))]


def test_the_week_starts_on_sunday_midnight_utc():
    saturday_night = dt.datetime(2026, 11, 21, 23, 59, 59, tzinfo=dt.UTC)
    sunday = dt.datetime(2026, 11, 22, 0, 0, 0, tzinfo=dt.UTC)
    assert metering.week_start(saturday_night) == dt.datetime(2026, 11, 15, tzinfo=dt.UTC)
    assert metering.week_start(sunday) == sunday
    assert metering.week_start(sunday + dt.timedelta(days=6, hours=23)) == sunday


def charger(make_key, quota: int):
    """A key with `quota` credits a week, and a function charging it through the meter."""
    key, secret = make_key(weekly_quota=quota)

    def charge(cost: int, now=None) -> metering.Charge:
        return metering.meter().admit(digest=secret_hash(secret), cost=cost, now=now).charge

    return key, charge


@pytest.mark.parametrize("meter", METERS)
def test_credits_reset_at_sunday_midnight_utc(settings, make_key, meter):
    settings.API_METER = meter
    _, charge = charger(make_key, 3)
    before = dt.datetime(2026, 11, 21, 23, 59, 59, tzinfo=dt.UTC)
    after = dt.datetime(2026, 11, 22, 0, 0, 0, tzinfo=dt.UTC)

    assert charge(3, now=before).remaining == 0
    refused = charge(1, now=before)
    assert not refused.allowed
    assert refused.resets_at == after
    assert refused.seconds_to_reset(now=before) == 2

    fresh = charge(1, now=after)
    assert fresh.allowed and fresh.remaining == 2


@pytest.mark.parametrize("meter", METERS)
def test_it_rejects_over_quota_without_going_below_zero(settings, make_key, meter):
    settings.API_METER = meter
    key, charge = charger(make_key, 5)
    assert charge(3).allowed
    refused = charge(3)
    assert not refused.allowed and refused.used == 3 and refused.remaining == 2
    assert charge(2).remaining == 0
    assert not charge(1).allowed
    assert metering.peek(meter_id=key.public_id, key_id=key.pk, quota=5).used == 5


@pytest.mark.parametrize("meter", METERS)
def test_daily_usage_is_kept_per_key(settings, make_key, meter):
    settings.API_METER = meter
    key, charge = charger(make_key, 4)
    charge(3)
    charge(3)
    charge(1)
    metering.pending_usage_flush()
    usage = DailyUsage.objects.get(key=key)
    assert (usage.calls, usage.credits, usage.refused) == (2, 4, 1)


def test_each_endpoint_takes_its_cost(partner, client_for):
    from api.views.departments import DepartmentViewSet

    _, secret = partner
    client = client_for(secret)
    assert client.get("/api/v1/departments/")["X-Quota-Remaining"] == "499"
    DepartmentViewSet.credit_cost = 3
    try:
        assert client.get("/api/v1/departments/")["X-Quota-Remaining"] == "496"
    finally:
        DepartmentViewSet.credit_cost = 1


def test_quota_headers_are_on_every_answer(partner, client_for):
    _, secret = partner
    response = client_for(secret).get("/api/v1/officers/?race=nonsense")
    assert response.status_code == 400
    assert response["X-Quota-Limit"] == "500"
    assert response["X-Quota-Remaining"] == "499"
    reset = dt.datetime.fromisoformat(response["X-Quota-Reset"])
    assert reset.weekday() == 6 and reset.hour == 0


def test_the_partner_sees_its_usage_for_free(partner, client_for):
    _, secret = partner
    client = client_for(secret)
    client.get("/api/v1/departments/")
    client.get("/api/v1/departments/")
    metering.pending_usage_flush()
    body = client.get("/api/v1/usage/").json()
    assert body["credits_used"] == 2
    assert body["credits_remaining"] == 498
    assert body["days"][-1]["calls"] == 2
    assert client.get("/api/v1/usage/").json()["credits_used"] == 2


def test_the_flush_command_summarises(partner, client_for, capsys):
    from django.core.management import call_command

    client_for(partner[1]).get("/api/v1/departments/")
    call_command("flush_api_usage", "--dry-run")
    assert "[dry run]" in capsys.readouterr().out
