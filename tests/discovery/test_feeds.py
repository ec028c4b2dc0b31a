import datetime
import xml.etree.ElementTree as ET

import pytest

from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_the_feed_lists_approved_incidents_only_newest_first(client):
    older = IncidentFactory(title="Older approved", review_status="approved", date=datetime.date(2020, 5, 30))
    newer = IncidentFactory(title="Newer approved", review_status="approved", date=datetime.date(2020, 6, 2))
    IncidentFactory(title="Still a candidate", review_status="candidate")
    IncidentFactory(title="Rejected one", review_status="rejected")

    feed, found = entries(client, "/en/feeds/incidents.atom")

    assert [entry.find(f"{ATOM}title").text for entry in found] == ["Newer approved", "Older approved"]
    links = [entry.find(f"{ATOM}link").get("href") for entry in found]
    assert links == [f"http://testserver/en/incidents/{newer.pk}/", f"http://testserver/en/incidents/{older.pk}/"]
    assert found[0].find(f"{ATOM}published").text.startswith("2020-06-02")
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/en/feeds/incidents.atom"


def test_a_state_feed_holds_only_that_states_incidents(client):
    IncidentFactory(title="In Oregon", review_status="approved", state="USA-OR")
    IncidentFactory(title="In Minnesota", review_status="approved", state="USA-MN", city="Minneapolis")

    feed, found = entries(client, "/en/feeds/incidents/mn.atom")

    assert [entry.find(f"{ATOM}title").text for entry in found] == ["In Minnesota"]
    assert "Minnesota" in feed.find(f"{ATOM}title").text
    assert client.get("/en/feeds/incidents/zz.atom").status_code == 404


def test_the_spanish_feed_is_in_spanish_and_links_to_spanish_pages(client):
    incident = IncidentFactory(title="Aprobado", review_status="approved", force_rank=4)

    feed, found = entries(client, "/es/feeds/incidents.atom")

    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert "Incidentes" in feed.find(f"{ATOM}title").text
    assert found[0].find(f"{ATOM}link").get("href") == f"http://testserver/es/incidents/{incident.pk}/"
    assert "Química y eléctrica" in found[0].find(f"{ATOM}summary").text


def test_every_page_points_feed_readers_to_the_feed(client):
    html = client.get("/es/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/es/feeds/incidents.atom"' in html
