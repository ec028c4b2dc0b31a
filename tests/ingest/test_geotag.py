"""Geotagging on real-world phrasings: a location only when the text backs it."""

import pytest

from ingest.geotag import geotag_text, geotag_tweet
from tests.ingest.servers import PLACES, tweet


@pytest.mark.parametrize(
    ("text", "city", "state"),
    [
        ("Police fired tear gas in Portland, OR last night", "Portland", "USA-OR"),
        ("Minneapolis police used rubber bullets", "Minneapolis", "USA-MN"),
        ("NYPD in Brooklyn arrested dozens of marchers", "Brooklyn", "USA-NY"),
        ("NYPD officers pepper sprayed a crowd", "New York City", "USA-NY"),
        ("Springfield, Illinois officers used a taser", "Springfield", "USA-IL"),
        ("Springfield, MA police chief resigns", "Springfield", "USA-MA"),
        ("Kansas City, Missouri police shot a man", "Kansas City", "USA-MO"),
        ("Protesters in Springfield say police in Missouri used tear gas", "Springfield", "USA-MO"),
        ("Tear gas fired in Washington, D.C. tonight", "Washington", "USA-DC"),
        ("Louisville cops fired pepper balls", "Louisville", "USA-KY"),
        ("Officers tackled a man near Seattle, WA", "Seattle", "USA-WA"),
        ("Rubber bullets fired in Portland", "Portland", "USA-OR"),
    ],
)
def test_it_finds_the_city_and_state_named_in_the_text(text, city, state):
    location = geotag_text(text)

    assert (location.city, location.state, location.method) == (city, state, "text")
    assert location.latitude is not None and location.longitude is not None


@pytest.mark.parametrize(
    "text",
    [
        "Springfield police used a taser on a teenager",  # eight Springfields, no clue
        "Michael Jackson would have hated this",  # a person, not Jackson, MS
        "I filmed it on my mobile phone",
        "police brutality has to end",
        "",
    ],
)
def test_it_claims_no_location_without_evidence(text):
    location = geotag_text(text)

    assert location.method == "none"
    assert (location.latitude, location.city, location.state) == (None, "", "")


def test_a_state_alone_gives_the_state_without_coordinates():
    location = geotag_text("State troopers used tear gas in Texas")

    assert (location.state, location.city, location.latitude, location.method) == ("USA-TX", "", None, "text")


def test_a_city_that_does_not_exist_in_the_named_state_is_not_guessed():
    location = geotag_text("Portland, Nevada police")

    assert (location.city, location.latitude, location.state) == ("", None, "USA-NV")


def test_the_tweets_own_point_wins_over_its_place_and_text():
    location = geotag_tweet(
        tweet(1, "in Springfield, Illinois", point=(-122.6, 45.5), place_id="01a9a39529b27f36"), PLACES
    )

    assert (location.method, location.latitude, location.longitude) == ("coordinates", 45.5, -122.6)
    assert location.state == "USA-OR"


def test_the_place_is_used_when_there_is_no_point():
    location = geotag_tweet(tweet(1, "Springfield, Illinois", place_id="01a9a39529b27f36"), PLACES)

    assert (location.method, location.city, location.state) == ("place", "Portland", "USA-OR")


def test_a_foreign_place_keeps_its_coordinates_but_no_us_state():
    places = {"p": {"id": "p", "full_name": "Paris, France", "name": "Paris", "country_code": "FR",
                    "place_type": "city", "geo": {"bbox": [2.2, 48.8, 2.4, 48.9]}}}

    location = geotag_tweet(tweet(1, "police", place_id="p"), places)

    assert (location.method, location.state, location.city) == ("place", "", "Paris")


def test_invalid_coordinates_fall_back_to_the_text():
    location = geotag_tweet(tweet(1, "Minneapolis police", point=("x", 500)), {})

    assert (location.method, location.city) == ("text", "Minneapolis")


def test_state_names_are_read_in_english_whatever_language_the_worker_speaks():
    from django.utils import translation

    # Rochester, NY or Rochester, MN: only "New York" later in the text tells them apart, and a
    # worker answering a Spanish request must still read it (not "Nueva York").
    text = "Rochester police used pepper spray on protesters, New York officials said"
    with translation.override("es"):
        location = geotag_text(text)
    assert (location.city, location.state) == ("Rochester", "USA-NY")
