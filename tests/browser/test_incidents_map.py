import datetime
import re

import pytest
from playwright.sync_api import expect

from incidents.models import IncidentDecision, ReviewStatus
from tests.conftest import login
from tests.factories import IncidentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait_for_markers(page, count):
    page.wait_for_function(
        "n => { const map = document.getElementById('incident-map');"
        " return map.dataset.state === 'ready' && map.dataset.count === String(n); }",
        arg=count,
    )


def test_a_reviewer_approves_an_incident_and_it_appears_on_the_map(page, phone_page, live_server, screenshot):
    IncidentFactory(title="Rubber bullets on Burnside Bridge", force_rank=3, state="USA-OR", city="Portland",
                    latitude=45.52, longitude=-122.67, date=datetime.date(2020, 6, 2), review_status=ReviewStatus.APPROVED)
    IncidentFactory(title="Tear gas on Capitol Hill", force_rank=4, state="USA-WA", city="Seattle",
                    latitude=47.62, longitude=-122.32, date=datetime.date(2020, 6, 8), review_status=ReviewStatus.APPROVED)
    IncidentFactory(title="Pepper balls at the Federal Building", force_rank=4, state="USA-OR", city="Portland",
                    latitude=45.51, longitude=-122.68, date=datetime.date(2020, 7, 20), review_status=ReviewStatus.APPROVED)
    candidate = IncidentFactory(title="Shots fired at a protest", force_rank=5, state="USA-KY", city="Louisville",
                                latitude=38.25, longitude=-85.76, date=datetime.date(2020, 9, 24),
                                review_status=ReviewStatus.CANDIDATE, source_url="https://example.org/news/1")
    reviewer = UserFactory(username="rita", roles=["reviewer"], is_staff=True)

    page.goto(f"{live_server.url}/en/incidents/")
    _wait_for_markers(page, 3)
    assert "Shots fired at a protest" not in page.content()

    login(page, live_server, reviewer)
    page.goto(f"{live_server.url}/en/incidents/review/")
    page.get_by_role("link", name="Shots fired at a protest").click()
    page.get_by_label("Summary").fill("Police fired live rounds at protesters downtown; two people were hit.")
    page.get_by_role("button", name="Save changes").click()
    page.get_by_label("Decision").select_option("approved")
    screenshot(page, "incidents-review-detail-en-desktop")
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url("**/incidents/review/")
    decision = IncidentDecision.objects.get(incident=candidate)
    assert (decision.decision, decision.actor) == ("approved", reviewer)

    page.goto(f"{live_server.url}/en/incidents/")
    _wait_for_markers(page, 4)
    assert page.locator("#results-title").inner_text() == "4 incidents"
    assert page.locator('[data-rank-count="5"]').inner_text() == "1"
    assert page.locator('[data-rank-count="4"]').inner_text() == "2"
    screenshot(page, "incidents-map-en-desktop")

    page.get_by_label("4 · Chemical and electric").check()
    _wait_for_markers(page, 2)
    assert page.locator("#results-title").inner_text() == "2 incidents"
    page.locator("#id_state").select_option("USA-OR")
    _wait_for_markers(page, 1)
    assert page.locator("#results-title").inner_text() == "1 incident"
    assert "rank=4" in page.url and "state=USA-OR" in page.url
    # Counts beside each rank follow the other filters: Oregon has one rank-3 and one rank-4.
    assert page.locator('[data-rank-count="3"]').inner_text() == "1"

    page.goto(f"{live_server.url}/es/incidents/?rank=5")
    _wait_for_markers(page, 1)
    assert page.locator("h1").inner_text() == "Mapa de incidentes"
    assert page.locator("#results-title").inner_text() == "1 incidente"
    page.get_by_role("link", name="Shots fired at a protest").click()
    expect(page.get_by_text("Police fired live rounds at protesters downtown")).to_be_visible()
    assert page.get_by_role("link", name="https://example.org/news/1").is_visible()
    screenshot(page, "incidents-detail-es-desktop")

    phone_page.goto(f"{live_server.url}/es/incidents/")
    _wait_for_markers(phone_page, 4)
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone_page, "incidents-map-es-phone")


def test_a_visitor_opens_a_cluster_by_clicking_it_and_reads_the_incidents_of_one_place(page, live_server, screenshot):
    for i in range(3):
        IncidentFactory(title=f"Portland protest {i}", force_rank=3, state="USA-OR", city="Portland",
                        latitude=45.52, longitude=-122.68, date=datetime.date(2020, 6, 1 + i),
                        review_status=ReviewStatus.APPROVED)
    for i in range(2):
        IncidentFactory(title=f"Seattle protest {i}", force_rank=4, state="USA-WA", city="Seattle",
                        latitude=47.61, longitude=-122.33, date=datetime.date(2020, 7, 1 + i),
                        review_status=ReviewStatus.APPROVED)

    page.goto(f"{live_server.url}/en/incidents/")
    _wait_for_markers(page, 5)
    # Country-wide, the server puts both cities in one cluster, coloured by its highest rank.
    northwest = page.locator(".rank-cluster", has_text="5")
    expect(northwest).to_have_class(re.compile(r"rank-cluster-4"))
    assert page.locator(".rank-cluster").count() == 1

    northwest.click()
    # Zoomed in on the two cities, the cluster splits in two.
    expect(page.locator(".rank-cluster", has_text="3")).to_be_visible()
    expect(page.locator(".rank-cluster", has_text="2")).to_be_visible()
    page.locator(".rank-cluster", has_text="3").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link", name="Portland protest 2")).to_be_visible()
    assert popup.get_by_role("link").count() == 3
    screenshot(page, "incidents-map-cluster-popup-en-desktop")
    popup.get_by_role("link", name="Portland protest 0").click()
    expect(page.locator("h1")).to_have_text("Portland protest 0")
