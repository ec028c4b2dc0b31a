"""A witness submits an incident: it waits in the review queue as a candidate, classified like
any post, and reaches the map only when a reviewer approves it."""

import datetime

import pytest
from django.core.cache import cache

from core.models import PrivateContact
from incidents.models import Incident, Post
from incidents.tasks import classify_submission
from tests.corrections.conftest import form_stamp

pytestmark = pytest.mark.django_db

URL = "/en/incidents/report/"
ACCOUNT = ("Officers pushed a woman to the ground outside the Justice Center and pepper-sprayed "
           "the people filming it.")


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    settings.PUBLIC_SUBMIT_MIN_SECONDS = 0
    settings.PUBLIC_SUBMIT_RATE = "5/h"
    cache.clear()
    yield
    cache.clear()


def send(client, url=URL, **data):
    page = client.get(url)
    fields = {
        "what": ACCOUNT, "place": "Portland, OR", "date": "2024-06-01",
        "links": "https://video.example.org/clip/1\nhttps://news.example.com/story",
        "started": form_stamp(page.text), **data,
    }
    return client.post(url, fields)


def test_place_search_answers_cities_of_our_gazetteer_largest_first(client):
    places = client.get("/en/incidents/places.json?q=portl").json()["places"]
    assert places[:2] == ["Portland, OR", "Portland, ME"]
    assert client.get("/en/incidents/places.json?q=p").json() == {"places": []}


def test_a_submission_waits_in_the_review_queue_with_its_provenance(client, user_with_role, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, email="witness@example.org", force_rank="4")

    assert response.status_code == 302 and response["Location"] == "/en/incidents/report/thanks/"
    incident = Incident.objects.get()
    assert (incident.review_status, incident.source_kind, incident.dataset) == ("candidate", "public", "public-submission")
    assert (incident.city, incident.state, incident.force_rank, incident.date) == ("Portland", "USA-OR", 4, datetime.date(2024, 6, 1))
    assert round(incident.latitude, 1) == 45.5 and incident.links == ["https://video.example.org/clip/1", "https://news.example.com/story"]
    assert incident.post.text == ACCOUNT and incident.post.source_kind == "public"
    # Not public until reviewed.
    assert client.get(f"/en/incidents/{incident.pk}/").status_code == 404
    # The contact is apart from the incident and shown to reviewers only.
    assert PrivateContact.objects.get().object_id == incident.pk
    client.force_login(user_with_role("reviewer"))
    assert "witness@example.org" in client.get(f"/en/incidents/review/{incident.pk}/").text
    assert "Public submission" in client.get("/en/incidents/review/?source=public").text


def test_a_reviewer_approves_it_onto_the_map_without_the_contact(client, user_with_role):
    send(client, email="witness@example.org")
    incident = Incident.objects.get()
    reviewer = user_with_role("reviewer")
    client.force_login(reviewer)

    client.post(f"/en/incidents/review/{incident.pk}/", {"action": "decide", "decision": "approved", "reason": "", "note": ""})

    client.logout()
    incident.refresh_from_db()
    assert incident.review_status == "approved"
    features = client.get("/en/incidents/map.geojson").json()["features"]
    [feature] = [f for f in features if f["id"] == incident.pk]
    assert feature["properties"]["place"] == "Portland, Oregon"
    assert "witness@example.org" not in client.get(f"/en/incidents/{incident.pk}/").text


def test_the_model_rank_stands_in_when_the_witness_gave_none():
    from incidents.services.submissions import witness_incident_submit
    from incidents.places import place_resolve

    incident = witness_incident_submit(what=ACCOUNT, place=place_resolve("Portland, OR"), date=datetime.date(2024, 6, 1), links=[])
    assert incident.force_rank == 1  # until classified
    Post.objects.filter(pk=incident.post_id).update(predicted_rank=4)

    classify_submission(incident.post_id)

    incident.refresh_from_db()
    assert incident.force_rank == 4


def test_a_witness_s_own_rank_is_kept_over_the_model_s():
    from incidents.services.submissions import witness_incident_submit
    from incidents.places import place_resolve

    incident = witness_incident_submit(what=ACCOUNT, place=place_resolve("Portland, OR"), date=datetime.date(2024, 6, 1),
                                       links=[], force_rank=2)
    Post.objects.filter(pk=incident.post_id).update(predicted_rank=5)
    classify_submission(incident.post_id)
    incident.refresh_from_db()
    assert incident.force_rank == 2


@pytest.mark.parametrize(("field", "value", "message"), [
    ("place", "Atlantis, ZZ", "We could not find “Atlantis, ZZ” among US cities"),
    ("date", "2999-01-01", "The date is in the future."),
    ("date", "yesterday", "Enter a valid date."),
    ("links", "https://ok.example.org\njavascript:alert(1)", "Line 2 is not a web address starting with http:// or https://"),
    ("what", "Too short", "Ensure this value has at least 20 characters"),
    ("force_rank", "9", "Select a valid choice."),
])
def test_bad_input_gets_a_precise_error_and_keeps_the_account(client, field, value, message):
    response = send(client, **{field: value})
    assert response.status_code == 400
    assert message in response.text
    if field != "what":
        assert "pepper-sprayed" in response.text
    assert Incident.objects.count() == 0 and Post.objects.count() == 0


def test_errors_are_in_spanish_on_the_spanish_form(client):
    response = send(client, url="/es/incidents/report/", place="Atlantis, ZZ")
    assert response.status_code == 400
    assert "No encontramos «Atlantis, ZZ»" in response.text


def test_the_honeypot_and_the_address_limit_hold(client, settings):
    assert send(client, website="https://spam.example").status_code == 400
    settings.PUBLIC_SUBMIT_RATE = "1/h"
    cache.clear()
    assert send(client).status_code == 302
    limited = send(client)
    assert limited.status_code == 429 and "pepper-sprayed" in limited.text
    assert Incident.objects.count() == 1


def test_the_map_links_to_the_form(client):
    assert 'href="/en/incidents/report/"' in client.get("/en/incidents/").text
