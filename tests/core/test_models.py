import pytest
from django.db import IntegrityError
from django.db.models import Q

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


def _history_models():
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    return [model for model in apps.get_models() if issubclass(model, HistoricalChanges)]


def test_every_history_table_indexes_only_what_reading_one_record_s_history_needs():
    """An import writes a history row per record: each index copied from the model (seventeen
    on officers), history_date's and one over rows with no user made every import and edit
    dearer, and history is read one record at a time."""
    historical = _history_models()
    assert len(historical) >= 20
    for model in historical:
        indexed = {f.name for f in model._meta.local_fields if f.db_index and not f.primary_key}
        assert indexed == {"id"}, model.__name__
        (index,) = model._meta.indexes
        assert index.fields == ["history_user"], model.__name__
        assert index.condition == Q(history_user__isnull=False), model.__name__


def test_a_deleted_user_s_history_entries_stay_unattributed_and_others_untouched():
    curator, other = UserFactory(), UserFactory()
    department = DepartmentFactory(publication_status=PublicationStatus.DRAFT)
    for actor, status in (
        (curator, PublicationStatus.PUBLISHED),
        (other, PublicationStatus.RETRACTED),
        (None, PublicationStatus.PUBLISHED),
    ):
        publication_status_set(
            queryset=Department.objects.filter(pk=department.pk), status=status, actor=actor
        )
    entries = department.history.count()

    curator.delete()

    history = list(department.history.all())
    assert len(history) == entries
    # Newest first without an index on history_date: the record's rows sorted after lookup.
    assert [entry.publication_status for entry in history[:3]] == [
        PublicationStatus.PUBLISHED,
        PublicationStatus.RETRACTED,
        PublicationStatus.PUBLISHED,
    ]
    assert [entry.history_user for entry in history[:3]] == [None, other, None]


@pytest.mark.postgres
def test_deleting_a_user_finds_their_history_rows_through_the_partial_index():
    """The one query that reads history by user, SET_NULL when a user is deleted, can use the
    index kept over rows that have a user."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for model in _history_models():
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(
                f"EXPLAIN UPDATE {table} SET history_user_id = NULL WHERE history_user_id IN (1, 2)"
            )
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert model._meta.indexes[0].name in plan, (model.__name__, plan)


def test_public_is_a_new_queryset_each_time_that_sees_the_records_as_they_are_now():
    # Model.objects.public() resolves the rule once per process (core.models.PublicManager):
    # every call still gets its own QuerySet, read when it is used.
    from officers.models import Officer
    from tests.factories import OfficerFactory

    shown = OfficerFactory(last_name="Shown")
    first, second = Officer.objects.public(), Officer.objects.public()
    assert first is not second
    assert list(first.filter(last_name="Nobody")) == [] and list(second) == [shown]

    later = OfficerFactory(last_name="Later", publication_status=PublicationStatus.DRAFT)
    assert list(Officer.objects.public().order_by("last_name")) == [shown]
    publication_status_set(queryset=Officer.objects.filter(pk=later.pk), status=PublicationStatus.PUBLISHED, actor=None)
    assert list(Officer.objects.public().order_by("last_name")) == [later, shown]
    shown.department.publication_status = PublicationStatus.RETRACTED
    shown.department.save()
    assert list(Officer.objects.public()) == [later]  # (the factory makes each its own department)
    # The same statement the rule makes when resolved afresh.
    assert str(Officer.objects.public().query) == str(Officer.objects.get_queryset().public().query)
