import pytest
from django.db import IntegrityError

from core.models import PublicationStatus
from core.services import publication_status_set
from officers.models import Department
from tests.factories import DepartmentFactory, PostFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_only_published_records_are_public():
    published = DepartmentFactory()
    DepartmentFactory(publication_status=PublicationStatus.DRAFT)
    DepartmentFactory(publication_status=PublicationStatus.RETRACTED)
    assert list(Department.objects.public()) == [published]


def test_publishing_is_audited_with_who_did_it():
    curator = UserFactory()
    department = DepartmentFactory(publication_status=PublicationStatus.DRAFT)

    changed = publication_status_set(
        queryset=Department.objects.filter(pk=department.pk),
        status=PublicationStatus.PUBLISHED,
        actor=curator,
    )

    assert changed == 1
    latest = department.history.latest()
    assert latest.publication_status == PublicationStatus.PUBLISHED
    assert latest.history_user == curator


def test_a_post_is_stored_once_per_source_id():
    PostFactory(source_kind="twitter", external_id="42")
    with pytest.raises(IntegrityError):
        PostFactory(source_kind="twitter", external_id="42")


def test_every_history_table_indexes_only_what_reading_one_record_s_history_needs():
    """An import writes a history row per record: each index copied from the model (seventeen
    on officers) made every import and edit dearer, and history is read one record at a time."""
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    historical = [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]
    assert len(historical) >= 20
    for model in historical:
        indexed = {f.name for f in model._meta.local_fields if f.db_index and not f.primary_key}
        assert indexed == {"id", "history_date", "history_user"}, model.__name__
