import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; the default hasher costs a second on a small CI box."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
