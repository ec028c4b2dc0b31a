"""List filters: django-filter is given only the filters sent (api/views/base.FilterBackend)."""

import pytest

from tests.factories import DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(partner, client_for):
    return client_for(partner[1])


@pytest.fixture
def officers():
    department = DepartmentFactory(state="USA-OH")
    for last_name, race, gender in (("Ames", "white", "female"), ("Bell", "black", "female"), ("Cole", "white", "male")):
        OfficerFactory(department=department, last_name=last_name, race=race, gender=gender)
    OfficerFactory(department=DepartmentFactory(state="USA-VT"), last_name="Dunn", race="white", gender="female")


def _names(client, query: str) -> list[str]:
    response = client.get(f"/api/v1/officers/?{query}&ordering=last_name")
    assert response.status_code == 200, response.content
    return [o["last_name"] for o in response.json()["results"]]


def test_every_filter_sent_applies_and_none_other(client, officers):
    assert _names(client, "gender=female") == ["Ames", "Bell", "Dunn"]
    assert _names(client, "gender=female&race=white") == ["Ames", "Dunn"]
    assert _names(client, "gender=female&race=white&state=USA-OH") == ["Ames"]
    assert _names(client, "race=white") == ["Ames", "Cole", "Dunn"]


def test_a_bad_value_is_refused_beside_good_ones_and_named(client, officers):
    response = client.get("/api/v1/officers/?gender=female&race=nonsense")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"race"}


def test_the_same_filters_again_judge_each_call_on_its_own_values_and_language(client, officers):
    # The form class of a combination of filters is built once and shared by later calls.
    ohio = DepartmentFactory(state="USA-OH")
    OfficerFactory(department=ohio, last_name="Eads")
    assert _names(client, f"department={ohio.pk}") == ["Eads"]

    missing = client.get("/api/v1/officers/?department=999999", HTTP_ACCEPT_LANGUAGE="es")
    assert missing.status_code == 400
    [spanish] = missing.json()["error"]["fields"]["department"]
    english = client.get("/api/v1/officers/?department=999999").json()["error"]["fields"]["department"][0]
    assert spanish != english and "válid" in spanish and "valid choice" in english
    assert _names(client, f"department={ohio.pk}") == ["Eads"]


# --- A record filter (`?department=<id>`) reads the record only when nothing matched ----------


def _answer(client, path: str):
    response = client.get(path)
    return response.status_code, response.json()


@pytest.mark.parametrize("path", [
    "/api/v1/officers/", "/api/v1/reports/", "/api/v1/commissions/", "/api/v1/incidents/",
])
def test_a_department_that_is_not_public_is_a_400_on_every_list_and_an_empty_one_is_an_empty_page(client, path):
    from tests.factories import CommissionFactory, IncidentFactory, ReportFactory

    public, empty = DepartmentFactory(), DepartmentFactory()
    draft = DepartmentFactory(publication_status="draft")
    for department in (public, draft):
        ReportFactory(officer=OfficerFactory(department=department))
        CommissionFactory(departments=[department])
        IncidentFactory(review_status="approved").departments.add(department)

    status, body = _answer(client, f"{path}?department={public.pk}")
    assert status == 200 and body["count"] == 1
    status, body = _answer(client, f"{path}?department={empty.pk}")
    assert status == 200 and body["count"] == 0 and body["results"] == []
    # A draft department, an id no department has, and one that is no id at all: the same
    # error, on the first page and past it, however the rows it covers are published.
    for value in (draft.pk, 999999, "abc", "-3", "99999999999999999999"):
        for page in ("", "&page=2"):
            status, body = _answer(client, f"{path}?department={value}{page}")
            assert status == 400, (value, page, body)
            assert body["error"]["code"] == "invalid_choice"
            assert body["error"]["fields"] == {
                "department": ["Select a valid choice. That choice is not one of the available choices."]
            }


def test_a_draft_departments_commissions_are_not_listed_under_it(client):
    # A public commission may cover a draft department too: its id finds nothing.
    from tests.factories import CommissionFactory

    draft = DepartmentFactory(publication_status="draft")
    CommissionFactory(departments=[draft, DepartmentFactory()])
    status, body = _answer(client, f"/api/v1/commissions/?department={draft.pk}")
    assert status == 400 and set(body["error"]["fields"]) == {"department"}


def test_a_department_filter_reads_no_department_when_rows_match(client, officers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from officers.models import Department

    ohio = Department.objects.get(state="USA-OH")
    with CaptureQueriesContext(connection) as captured:
        assert _names(client, f"department={ohio.pk}") == ["Ames", "Bell", "Cole"]
    assert not [q for q in captured if q["sql"].lstrip().startswith('SELECT "officers_department"')]
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/api/v1/officers/?department=999999").status_code == 400
    assert [q for q in captured if "officers_department" in q["sql"] and "999999" in q["sql"]]


# --- Pages count their rows only when the page does not tell (api/pagination.py) ---------------


def _page(client, query: str):
    response = client.get(f"/api/v1/officers/?ordering=last_name&{query}")
    return response.status_code, response.json()


def test_every_page_of_a_list_gives_the_same_count_and_links_and_past_the_end_is_a_404(client, officers):
    # Four officers, pages of 3 (full, then short), of 2 (two full), of 4 (one full) and of 5.
    seen = {}
    for size in (2, 3, 4, 5):
        names = []
        for page in (1, 2):
            status, body = _page(client, f"page_size={size}&page={page}")
            if page == 2 and size >= 4:
                assert status == 404 and body["error"]["code"] == "not_found"
                continue
            assert status == 200 and body["count"] == 4
            assert (body["next"] is not None) == (page * size < 4)
            assert (body["previous"] is not None) == (page > 1)
            names += [o["last_name"] for o in body["results"]]
        seen[size] = names
    assert all(names == ["Ames", "Bell", "Cole", "Dunn"] for names in seen.values())
    for page in ("3", "9", "0", "last", "x"):
        status, body = _page(client, f"page_size=2&page={page}")
        assert (status, page) == (404, page) or (page == "last" and status == 200)
    assert _page(client, "page_size=2&page=last")[1]["results"][0]["last_name"] == "Cole"


def test_an_empty_list_counts_zero_on_its_first_page(client):
    status, body = _page(client, "")
    assert status == 200 and body["count"] == 0 and body["results"] == [] and body["next"] is None
    assert _page(client, "page=2")[0] == 404


def test_a_short_page_is_its_own_count_and_a_full_page_is_counted(client, officers):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def counts(query: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _page(client, query)[0] == 200
        return sum('COUNT(*)' in q["sql"] for q in captured if "officers_officer" in q["sql"])

    assert counts("page_size=3&page=2") == 0  # rows 4 of 4: the last page
    assert counts("page_size=10") == 0  # everything on the first page
    assert counts("page_size=3") == 1  # a full page: more may follow
    assert counts("page_size=2&page=2") == 1  # full, and the last, which only the count tells


def test_each_call_s_filters_are_its_own_copies(client):
    # A narrowed FilterSet copies its filters shallowly (api/views/base._Filters): each call's
    # method filters still answer to that call's FilterSet, and the declared filters stay bare.
    from api.views.officers import OfficerFilter

    for first, last, gender in (("Xiomara", "Quill", "female"), ("Yusuf", "Quorn", "male"), ("Zelda", "Vox", "female")):
        OfficerFactory(first_name=first, middle_name="", last_name=last, gender=gender)
    assert _names(client, "name=quill") == ["Quill"]
    assert _names(client, "name=vox") == ["Vox"]
    assert _names(client, "name=qu&gender=female") == ["Quill"]
    assert _names(client, "name=qu&gender=male") == ["Quorn"]
    assert not any(hasattr(f, "parent") for f in OfficerFilter.base_filters.values())


def test_a_department_filter_relies_on_the_list_s_rule_only_through_a_relation_to_one_department(monkeypatch):
    from api.views import base
    from officers.models import Department, Officer
    from oversight.models import Commission
    from reports.models import Report

    base.public_rule_requires.cache_clear()
    assert base.public_rule_requires(Officer, "department", Department)
    assert base.public_rule_requires(Report, "department", Department)
    assert not base.public_rule_requires(Commission, "departments", Department)
    # Even a rule requiring a public department among a commission's departments does not make
    # the one asked for public: the filter keeps its subquery.
    real = base.public_q

    def with_public_departments(model, prefix=""):
        rule = real(model, prefix)
        return rule & real(Department, "departments__") if model is Commission and not prefix else rule

    monkeypatch.setattr(base, "public_q", with_public_departments)
    base.public_rule_requires.cache_clear()
    assert not base.public_rule_requires(Commission, "departments", Department)
    base.public_rule_requires.cache_clear()


def test_a_page_number_too_big_for_the_database_is_a_404(client, officers):
    # The page is read before it is counted: an offset past what the database can hold must
    # still be "no such page", not a failed query.
    for page in ("99999999999999999999", str(2**63 // 2)):
        assert _page(client, f"page={page}")[0] == 404
