import csv
import io

import pytest
from django.core.files.base import ContentFile

from officers.models import Face, Image, Rank, Unit
from tests.factories import AssignmentFactory, DepartmentFactory, IncidentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(partner, client_for):
    return client_for(partner[1])


def test_only_published_departments_and_officers_are_listed(client):
    published = OfficerFactory(last_name="Published")
    OfficerFactory(last_name="Draft", publication_status="draft")
    retracted = DepartmentFactory(publication_status="retracted")
    OfficerFactory(last_name="Hidden", department=retracted)

    officers = client.get("/api/v1/officers/").json()
    assert [o["last_name"] for o in officers["results"]] == ["Published"]
    departments = {d["id"]: d for d in client.get("/api/v1/departments/").json()["results"]}
    assert retracted.pk not in departments
    assert departments[published.department_id]["officer_count"] == 1


def test_a_draft_officer_is_not_found_by_id(client):
    draft = OfficerFactory(publication_status="draft")
    response = client.get(f"/api/v1/officers/{draft.public_id}/")
    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "code": "not_found", "message": "No Officer matches the given query."}}


@pytest.mark.parametrize(
    "path", ["/api/v1/reports/%C2%84/", "/api/v1/departments/1.5/", "/api/v1/officers/null,null/co-accused/", "/api/v2/"]
)
def test_a_path_no_resource_matches_is_not_found_in_the_error_body(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response.json() == {"error": {"status": 404, "code": "not_found", "message": "Not found."}}


def test_a_list_without_its_final_slash_is_still_redirected_to_it(client):
    response = client.get("/api/v1/officers?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/officers/?page=2"


def test_an_officer_comes_with_assignments_and_approved_face_crops_only(client):
    officer = OfficerFactory()
    AssignmentFactory(officer=officer, badge_number="4411")
    for state in ("approved", "pending"):
        image = Image.objects.create(
            file=ContentFile(b"x", name="p.jpg"), sha256=state * 8, department=officer.department, review_state=state
        )
        Face.objects.create(
            image=image, officer=officer, x=0, y=0, width=5, height=5, origin="volunteer",
            crop=ContentFile(b"y", name=f"{state}.jpg"),
        )

    body = client.get(f"/api/v1/officers/{officer.public_id}/").json()
    assert body["assignments"][0]["badge_number"] == "4411"
    assert len(body["faces"]) == 1
    assert "approved" in body["faces"][0]["crop_url"]


def test_a_department_counts_its_published_officers_only_and_zero_when_it_has_none(client):
    department = DepartmentFactory(name="Counted")
    OfficerFactory(department=department)
    OfficerFactory(department=department)
    OfficerFactory(department=department, publication_status="draft")
    DepartmentFactory(name="Empty")

    results = client.get("/api/v1/departments/?name=e").json()["results"]
    assert {d["name"]: d["officer_count"] for d in results} == {"Counted": 2, "Empty": 0}


def test_a_department_list_takes_two_queries_however_many_departments_and_officers(settings, client):
    settings.API_ANSWER_CACHE_SECONDS = 0  # count the queries of a page made, not cached
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_queries(query: str) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v1/departments/?name=police{query}").status_code == 200
        return [q["sql"] for q in captured if '"officers_' in q["sql"] and "api_" not in q["sql"]]

    OfficerFactory(department=DepartmentFactory(name="First Police"))
    assert len(page_queries("")) == 1  # the page, shorter than a full one: its own count
    for n in range(5):
        department = DepartmentFactory(name=f"Police {n}")
        OfficerFactory(department=department)
        OfficerFactory(department=department)
    page, count = page_queries("&page_size=3")  # a full page, then the count
    # The count reads the departments alone, not their officers.
    assert "officers_officer" not in count and "officers_officer" in page


def test_an_officers_assignments_are_newest_first_and_only_published_certification_events_show(client):
    import datetime as dt

    from officers.models import CertificationEvent

    officer = OfficerFactory(last_name="Zimmer")
    AssignmentFactory(officer=OfficerFactory(last_name="Abbott", department=officer.department), badge_number="1")
    for year, badge in ((2010, "old"), (2020, "new"), (2015, "mid")):
        AssignmentFactory(officer=officer, badge_number=badge, start_date=dt.date(year, 1, 1))
    for day, status in ((2, "published"), (1, "published"), (3, "draft")):
        CertificationEvent.objects.create(
            officer=officer, state="USA-VA", kind="decertified", date=dt.date(2021, 1, day), publication_status=status,
        )

    results = client.get(f"/api/v1/officers/?department={officer.department_id}").json()["results"]
    zimmer = next(o for o in results if o["last_name"] == "Zimmer")
    assert [a["badge_number"] for a in zimmer["assignments"]] == ["new", "mid", "old"]
    assert [e["date"] for e in zimmer["certification_events"]] == ["2021-01-01", "2021-01-02"]


def test_officers_filter_by_badge_exactly(client):
    match = AssignmentFactory(badge_number="12").officer
    AssignmentFactory(badge_number="123")
    results = client.get("/api/v1/officers/?badge=12").json()["results"]
    assert [r["id"] for r in results] == [str(match.public_id)]


def test_only_approved_incidents_are_listed_with_published_links(client):
    approved = IncidentFactory(review_status="approved")
    IncidentFactory(review_status="candidate")
    draft_officer = OfficerFactory(publication_status="draft")
    approved.officers.add(draft_officer, OfficerFactory())
    results = client.get("/api/v1/incidents/").json()["results"]
    assert [r["id"] for r in results] == [approved.pk]
    assert str(draft_officer.public_id) not in results[0]["officers"]
    assert len(results[0]["officers"]) == 1


def test_incidents_filter_by_department(client):
    department = DepartmentFactory()
    linked = IncidentFactory(review_status="approved")
    linked.departments.add(department)
    IncidentFactory(review_status="approved")
    response = client.get("/api/v1/incidents/", {"department": department.pk})
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [linked.pk]


def test_pages_are_stable_and_complete(client):
    department = DepartmentFactory()
    for _ in range(7):
        OfficerFactory(department=department, last_name="Same", first_name="Name")
    seen = []
    url = "/api/v1/officers/?page_size=3"
    while url:
        body = client.get(url).json()
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 7


def test_bad_filters_get_a_precise_error_body(client):
    response = client.get("/api/v1/officers/?department=999999&race=nonsense")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_choice"
    assert set(error["fields"]) == {"department", "race"}


def test_csv_download_neutralises_formulas(client):
    OfficerFactory(last_name="=HYPERLINK(\"http://evil\")", first_name="-1")
    response = client.get("/api/v1/officers/?format=csv")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["last_name"].startswith("'=")
    assert rows[0]["first_name"] == "'-1"
    assert rows[0]["department.name"]


def test_errors_stay_json_when_csv_was_asked_for(client):
    response = client.get("/api/v1/officers/?format=csv&race=nonsense")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["race"]


def test_the_schema_and_docs_are_public_and_need_no_cdn(db, client):
    from rest_framework.test import APIClient

    anonymous = APIClient()
    schema = anonymous.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/officers/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["PartnerKey"]["name"] == "API-Key"
    docs = anonymous.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower() and "https://" not in docs


def test_an_officers_page_takes_the_same_few_queries_however_full_it_is(settings, client):
    settings.API_ANSWER_CACHE_SECONDS = 0  # count the queries of a page made, not cached
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_queries(path: str) -> tuple[dict, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            body = client.get(path).json()
        # The database meter (the default without Redis) adds its own statements; count the page's.
        return body, [
            q["sql"] for q in captured
            # (api/documents.py prepares its statement once per connection, then executes it)
            if ('"officers_' in q["sql"] and "api_" not in q["sql"] and not q["sql"].startswith("PREPARE "))
            or q["sql"].startswith("EXECUTE ")
        ]

    def officer_with_history(department):
        officer = OfficerFactory(department=department)
        AssignmentFactory(officer=officer, rank=Rank.objects.get_or_create(name="Sergeant", department=department)[0])
        AssignmentFactory(officer=officer, unit=Unit.objects.get_or_create(name="Patrol", department=department)[0])
        image = Image.objects.create(
            file=ContentFile(b"x", name="p.jpg"), sha256=f"{officer.pk:064x}", department=department,
            review_state="approved",
        )
        Face.objects.create(
            image=image, officer=officer, x=0, y=0, width=5, height=5, origin="volunteer",
            crop=ContentFile(b"y", name="face.jpg"),
        )

    # page (department joined), count (a full page only), assignments (rank and unit joined),
    # approved faces, published certification events; on PostgreSQL: the page's ids, count (a
    # full page only), their documents (api/documents.py)
    expected = 3 if connection.vendor == "postgresql" else 5
    officer_with_history(DepartmentFactory())
    body, queries = page_queries("/api/v1/officers/")
    assert len(body["results"]) == 1 and len(queries) == expected - 1  # a short page counts itself
    for _ in range(11):
        officer_with_history(DepartmentFactory())
    body, queries = page_queries("/api/v1/officers/?page_size=10")
    assert len(queries) == expected
    assert body["count"] == 12 and len(body["results"]) == 10
    assert all(len(o["assignments"]) == 2 and len(o["faces"]) == 1 for o in body["results"])
    assert {a["rank"] for o in body["results"] for a in o["assignments"]} == {"Sergeant", None}


def test_an_unknown_query_parameter_is_a_400_naming_it(client):
    OfficerFactory()
    response = client.get("/api/v1/officers/", {"last_nme": "Coy", "page": "1"})
    body = response.json()["error"]
    assert response.status_code == 400 and body["code"] == "unknown_parameter"
    assert body["fields"] == {"last_nme": ["Unknown parameter."]}
    assert client.get("/api/v1/incidents/", {"date_after": "2020-01-01", "ordering": "date"}).status_code == 200


def test_the_schema_matches_what_the_api_answers(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assignment = schema["components"]["schemas"]["Assignment"]["properties"]
    assert assignment["rank"]["nullable"] and assignment["unit"]["nullable"]
    assert "format" not in schema["components"]["schemas"]["Officer"]["properties"]["source_url"]
    officers = schema["paths"]["/api/v1/officers/"]["get"]["responses"]
    assert {"200", "400", "401", "429", "503"} <= set(officers)
    assert "404" in schema["paths"]["/api/v1/officers/{id}/"]["get"]["responses"]


def test_the_bad_apple_endpoints_are_in_the_schema_with_their_headers(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    ba = paths["/API/BA/"]["get"]
    assert [p["name"] for p in ba["parameters"]] == [
        "API-Key", "First", "Last", "City", "State", "Incident-Year", "Policy", "Report-ID"
    ]
    assert "3 credits" in ba["summary"]
    assert {"200", "400", "403", "404", "405", "423", "429", "503"} == set(ba["responses"])
    assert [p["name"] for p in paths["/API/PRA/"]["get"]["parameters"] if p["required"]] == ["API-Key", "State", "Subject"]
    assert "/API/Oversight/" in paths
