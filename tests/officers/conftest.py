import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def photo_media(settings, tmp_path):
    """Uploaded photos and crops go to a fresh folder; rate-limit counters start at zero."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield settings.MEDIA_ROOT
    cache.clear()
