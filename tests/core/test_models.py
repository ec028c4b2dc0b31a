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
