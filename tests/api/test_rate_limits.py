import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_a_key_that_bursts_gets_429_with_retry_after(settings, partner, client_for):
    settings.API_KEY_RATE = "3/m"
    client = client_for(partner[1])
    assert [client.get("/api/v1/departments/").status_code for _ in range(3)] == [200] * 3
    response = client.get("/api/v1/departments/")
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["X-Quota-Remaining"] == "497"  # the refused call took no credit


def test_key_guessing_from_one_ip_is_stopped(settings, partner):
    settings.API_ANON_RATE = "5/m"
    guesser = APIClient()
    guesser.credentials(HTTP_API_KEY="00000000-0000-4000-8000-000000000000")
    codes = [guesser.get("/api/v1/departments/").status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    assert int(guesser.get("/api/v1/departments/")["Retry-After"]) >= 1
    # A partner with a good key behind the same address still gets through.
    assert APIClient(HTTP_API_KEY=partner[1]).get("/api/v1/departments/").status_code == 200


def test_calls_without_a_key_count_against_the_ip(settings):
    settings.API_ANON_RATE = "2/m"
    client = APIClient()
    assert [client.get("/api/v1/officers/").status_code for _ in range(3)] == [401, 401, 429]


def test_missing_malformed_and_unknown_keys_get_precise_errors(db):
    client = APIClient()
    missing = client.get("/api/v1/departments/")
    assert missing.status_code == 401 and missing["WWW-Authenticate"] == "Api-Key"
    malformed = APIClient(HTTP_API_KEY="not-a-key").get("/api/v1/departments/")
    assert malformed.json()["error"]["code"] == "malformed_key"
    unknown = APIClient(HTTP_API_KEY="00000000-0000-4000-8000-000000000000").get("/api/v1/departments/")
    assert unknown.json()["error"]["code"] == "unknown_key"
