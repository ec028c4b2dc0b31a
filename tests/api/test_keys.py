import datetime as dt
import hashlib

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from api.models import PartnerKey
from api.selectors import key_is_well_formed
from api.services import partner_key_revoke, partner_key_rotate, partner_key_update

pytestmark = pytest.mark.django_db


def test_a_new_key_is_uuid_shaped_and_only_its_hash_is_stored(partner):
    key, secret = partner
    assert len(secret) == 36 and key_is_well_formed(secret)
    stored = PartnerKey.objects.get(pk=key.pk)
    assert stored.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {str(value) for value in stored.__dict__.values()}
    assert stored.prefix == secret[:8]
    assert stored.weekly_quota == 500


def test_the_key_opens_the_api(partner, client_for):
    _, secret = partner
    assert client_for(secret).get("/api/v1/departments/").status_code == 200


def test_the_authorization_header_works_too(partner):
    _, secret = partner
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert client.get("/api/v1/departments/").status_code == 200


def test_rotating_stops_the_old_secret_and_keeps_the_weeks_usage(partner, client_for):
    key, old = partner
    client_for(old).get("/api/v1/departments/")

    new = partner_key_rotate(key=key)

    assert client_for(old).get("/api/v1/departments/").status_code == 401
    response = client_for(new).get("/api/v1/departments/")
    assert response.status_code == 200
    assert response["X-Quota-Remaining"] == "498"


def test_a_revoked_key_is_refused_at_once(partner, client_for):
    key, secret = partner
    assert client_for(secret).get("/api/v1/departments/").status_code == 200

    assert partner_key_revoke(key=key) is True

    response = client_for(secret).get("/api/v1/departments/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "inactive_key"
    assert partner_key_revoke(key=key) is False


def test_an_expired_key_is_refused(make_key, client_for):
    _, secret = make_key(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert client_for(secret).get("/api/v1/departments/").json()["error"]["code"] == "inactive_key"


def test_lowering_the_quota_applies_at_once(partner, client_for):
    key, secret = partner
    client_for(secret).get("/api/v1/departments/")
    partner_key_update(key=key, weekly_quota=1)
    response = client_for(secret).get("/api/v1/departments/")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "quota_exhausted"


def test_the_command_prints_the_key_once(capsys, db):
    call_command("create_api_key", "--org", "Copwatch", "--quota", "50")
    out = capsys.readouterr().out
    secret = out.strip().splitlines()[-1]
    key = PartnerKey.objects.get(organisation="Copwatch")
    assert key.weekly_quota == 50
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest()


def test_staff_see_a_new_key_once_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/api/partnerkey/add/",
        {"organisation": "Copwatch", "weekly_quota": 500, "is_active": "on"},
    )
    assert response.status_code == 200
    key = PartnerKey.objects.get(organisation="Copwatch")
    html = response.content.decode()
    secret = html.split('<code class="api-secret">')[1].split("</code>")[0]
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in admin_client.get(f"/admin/api/partnerkey/{key.pk}/change/").content.decode()


def test_staff_rotate_from_the_admin_and_see_the_new_key(admin_client, partner):
    key, old = partner
    response = admin_client.post(
        "/admin/api/partnerkey/", {"action": "rotate_keys", "_selected_action": [key.pk]}
    )
    secret = response.content.decode().split('<code class="api-secret">')[1].split("</code>")[0]
    assert secret != old
    key.refresh_from_db()
    assert key.key_hash == hashlib.sha256(secret.encode()).hexdigest()


def test_the_usage_page_for_staff_draws_a_chart(admin_client, partner, client_for):
    client_for(partner[1]).get("/api/v1/departments/")
    response = admin_client.get("/admin/api/dailyusage/")
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
