import re

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Per-address counters start at zero; a person needs no minimum time unless a test says so."""
    settings.PUBLIC_SUBMIT_MIN_SECONDS = 0
    settings.PUBLIC_SUBMIT_RATE = "5/h"
    cache.clear()
    yield
    cache.clear()


def form_stamp(html: str) -> str:
    """The signed time stamp a page's form carries, as a browser would send it back."""
    return re.search(r'name="started" value="([^"]+)"', html).group(1)
