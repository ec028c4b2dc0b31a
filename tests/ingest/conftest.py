import pytest

from tests.ingest.servers import BEARER, FakeX, FeedHost


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
