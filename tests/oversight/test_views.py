import pytest
from django.template import Context, Template
from django.urls import reverse

from tests.factories import CommissionFactory, ComplaintLinkFactory, DepartmentFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_the_directory_lists_published_commissions_only(client):
    CommissionFactory(name="Open Board")
    CommissionFactory(name="Draft Board", publication_status="draft")
    CommissionFactory(name="Retracted Board", publication_status="retracted")
    response = client.get(reverse("oversight:directory"))
    assert response.status_code == 200
    assert "Open Board" in response.text
    assert "Draft Board" not in response.text and "Retracted Board" not in response.text


def test_the_directory_narrows_by_state_city_and_search(client):
    CommissionFactory(name="Portland Committee", state="USA-OR", city="Portland")
    CommissionFactory(name="Eugene Auditor", state="USA-OR", city="Eugene")
    CommissionFactory(name="Chicago Office", state="USA-IL", city="Chicago")
    in_oregon = client.get(reverse("oversight:directory"), {"state": "OR"}).text
    assert "Portland Committee" in in_oregon and "Eugene Auditor" in in_oregon and "Chicago Office" not in in_oregon
    in_eugene = client.get(reverse("oversight:directory"), {"state": "USA-OR", "city": "eugene"}).text
    assert "Eugene Auditor" in in_eugene and "Portland Committee" not in in_eugene
    searched = client.get(reverse("oversight:directory"), {"q": "chicago"}).text
    assert "Chicago Office" in searched and "Eugene Auditor" not in searched


def test_a_bad_state_is_explained_not_an_error(client):
    response = client.get(reverse("oversight:directory"), {"state": "Narnia", "page": "x"})
    assert response.status_code == 200
    assert "“Narnia” is not a US state or territory." in response.text


@pytest.mark.parametrize("status", ["draft", "retracted"])
def test_an_unpublished_commission_page_is_not_found(client, status):
    commission = CommissionFactory(publication_status=status)
    assert client.get(reverse("oversight:detail", kwargs={"public_id": commission.public_id})).status_code == 404


def test_the_commission_page_says_how_to_file_a_complaint(client):
    commission = CommissionFactory(
        email="file@example.org", tdd="555-0111", complaint_instructions="File within 60 days.",
        address="1 Civic Plaza",
    )
    ComplaintLinkFactory(commission=commission, form_type="online", url="https://example.org/form")
    ComplaintLinkFactory(commission=commission, form_type="online_spanish", url="https://example.org/formulario")
    response = client.get(reverse("oversight:detail", kwargs={"public_id": commission.public_id}))
    text = response.text
    assert "How to file a complaint" in text
    assert "File within 60 days." in text
    assert 'href="https://example.org/form"' in text
    assert 'href="https://example.org/formulario"' in text and 'hreflang="es"' in text
    assert "mailto:file@example.org" in text and "tel:555-0111" in text and "1 Civic Plaza" in text


def test_the_commission_page_is_in_spanish(client):
    commission = CommissionFactory()
    response = client.get(f"/es/oversight/{commission.public_id}/")
    assert "Cómo presentar una queja" in response.text


def test_a_complaint_about_an_officer_goes_to_the_commission_covering_the_department(client):
    officer = OfficerFactory()
    CommissionFactory(name="Covering Board", departments=[officer.department])
    CommissionFactory(name="Elsewhere Board", state=officer.department.state)
    CommissionFactory(name="Hidden Board", departments=[officer.department], publication_status="draft")
    response = client.get(reverse("oversight:complaint"), {"officer": str(officer.public_id)})
    assert response.status_code == 200
    assert "Covering Board" in response.text
    assert "Elsewhere Board" not in response.text and "Hidden Board" not in response.text
    assert officer.full_name in response.text


def test_with_no_known_commission_it_says_so_and_lists_the_states_bodies(client):
    department = DepartmentFactory(state="USA-OR", name="Lonely PD")
    CommissionFactory(name="Oregon Board", state="USA-OR")
    CommissionFactory(name="Illinois Board", state="USA-IL")
    response = client.get(reverse("oversight:complaint"), {"department": department.pk})
    assert "know of an oversight body for this department" in response.text
    assert "Oregon Board" in response.text and "Illinois Board" not in response.text


@pytest.mark.parametrize(
    "params, status, message",
    [
        ({"officer": "not-a-uuid"}, 400, "That officer link is not valid."),
        ({"officer": "00000000-0000-0000-0000-000000000000"}, 404, "We could not find that officer."),
        ({"department": "abc"}, 400, "That department link is not valid."),
        ({"department": "999999"}, 404, "We could not find that department."),
    ],
)
def test_a_bad_complaint_link_gets_a_clear_message(client, params, status, message):
    response = client.get(reverse("oversight:complaint"), params)
    assert response.status_code == status
    assert message in response.text
    assert "Which department is the officer with?" in response.text


def test_an_unpublished_officer_is_not_routed(client):
    officer = OfficerFactory(publication_status="draft")
    response = client.get(reverse("oversight:complaint"), {"officer": str(officer.public_id)})
    assert response.status_code == 404
    assert officer.full_name not in response.text


def test_someone_without_a_link_can_find_the_department_by_name(client):
    department = DepartmentFactory(name="Riverside Police Department", state="USA-CA")
    DepartmentFactory(name="Hidden Police Department", state="USA-CA", publication_status="draft")
    response = client.get(reverse("oversight:complaint"), {"q": "police", "state": "CA"})
    assert f"?department={department.pk}" in response.text
    assert "Hidden Police Department" not in response.text


def test_the_officer_partial_points_to_the_covering_commission_and_the_routing_page():
    officer = OfficerFactory()
    commission = CommissionFactory(name="Covering Board", departments=[officer.department])
    html = Template("{% load oversight_tags %}{% officer_complaint officer %}").render(Context({"officer": officer}))
    assert "Covering Board" in html
    assert reverse("oversight:detail", kwargs={"public_id": commission.public_id}) in html
    assert f"{reverse('oversight:complaint')}?officer={officer.public_id}" in html
