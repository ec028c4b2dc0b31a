import uuid

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.services import partner_key_create


@pytest.fixture(autouse=True)
def isolated_api_state(settings):
    """Each test meters in its own Redis namespace and starts with empty rate-limit counters."""
    settings.API_REDIS_PREFIX = f"test-api:{uuid.uuid4()}"
    settings.API_KEY_RATE = "1000/m"
    settings.API_ANON_RATE = "1000/m"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_key(db):
    def make(**fields):
        fields.setdefault("organisation", "Police Accountability Project")
        return partner_key_create(**fields)

    return make


@pytest.fixture
def partner(make_key):
    """(key, secret) for a partner with the default 500-credit week."""
    return make_key()


@pytest.fixture
def client_for():
    def make(secret: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_API_KEY=secret)
        return client

    return make
