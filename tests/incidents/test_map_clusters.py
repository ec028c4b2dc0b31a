"""The map's clusters: incidents grouped by the server for one viewport and zoom level."""

import datetime

import pytest
from django.urls import reverse

from incidents.models import Incident, ReviewStatus
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

US = "-125,24,-66,50"  # the lower 48 states
APPROVED = ReviewStatus.APPROVED


def _clusters(client, **params):
    response = client.get(reverse("incidents:clusters"), params)
    assert response.status_code == 200, response.content
    return response.json()


def _place(latitude, longitude, n, *, rank=3, state="USA-OR", city="Portland", start=datetime.date(2020, 6, 1), **fields):
    return [
        IncidentFactory(
            latitude=latitude, longitude=longitude, force_rank=rank, state=state, city=city,
            date=start + datetime.timedelta(days=i), review_status=APPROVED, title=f"{city} incident {i}", **fields,
        )
        for i in range(n)
    ]


@pytest.fixture
def three_cities():
    # Portland and Seattle are 230 km apart: one cell at a country-wide zoom, two at a state-wide one.
    return {
        "portland": _place(45.52, -122.68, 3, rank=4),
        "seattle": _place(47.61, -122.33, 2, rank=2, state="USA-WA", city="Seattle"),
        "louisville": _place(38.25, -85.76, 1, rank=5, state="USA-KY", city="Louisville"),
    }


def test_a_country_wide_view_counts_every_approved_incident_once(client, three_cities):
    IncidentFactory(title="Unreviewed claim", review_status=ReviewStatus.CANDIDATE, latitude=40.0, longitude=-100.0)
    IncidentFactory(title="Rejected rumour", review_status=ReviewStatus.REJECTED, latitude=41.0, longitude=-101.0)
    IncidentFactory(title="Nowhere", review_status=APPROVED, latitude=None, longitude=None)
    data = _clusters(client, bbox=US, zoom=3)
    assert data["total"] == 6
    assert sum(f["properties"]["count"] for f in data["features"]) == 6
    assert "Unreviewed claim" not in str(data) and "Rejected rumour" not in str(data)


def test_nearby_cities_share_a_cluster_far_out_and_split_closer_in(client, three_cities):
    far = _clusters(client, bbox=US, zoom=3)
    counts = sorted(f["properties"]["count"] for f in far["features"])
    assert counts == [1, 5]  # the Pacific Northwest together, Louisville alone
    northwest = next(f for f in far["features"] if f["properties"]["count"] == 5)
    assert northwest["properties"]["rank"] == 4  # the highest rank inside colours the cluster
    assert northwest["properties"]["bounds"] == [-122.68, 45.52, -122.33, 47.61]

    near = _clusters(client, bbox="-125,44,-120,49", zoom=7)
    assert sorted(f["properties"]["count"] for f in near["features"]) == [2, 3]
    assert near["total"] == 5  # Louisville is outside this viewport


def test_incidents_on_one_point_carry_their_newest_items_for_a_popup(client):
    portland = _place(45.52, -122.68, 10, rank=3)
    data = _clusters(client, bbox=US, zoom=5)
    (feature,) = data["features"]
    items = feature["properties"]["items"]
    assert feature["properties"]["count"] == 10
    assert len(items) == 8
    assert [item["title"] for item in items[:2]] == ["Portland incident 9", "Portland incident 8"]
    assert items[0]["url"] == f"/en/incidents/{portland[9].pk}/"
    assert items[0]["place"] == "Portland, Oregon"
    assert items[0]["date"] == "2020-06-10"


def test_a_lone_incident_is_a_cluster_of_one_with_its_popup(client, three_cities):
    data = _clusters(client, bbox=US, zoom=3)
    alone = next(f for f in data["features"] if f["properties"]["count"] == 1)
    assert alone["geometry"]["coordinates"] == [-85.76, 38.25]
    assert [item["title"] for item in alone["properties"]["items"]] == ["Louisville incident 0"]
    assert alone["properties"]["items"][0]["rank"] == 5


def test_the_page_filters_apply_and_a_state_gets_the_bounds_of_all_its_incidents(client, three_cities):
    assert _clusters(client, bbox=US, zoom=3)["bounds"] is None  # the country view needs none
    data = _clusters(client, bbox=US, zoom=3, state="USA-WA")
    assert data["total"] == 2
    assert data["bounds"] == [-122.33, 47.61, -122.33, 47.61]
    assert _clusters(client, bbox=US, zoom=3, rank=["5"])["total"] == 1
    # Bounds of the whole filtered set, even when the viewport shows none of it.
    elsewhere = _clusters(client, bbox="0,0,10,10", zoom=6, state="USA-KY")
    assert elsewhere["total"] == 0 and elsewhere["features"] == []
    assert elsewhere["bounds"] == [-85.76, 38.25, -85.76, 38.25]


def test_a_viewport_across_the_antimeridian_finds_both_sides(client):
    _place(21.3, -157.86, 1, state="USA-HI", city="Honolulu")
    _place(13.44, 144.79, 1, state="", city="Hagatna")
    _place(45.52, -122.68, 1)
    data = _clusters(client, bbox="140,0,210,30", zoom=3)  # 210° east is 150° west
    assert data["total"] == 2


def test_the_answer_stays_small_with_many_incidents(client):
    Incident.objects.bulk_create(
        Incident(
            title=f"Incident {i}", force_rank=i % 6, source_kind="dataset", dataset="bench",
            external_id=f"many-{i}", state="USA-OR", latitude=25 + (i % 50) * 0.5,
            longitude=-124 + (i // 50) * 0.5, review_status=APPROVED, date=datetime.date(2020, 1, 1),
        )
        for i in range(2500)
    )
    data = _clusters(client, bbox=US, zoom=4)
    assert data["total"] == 2500
    assert len(data["features"]) < 200
    assert len(client.get(reverse("incidents:clusters"), {"bbox": US, "zoom": 4}).content) < 60_000


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"zoom": "4"}, "bbox"),
        ({"bbox": US}, "zoom"),
        ({"bbox": "1,2,3", "zoom": "4"}, "bbox"),
        ({"bbox": "a,b,c,d", "zoom": "4"}, "bbox"),
        ({"bbox": "nan,1,2,3", "zoom": "4"}, "bbox"),
        ({"bbox": "-10,-95,10,10", "zoom": "4"}, "bbox"),
        ({"bbox": US, "zoom": "²"}, "zoom"),
        ({"bbox": US, "zoom": "99"}, "zoom"),
    ],
)
def test_a_bad_viewport_is_a_400_naming_the_parameter(client, params, field):
    response = client.get(reverse("incidents:clusters"), params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_spanish_popups_name_the_rank_in_spanish(client):
    _place(45.52, -122.68, 1, rank=4)
    response = client.get("/es/incidents/clusters.json", {"bbox": US, "zoom": "5"})
    item = response.json()["features"][0]["properties"]["items"][0]
    assert item["url"].startswith("/es/incidents/")
    assert item["rank_label"] != "Chemical and electric"
