import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """A request to /es/ leaves Spanish active in the test thread; start every test in English."""
    with translation.override("en"):
        yield
