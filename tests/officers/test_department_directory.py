"""The department directory by state: a list of states, and one state's departments."""

import pytest

from officers import views
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_it_lists_the_states_and_a_chosen_states_departments(client):
    DepartmentFactory(name="Abingdon Police Department", state="USA-VA")
    DepartmentFactory(name="New York City Police Department", state="USA-NY")
    page = client.get("/en/officers/departments/?state=USA-VA").content.decode()
    assert "Departments in Virginia" in page and "Abingdon Police Department" in page
    assert "New York City Police Department" not in page
    assert '<a href="?state=USA-NY">New York</a>' in page


def test_many_departments_ask_for_a_state_first(client, monkeypatch):
    monkeypatch.setattr(views, "DEPARTMENTS_ON_ONE_PAGE", 1)
    DepartmentFactory(name="Abingdon Police Department", state="USA-VA")
    DepartmentFactory(name="Accomack County Sheriff's Office", state="USA-VA")
    page = client.get("/es/officers/departments/").content.decode()
    assert "Elija un estado para ver sus departamentos." in page
    assert "Abingdon Police Department" not in page


def test_an_unknown_state_shows_the_whole_list_not_an_error(client):
    DepartmentFactory(name="Abingdon Police Department", state="USA-VA")
    response = client.get("/en/officers/departments/?state=<script>")
    assert response.status_code == 200 and "Abingdon Police Department" in response.text
