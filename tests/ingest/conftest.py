import pytest
from django.conf import settings as django_settings

from tests.ingest.servers import BEARER, FakeX, FeedHost


@pytest.fixture(autouse=True)
def _postgres_only(request):
    if request.node.get_closest_marker("postgres") and not django_settings.IS_POSTGRES:
        pytest.skip("needs PostgreSQL (DATABASE_URL)")


@pytest.fixture
def fake_x(settings):
    with FakeX() as server:
        settings.TWITTER_BEARER_TOKEN = BEARER
        settings.TWITTER_API_BASE_URL = server.url
        yield server


@pytest.fixture
def feed_host():
    with FeedHost() as server:
        yield server
