import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from incidents.models import ReviewStatus
from incidents.selectors import incidents_for_officer
from tests.factories import IncidentFactory, OfficerFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def incidents():
    return {
        "portland": IncidentFactory(
            title="Tear gas on Burnside", force_rank=4, state="USA-OR", city="Portland",
            date=datetime.date(2020, 6, 2), review_status=ReviewStatus.APPROVED, source_kind="dataset",
        ),
        "seattle": IncidentFactory(
            title="Officer shoves marcher", force_rank=2, state="USA-WA", city="Seattle",
            latitude=47.6, longitude=-122.3, date=datetime.date(2020, 7, 14),
            review_status=ReviewStatus.APPROVED, source_kind="news",
        ),
        "salem": IncidentFactory(
            title="Rubber bullets in Salem", force_rank=3, state="USA-OR", city="Salem",
            date=datetime.date(2020, 7, 20), review_status=ReviewStatus.APPROVED, source_kind="dataset",
        ),
        "candidate": IncidentFactory(title="Unreviewed shooting claim", force_rank=5, review_status=ReviewStatus.CANDIDATE),
        "rejected": IncidentFactory(title="Rejected rumour", force_rank=5, review_status=ReviewStatus.REJECTED),
    }


def _titles(geojson):
    return sorted(f["properties"]["title"] for f in geojson["features"])


def test_the_map_json_holds_approved_incidents_only(client, incidents):
    data = client.get(reverse("incidents:geojson")).json()
    assert _titles(data) == ["Officer shoves marcher", "Rubber bullets in Salem", "Tear gas on Burnside"]
    feature = next(f for f in data["features"] if f["id"] == incidents["seattle"].pk)
    assert feature["geometry"]["coordinates"] == [-122.3, 47.6]
    assert feature["properties"]["url"] == f"/en/incidents/{incidents['seattle'].pk}/"


def test_the_map_json_follows_the_filters(client, incidents):
    url = reverse("incidents:geojson")
    assert _titles(client.get(url, {"state": "USA-OR"}).json()) == ["Rubber bullets in Salem", "Tear gas on Burnside"]
    assert _titles(client.get(url, {"rank": ["2", "3"]}).json()) == ["Officer shoves marcher", "Rubber bullets in Salem"]
    assert _titles(client.get(url, {"date_from": "2020-07-01", "date_to": "2020-07-15"}).json()) == ["Officer shoves marcher"]
    assert _titles(client.get(url, {"source": "news"}).json()) == ["Officer shoves marcher"]


def test_the_map_page_lists_and_counts_what_the_filters_select(client, incidents):
    page = client.get(reverse("incidents:map"), {"state": "USA-OR"}).text
    assert "2 incidents" in page
    assert "Tear gas on Burnside" in page and "Officer shoves marcher" not in page
    assert "Unreviewed shooting claim" not in page and "Rejected rumour" not in page
    # The rank counts are computed with the other filters applied: two in Oregon, one each.
    assert 'data-rank-count="4">1<' in page and 'data-rank-count="3">1<' in page
    assert 'data-rank-count="2">0<' in page
    # The state list keeps every state selectable, with its own count.
    assert "Washington (1)" in page and "Oregon (2)" in page


def test_the_map_page_draws_charts_by_month_and_state(client, incidents):
    page = client.get(reverse("incidents:map")).text
    assert page.count('<svg class="chart"') == 2
    assert "Jul 2020: 1 incident of rank 3" in page
    assert "Oregon: 1 incident of rank 4" in page


def test_bad_filter_values_are_reported_not_a_server_error(client, incidents):
    response = client.get(reverse("incidents:map"), {"date_from": "yesterday", "rank": "9", "state": "Narnia", "page": "x"})
    assert response.status_code == 200
    assert "3 incidents" in response.text
    assert client.get(reverse("incidents:geojson"), {"date_to": "2020-13-45"}).status_code == 200


def test_the_end_date_must_follow_the_start_date(client, incidents):
    page = client.get(reverse("incidents:map"), {"date_from": "2020-08-01", "date_to": "2020-06-01"}).text
    assert "The end date is before the start date." in page


def test_the_incident_page_shows_our_words_and_links_to_the_source_not_the_post(client):
    post = PostFactory(text="RAW TWEET TEXT that must not be republished", url="https://x.com/a/status/1")
    incident = IncidentFactory(
        post=post, title="Pepper spray at City Hall", summary="Officers used pepper spray on a sit-in.",
        source_url="https://x.com/a/status/1", review_status=ReviewStatus.APPROVED,
    )
    page = client.get(reverse("incidents:detail", args=[incident.pk])).text
    assert "Pepper spray at City Hall" in page and "Officers used pepper spray on a sit-in." in page
    assert 'href="https://x.com/a/status/1"' in page
    assert "RAW TWEET TEXT" not in page


def test_unpublished_incidents_have_no_public_page(client, incidents):
    for key in ("candidate", "rejected"):
        assert client.get(reverse("incidents:detail", args=[incidents[key].pk])).status_code == 404


def test_the_map_is_in_spanish(client, incidents):
    page = client.get("/es/incidents/").text
    assert 'lang="es"' in page
    assert "Mapa de incidentes" in page
    assert "3 incidentes" in page
    # Each incident's place, in the page's language, then in English again on the next page.
    assert "Portland, Oregón" in page
    assert "Portland, Oregon" in client.get("/en/incidents/").text


def test_the_officer_section_lists_approved_incidents_only(incidents):
    officer = OfficerFactory()
    incidents["seattle"].officers.add(officer)
    incidents["candidate"].officers.add(officer)
    assert list(incidents_for_officer(officer=officer)) == [incidents["seattle"]]
    html = render_to_string("incidents/_officer_incidents.html", {"officer": officer})
    assert "Officer shoves marcher" in html and "Unreviewed shooting claim" not in html


def test_the_offline_outline_and_vendored_map_files_are_shipped():
    from django.contrib.staticfiles import finders

    for path in ("geo/us-states.geojson", "vendor/leaflet/leaflet.js", "vendor/leaflet/LICENSE"):
        assert finders.find(path), path


MAP_FILTERS = [
    {},
    {"state": "USA-OR"},
    {"rank": ["4", "5"]},
    {"source": "news"},
    {"date_from": "2020-07-01"},
    {"state": "USA-OR", "rank": ["1", "3"], "source": "dataset"},
    {"q": "GAS"},
    {"state": "USA-WA", "date_to": "2020-06-30", "source": "twitter"},
]


def test_the_map_counts_and_charts_agree_with_counting_the_incidents_one_by_one():
    import random
    from collections import Counter

    from incidents.forms import IncidentFilterForm
    from incidents.selectors import incident_map_summary

    rng = random.Random(3)
    made = [
        IncidentFactory(
            title=rng.choice(["Tear gas at the bridge", "Baton charge", "Pepper spray downtown"]),
            force_rank=rng.randrange(6),
            state=rng.choice(["USA-OR", "USA-WA", "USA-TX", ""]),
            source_kind=rng.choice(["dataset", "news", "twitter"]),
            date=rng.choice([None, datetime.date(2019, 12, 31), datetime.date(2020, 6, 30), datetime.date(2020, 7, 1), datetime.date(2020, 9, 15)]),
            review_status=rng.choice([ReviewStatus.APPROVED, ReviewStatus.APPROVED, ReviewStatus.CANDIDATE]),
        )
        for _ in range(80)
    ]
    approved = [incident for incident in made if incident.review_status == ReviewStatus.APPROVED]

    for params in MAP_FILTERS:
        filters = IncidentFilterForm(params).filters()

        def kept(incident, skip=""):
            date = incident.date
            return (
                (skip == "ranks" or not filters.ranks or incident.force_rank in filters.ranks)
                and (not filters.date_from or (date is not None and date >= filters.date_from))
                and (not filters.date_to or (date is not None and date <= filters.date_to))
                and (skip == "state" or not filters.state or incident.state == filters.state)
                and (skip == "source" or not filters.source or incident.source_kind == filters.source)
                and (not filters.q or filters.q.lower() in incident.title.lower())
            )

        summary = incident_map_summary(filters=filters)

        found = [incident for incident in approved if kept(incident)]
        assert summary.total == len(found), params
        assert summary.facets["ranks"] == Counter(i.force_rank for i in approved if kept(i, "ranks")), params
        assert summary.facets["states"] == Counter(i.state for i in approved if kept(i, "state")), params
        assert summary.facets["sources"] == Counter(i.source_kind for i in approved if kept(i, "source")), params
        charted = {(m["month"], rank): n for m in summary.by_month for rank, n in m["counts"].items()}
        assert charted == Counter((i.date.replace(day=1), i.force_rank) for i in found if i.date), params
        assert [m["total"] for m in summary.by_month] == [sum(m["counts"].values()) for m in summary.by_month]
        if summary.by_month:  # every month from the first to the last, empty ones included
            first, last = summary.by_month[0]["month"], summary.by_month[-1]["month"]
            assert len(summary.by_month) == (last.year - first.year) * 12 + last.month - first.month + 1
        per_state = {(s["state"], rank): n for s in summary.by_state for rank, n in s["counts"].items()}
        assert per_state == Counter((i.state, i.force_rank) for i in found if i.state), params
        assert [s["total"] for s in summary.by_state] == sorted((s["total"] for s in summary.by_state), reverse=True)


def test_a_chart_s_tooltips_escape_their_text():
    from incidents.charts import states_chart

    svg = states_chart([{"state": "X", "label": "Tom & <Jerry>", "counts": {1: 3}, "total": 3}], title="t")

    assert '<rect class="rank-fill-1" x="130" y="7" width="462.0" height="18">' in svg
    assert "<title>Tom &amp; &lt;Jerry&gt;: 3 incidents of rank 1</title>" in svg


@pytest.mark.parametrize("window", [2, 10, 500])
def test_the_typeahead_offers_the_newest_incidents_whose_titles_hold_the_words(monkeypatch, window):
    import random

    from incidents.models import Incident
    from incidents.selectors import public

    monkeypatch.setattr(public, "RECENT_WINDOW", window)
    rng = random.Random(5)
    for n in range(40):
        IncidentFactory(
            title=rng.choice(["Police fire tear gas", "Police shove a marcher", "Deputies use a baton", f"Curfew arrests {n}"]),
            date=rng.choice([None, datetime.date(2020, 6, 1), datetime.date(2020, 6, 2), datetime.date(2021, 1, 5)]),
            review_status=rng.choice([ReviewStatus.APPROVED, ReviewStatus.APPROVED, ReviewStatus.REJECTED]),
        )

    for words in ("police", "BATON", "gas", "arrests 3", "no such words"):
        newest = Incident.objects.public().filter(title__icontains=words).order_by("-date", "-id")[:3]

        assert public.incident_title_suggestions(text=words, limit=3) == list(newest), words
