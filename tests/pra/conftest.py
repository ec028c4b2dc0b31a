import pytest

from pra.models import Law, RequestTemplate
from pra.seed import seed


@pytest.fixture(scope="module")
def seeded_module(django_db_setup, django_db_blocker):
    """Every law and letter, seeded once per module (outside the per-test transactions)."""
    with django_db_blocker.unblock():
        seed()
    yield
    with django_db_blocker.unblock():
        RequestTemplate.history.model.objects.all().delete()
        Law.history.model.objects.all().delete()
        RequestTemplate.objects.all().delete()
        Law.objects.all().delete()


@pytest.fixture
def seeded(seeded_module, db):
    return None
