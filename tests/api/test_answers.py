"""The answer cache: a repeated query is answered without the database, the very next call after
any change to published data sees the change, and every call is still metered."""

import json

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from api import answers, metering
from core.models import PublicationStatus
from core.services import publication_status_set
from oversight.models import Commission
from officers.importers import ImportOptions, import_wide
from officers.models import Officer
from tests.factories import CommissionFactory, DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db
needs_redis = pytest.mark.skipif(not django_settings.REDIS_URL, reason="the answer cache lives in Redis")


@pytest.fixture(autouse=True)
def redis_meter(settings):
    settings.API_METER = "redis"
    settings.API_ANSWER_CACHE_SECONDS = 60


def oversight(client, state="USA-VT"):
    return client.get("/API/Oversight/", HTTP_STATE=state)


def names(response) -> list[str]:
    return [result["name"] for result in json.loads(response.content)["results"]]


@needs_redis
def test_a_repeated_query_is_answered_without_the_database(partner, client_for, django_assert_num_queries):
    CommissionFactory(name="Civilian Police Review Board", state="USA-VT")
    client = client_for(partner[1])
    first = oversight(client)

    with django_assert_num_queries(0):
        again = oversight(client)

    assert again.status_code == 200
    assert json.loads(again.content)["results"] == json.loads(first.content)["results"]
    assert json.loads(again.content)["statusMessage"] == "Success"


@needs_redis
def test_a_cached_answer_still_costs_credits(partner, client_for):
    CommissionFactory(state="USA-VT")
    client = client_for(partner[1])

    remaining = [json.loads(oversight(client).content)["remainingQueries"] for _ in range(3)]

    assert remaining == [499, 498, 497]


@needs_redis
def test_a_cached_answer_is_not_given_once_the_quota_is_spent(make_key, client_for):
    CommissionFactory(state="USA-VT")
    client = client_for(make_key(weekly_quota=1)[1])
    assert oversight(client).status_code == 200

    refused = oversight(client)

    assert refused.status_code == 429
    assert json.loads(refused.content)["results"] == []


@needs_redis
def test_a_record_unpublished_is_gone_from_the_next_answer(partner, client_for):
    CommissionFactory(name="Kept Board", state="USA-VT")
    CommissionFactory(name="Withdrawn Board", state="USA-VT")
    client = client_for(partner[1])
    assert sorted(names(oversight(client))) == ["Kept Board", "Withdrawn Board"]

    publication_status_set(
        queryset=Commission.objects.filter(name="Withdrawn Board"), status=PublicationStatus.DRAFT, actor=None,
    )

    assert names(oversight(client)) == ["Kept Board"]


@needs_redis
def test_a_record_added_by_a_bulk_write_is_in_the_next_answer(partner, client_for):
    department = DepartmentFactory()
    OfficerFactory(department=department, last_name="Abbott")
    client = client_for(partner[1])
    assert client.get("/api/v1/officers/").json()["count"] == 1

    Officer.objects.filter(last_name="Abbott").update(last_name="Abbot")  # no save(), no signal

    assert client.get("/api/v1/officers/").json()["results"][0]["last_name"] == "Abbot"


@needs_redis
def test_different_queries_and_formats_are_different_answers(partner, client_for):
    DepartmentFactory(name="Springfield Police Department", state="USA-IL")
    DepartmentFactory(name="Burlington Police Department", state="USA-VT")
    client = client_for(partner[1])

    everything = client.get("/api/v1/departments/").json()["results"]
    in_vermont = client.get("/api/v1/departments/?state=USA-VT").json()["results"]
    as_csv = client.get("/api/v1/departments/?format=csv")

    assert len(everything) == 2
    assert [d["name"] for d in in_vermont] == ["Burlington Police Department"]
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_csv["Content-Disposition"].startswith("attachment")
    assert b"Springfield Police Department" in client.get("/api/v1/departments/?format=csv").content


@needs_redis
def test_a_cached_page_is_the_same_bytes_with_fresh_quota_headers(partner, client_for, django_assert_num_queries):
    OfficerFactory(last_name="Zamora")
    client = client_for(partner[1])
    first = client.get("/api/v1/officers/")

    with django_assert_num_queries(0):
        again = client.get("/api/v1/officers/")

    assert again.content == first.content
    assert (first["X-Quota-Remaining"], again["X-Quota-Remaining"]) == ("499", "498")


def test_nothing_is_cached_with_the_database_meter(settings, partner, client_for):
    settings.API_METER = "database"
    CommissionFactory(state="USA-VT")
    client = client_for(partner[1])
    oversight(client)

    with CaptureQueriesContext(connection) as captured:
        assert oversight(client).status_code == 200

    assert any("oversight_commission" in query["sql"] for query in captured.captured_queries)


def data_version() -> int:
    return int(metering.redis_client().get(answers.version_name()) or 0)


@needs_redis
@pytest.mark.django_db(transaction=True)
def test_a_change_committed_elsewhere_reaches_the_next_answer(partner, client_for):
    """A real commit (no test transaction around it): the version goes up after the commit too."""
    CommissionFactory(name="Old Name", state="USA-VT")
    client = client_for(partner[1])
    assert names(oversight(client)) == ["Old Name"]
    version = data_version()

    with transaction.atomic():
        Commission.objects.update(name="New Name")
        Commission.objects.update(city="Burlington")
        during = data_version()

    assert during == version + 2  # once per write
    assert data_version() == version + 3  # and once more after the commit
    assert names(oversight(client)) == ["New Name"]


def _write_public(kind: str) -> None:
    from reports.models import Finding
    from tests.factories import FindingFactory, IncidentFactory

    if kind == "insert":
        OfficerFactory()
    elif kind == "update":
        Commission.objects.update(name="Renamed")
    elif kind == "delete":
        Finding.objects.filter(pk=FindingFactory().pk).delete()
    elif kind == "raw":
        with connection.cursor() as cursor:
            cursor.execute("UPDATE oversight_commission SET city = %s", ["Rutland"])
    elif kind == "incident":
        IncidentFactory()


def _write_private(kind: str) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    from api.models import DailyUsage

    if kind == "session":
        session = SessionStore()
        session["seen"] = True
        session.save()
    elif kind == "usage":
        DailyUsage.objects.filter(key__organisation="nobody").update(calls=1)


@needs_redis
@pytest.mark.parametrize("kind", ["insert", "update", "delete", "raw", "incident"])
def test_every_kind_of_write_to_published_data_drops_the_cached_answers(kind):
    CommissionFactory(state="USA-VT")
    before = data_version()
    _write_public(kind)
    assert data_version() > before


@needs_redis
@pytest.mark.parametrize("kind", ["session", "usage"])
def test_writes_to_sessions_and_metering_keep_the_cached_answers(kind):
    before = data_version()
    _write_private(kind)
    assert data_version() == before


@needs_redis
@pytest.mark.postgres
def test_officers_imported_by_copy_are_in_the_next_answer(partner, client_for):
    department = DepartmentFactory()
    client = client_for(partner[1])
    assert client.get("/api/v1/officers/").json()["count"] == 0
    roster = (
        "department_id,unique_internal_identifier,first_name,last_name,middle_initial,suffix,gender,race,"
        "employment_date,birth_year,star_no,job_title,unit_id,start_date,resign_date,salary,salary_year,"
        f"salary_is_fiscal_year,overtime_pay\n{department.pk},E1,Ann,Lee,,,F,ASIAN,,1975,88,Sergeant,,"
        "2001-01-01,,70000,2022,false,\n"
    )

    assert import_wide(roster, options=ImportOptions(department=department, publish=True)).committed

    assert [o["last_name"] for o in client.get("/api/v1/officers/").json()["results"]] == ["Lee"]


def test_a_write_still_succeeds_when_redis_is_away(settings, caplog):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    metering.redis_client.cache_clear()
    try:
        commission = CommissionFactory(name="Saved Anyway")
    finally:
        metering.redis_client.cache_clear()

    assert Commission.objects.get(pk=commission.pk).name == "Saved Anyway"
    assert "could not bump the API data version" in caplog.text


@needs_redis
def test_classifying_and_labelling_posts_leave_cached_answers_alone(partner, client_for, django_assert_num_queries):
    from tests.factories import PostFactory

    CommissionFactory(state="USA-VT")
    client = client_for(partner[1])
    oversight(client)
    post = PostFactory()

    post.predicted_rank, post.confidence = 3, 0.9
    post.save(update_fields=["predicted_rank", "confidence"])

    with django_assert_num_queries(0):
        assert oversight(client).status_code == 200
