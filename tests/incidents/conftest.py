import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; the default hasher costs a second on a small CI box."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english():
    """A request to /es/ leaves Spanish active in the thread; start every test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")
