import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Built zips go to a folder of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
