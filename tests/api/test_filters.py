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
