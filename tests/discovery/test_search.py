import pytest

from tests.factories import CommissionFactory, DepartmentFactory, IncidentFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    department = DepartmentFactory(name="Riverton Police Department", city="Riverton", state="USA-OR")
    officer = OfficerFactory(first_name="Dana", last_name="Whitfield", department=department)
    OfficerFactory(first_name="Hidden", last_name="Whitfield", department=department, publication_status="draft")
    report = ReportFactory(officer=officer)
    ReportFactory(officer=officer, publication_status="draft")
    commission = CommissionFactory(name="Riverton Police Review Board", city="Riverton", state="USA-OR")
    CommissionFactory(name="Riverton Draft Board", publication_status="draft")
    incident = IncidentFactory(title="Riverton protester pepper-sprayed", review_status="approved", city="Riverton")
    IncidentFactory(title="Riverton candidate incident", review_status="candidate", city="Riverton")
    return {"department": department, "officer": officer, "report": report, "commission": commission, "incident": incident}


def test_one_search_finds_every_kind_of_public_record(client, records):
    response = client.get("/en/search/", {"q": "riverton"})
    assert response.status_code == 200
    groups = {group.kind: group for group in response.context["results"].groups}
    assert [d.pk for d in groups["departments"].results] == [records["department"].pk]
    assert [c.pk for c in groups["oversight"].results] == [records["commission"].pk]
    assert [r.pk for r in groups["reports"].results] == [records["report"].pk]
    assert [i.pk for i in groups["incidents"].results] == [records["incident"].pk]
    html = response.content.decode()
    for url in (
        f"/en/officers/departments/{records['department'].pk}/",
        f"/en/oversight/{records['commission'].public_id}/",
        f"/en/reports/{records['report'].public_id}/",
        f"/en/incidents/{records['incident'].pk}/",
    ):
        assert f'href="{url}"' in html
    assert "Draft Board" not in html and "candidate incident" not in html


def test_officers_are_found_by_name_even_misspelt_and_never_unpublished(client, records):
    response = client.get("/es/search/", {"q": "Whitfeld"})
    officers = response.context["results"].groups[0].results
    assert [o.full_name for o in officers] == ["Dana Whitfield"]
    html = response.content.decode()
    assert f'href="/es/officers/{records["officer"].public_id}/"' in html
    assert "Hidden" not in html
    assert "Buscar en el sitio" in html


def test_an_empty_or_enormous_query_gets_a_page_not_an_error(client, records):
    assert client.get("/en/search/").status_code == 200
    assert client.get("/en/search/", {"q": "x" * 5000}).status_code == 200
    assert client.get("/en/search/", {"q": "\x00%'"}).status_code == 200


def test_typeahead_suggests_officers_departments_bodies_and_incidents(client, records):
    answer = client.get("/en/search/suggest/", {"q": "Riverton"}).json()
    kinds = {(result["kind"], result["url"]) for result in answer["results"]}
    assert ("department", f"/en/officers/departments/{records['department'].pk}/") in kinds
    assert ("oversight", f"/en/oversight/{records['commission'].public_id}/") in kinds
    assert ("incident", f"/en/incidents/{records['incident'].pk}/") in kinds
    assert not any("Draft" in result["label"] or "candidate" in result["label"] for result in answer["results"])

    answer = client.get("/es/search/suggest/", {"q": "whitf"}).json()
    assert [(r["kind_label"], r["label"], r["detail"]) for r in answer["results"]] == [
        ("Agente", "Dana Whitfield", "Riverton Police Department")
    ]


def test_typeahead_waits_for_three_characters(client, records):
    assert client.get("/en/search/suggest/", {"q": "Ri"}).json()["results"] == []


def test_typeahead_offers_surnames_starting_with_the_letters_first_then_other_matches(client, settings):
    # "mar" typed: the Marsh and Martín surnames come first (accent-free, in name order), then
    # an officer who only holds the letters elsewhere (first name Lamar); never a draft.
    department = DepartmentFactory(name="Oakfield Police Department")
    OfficerFactory(first_name="Lamar", last_name="Able", department=department)
    OfficerFactory(first_name="Dana", last_name="Marsh", department=department)
    OfficerFactory(first_name="Luis", last_name="Martín", department=department)
    OfficerFactory(first_name="Hidden", last_name="Marble", department=department, publication_status="draft")
    answer = client.get("/en/search/suggest/", {"q": "MAR"}).json()
    officers = [result["label"] for result in answer["results"] if result["kind"] == "officer"]
    assert officers == ["Dana Marsh", "Luis Martín", "Lamar Able"]
