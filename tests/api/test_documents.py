"""The officers list's pages as PostgreSQL writes them (api/documents.py) against the serializer's."""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.utils import timezone

from api import documents
from api.views import officers as officer_views
from officers.models import CertificationEvent, Face, Officer, Rank, Unit
from tests.factories import AssignmentFactory, DepartmentFactory, ImageFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(partner, client_for):
    return client_for(partner[1])


def _pairs(body: bytes):
    """The JSON with every object as its (key, value) pairs, so key order counts too."""
    return json.loads(body, object_pairs_hook=list)


def _face(officer, *, featured=False, review_state="approved", crop=True):
    image = ImageFactory(department=officer.department, review_state=review_state)
    return Face.objects.create(
        image=image, officer=officer, x=0, y=0, width=5, height=5, origin="volunteer", is_featured=featured,
        crop=ContentFile(b"y", name="face.jpg") if crop else "",
    )


@pytest.fixture
def varied_officers():
    """Officers whose records take every shape the documents must write as DRF does."""
    department = DepartmentFactory(name='The "Quoted" \\ Backslash Department', state="USA-TX")
    other = DepartmentFactory(name="Río Grande Police Department", state="USA-NM")
    rank = Rank.objects.create(department=department, name="Sergeant")
    unit = Unit.objects.create(department=department, name="Patrol — Night")
    officers = [
        OfficerFactory(department=department, first_name="Ana", middle_name="María", last_name="Núñez", suffix="Jr."),
        OfficerFactory(department=department, first_name="", last_name="O'Brien", suffix="III"),
        OfficerFactory(department=department, first_name="\u2003Lee", last_name="Wu\t", suffix="Sr\n"),
        OfficerFactory(department=department, first_name="Tab\tName", last_name="Line\nBreak", internal_id="A-1",
                       birth_year=1980, employment_date=dt.date(2005, 2, 28), race="black", gender="female"),
        OfficerFactory(department=other, first_name="Plain", last_name="Officer", source_row=17,
                       source_file="roster.csv", dataset="Demo", source_url="https://example.org/r?a=1&b=2"),
        OfficerFactory(department=other, first_name="Control\x01", last_name="Émile", middle_name=""),
    ]
    ana, obrien, lee, tab, plain, _control = officers
    AssignmentFactory(officer=ana, badge_number="1", rank=rank, unit=unit, start_date=dt.date(2010, 1, 1),
                      end_date=dt.date(2015, 1, 1))
    AssignmentFactory(officer=ana, badge_number="2", start_date=dt.date(2015, 1, 2))
    AssignmentFactory(officer=ana, badge_number="3")
    AssignmentFactory(officer=obrien, badge_number="")
    AssignmentFactory(officer=tab, badge_number="7", start_date=dt.date(2001, 1, 1), unit=unit)
    _face(ana, featured=True)
    _face(ana)
    _face(ana, review_state="pending")
    _face(obrien, crop=False)
    _face(plain)
    for day, status, stated in ((2, "published", ""), (1, "published", "01/01/2021"), (3, "draft", "")):
        CertificationEvent.objects.create(
            officer=ana, state="USA-TX", kind="decertified", date=dt.date(2021, 1, day), publication_status=status,
            reason='Said "no"\nthen left', date_as_stated=stated,
        )
    CertificationEvent.objects.create(
        officer=lee, state="USA-TX", kind="reinstated", date=None, date_in_doubt=True, date_as_stated="31/02/2019",
        publication_status="published", source_row=4,
    )
    # One stored time with microseconds, one without (DRF writes the fraction only when there is one).
    Officer.objects.filter(pk=ana.pk).update(
        created_at=dt.datetime(2024, 3, 1, 12, 0, 0, tzinfo=dt.timezone.utc),
        updated_at=dt.datetime(2024, 3, 1, 12, 0, 0, 120000, tzinfo=dt.timezone.utc),
    )
    Officer.objects.filter(pk=obrien.pk).update(updated_at=timezone.now().replace(microsecond=5))
    OfficerFactory(department=department, last_name="Draft", publication_status="draft")
    return officers


@pytest.mark.postgres
@pytest.mark.parametrize("query", [
    "", "?page_size=2", "?page_size=2&page=3", "?ordering=-updated_at", "?ordering=birth_year&page_size=4",
    "?state=USA-TX", "?currently_employed=true", "?name=a&ordering=-first_name", "?race=black",
])
def test_pages_written_by_postgresql_equal_the_serializers(client, varied_officers, monkeypatch, settings, query):
    settings.API_ANSWER_CACHE_SECONDS = 0  # the second call must be serialized, not remembered
    written = client.get(f"/api/v1/officers/{query}")
    monkeypatch.setattr(officer_views, "officer_documents_available", lambda: False)
    serialized = client.get(f"/api/v1/officers/{query}")

    assert written.status_code == serialized.status_code == 200
    assert _pairs(written.content) == _pairs(serialized.content)
    assert written["Content-Type"] == serialized["Content-Type"] == "application/json"


@pytest.mark.postgres
def test_a_written_page_names_each_officer_and_crop_as_a_partner_reads_them(client, varied_officers):
    assert documents.officer_documents_available()
    results = client.get("/api/v1/officers/?state=USA-TX&ordering=last_name").json()["results"]
    by_last = {o["last_name"]: o for o in results}

    assert [o["last_name"] for o in results] == ["Line\nBreak", "Núñez", "O'Brien", "Wu\t"]
    ana = by_last["Núñez"]
    assert ana["full_name"] == "Ana María Núñez Jr."
    assert by_last["O'Brien"]["full_name"] == "O'Brien III"
    assert by_last["Wu\t"]["full_name"] == "Lee Wu\t Sr"  # stripped at both ends, as Python strips
    # Newest first; one with no start date is first (PostgreSQL's NULLS FIRST for DESC).
    assert [a["badge_number"] for a in ana["assignments"]] == ["3", "2", "1"]
    assert ana["assignments"][2] == {
        "badge_number": "1", "rank": "Sergeant", "unit": "Patrol — Night", "start_date": "2010-01-01",
        "end_date": "2015-01-01", "is_current": False,
    }
    assert [f["is_featured"] for f in ana["faces"]] == [True, False]
    assert all(f["crop_url"].startswith("http://testserver/media/faces/") for f in ana["faces"])
    assert [e["date"] for e in ana["certification_events"]] == ["2021-01-01", "2021-01-02"]
    assert ana["created_at"] == "2024-03-01T12:00:00Z" and ana["updated_at"] == "2024-03-01T12:00:00.120000Z"
    assert by_last["O'Brien"]["faces"] == []


@pytest.mark.postgres
def test_an_empty_page_is_written_as_an_empty_list(client, varied_officers):
    body = client.get("/api/v1/officers/?race=asian").json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}


def test_signed_file_urls_are_left_to_the_serializer():
    class Signed(FileSystemStorage):
        def url(self, name):
            return f"{super().url(name)}?signature={abs(hash(name))}"

    assert documents.url_prefix(FileSystemStorage(base_url="/media/")) == "/media/"
    assert documents.url_prefix(FileSystemStorage(base_url="https://cdn.example.org/m/")) == "https://cdn.example.org/m/"
    assert documents.url_prefix(Signed(base_url="/media/")) is None


@pytest.mark.postgres
def test_with_a_connection_per_request_the_statement_is_not_prepared(client, varied_officers, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prepared = client.get("/api/v1/officers/?ordering=last_name").json()
    # CONN_MAX_AGE=0, as deploy.md asks behind pgbouncer: a prepared statement could be on
    # another server connection there.
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    with CaptureQueriesContext(connection) as captured:
        unprepared = client.get("/api/v1/officers/?ordering=last_name&page_size=50").json()

    assert not [q["sql"] for q in captured if q["sql"].startswith(("PREPARE", "EXECUTE"))]
    assert unprepared["results"] == prepared["results"]
