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
