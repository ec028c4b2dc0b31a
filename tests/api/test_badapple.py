"""The Bad Apple envelope machinery, through a test-only endpoint mounted at /API/Test/."""

import datetime
import json

import pytest
import requests
from django.urls import include, path
from django.utils import translation
from rest_framework.test import APIClient

from api.badapple import (
    BadAppleView,
    HeaderFilter,
    code_in,
    state_code,
    state_label,
    text,
    timestamp,
    year,
)

POLICIES = {"0": "conduct", "1": "use_of_force", "10": "bias"}


class EchoView(BadAppleView):
    """Echoes the cleaned filters back, camelCased as a Bad Apple result would be."""

    filters = (
        HeaderFilter("State", state_code, required=True),
        HeaderFilter("City", text),
        HeaderFilter("Incident-Year", year),
        HeaderFilter("Policy", code_in(POLICIES)),
    )
    min_filters = 2
    credit_cost = 3

    def query(self, **filters):
        return [{"stateTerritoryProvince": filters["state"], "cityTown": filters.get("city", ""),
                 "incidentYear": filters.get("incident_year"), "policy": filters.get("policy")}]


urlpatterns = [path("API/Test/", EchoView.as_view()), path("", include("api.urls"))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
KEY_SHAPED = "00000000-0000-4000-8000-000000000000"


def call(secret=None, **headers):
    client = APIClient()
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    if secret is not None:
        extra["HTTP_API_KEY"] = secret
    return client.get("/API/Test/", **extra)


def test_it_answers_the_envelope_with_http_status_equal_to_status_code(partner):
    response = call(partner[1], State="USA-CA", City="Berkeley", **{"Incident-Year": "2020"}, Policy="10")
    assert response.status_code == 200
    assert response.json() == {
        "statusCode": 200,
        "statusMessage": "Success",
        "results": [{"stateTerritoryProvince": "USA-CA", "cityTown": "Berkeley", "incidentYear": 2020, "policy": "bias"}],
        "remainingQueries": 497,
    }


@pytest.mark.parametrize("secret", [None, ""])
def test_a_missing_key_gets_bad_apples_bare_423(db, secret):
    response = call(secret, State="USA-CA", City="Berkeley")
    assert response.status_code == 423
    assert response.json() == {"statusCode": 423}


@pytest.mark.parametrize(("secret", "status"), [("short", 400), ("x" * 37, 400), (KEY_SHAPED, 403)])
def test_key_problems_get_their_status_and_a_message(db, secret, status):
    response = call(secret, State="USA-CA", City="Berkeley")
    body = response.json()
    assert response.status_code == body["statusCode"] == status
    assert body["statusMessage"] and body["results"] == []
    assert "remainingQueries" not in body


def test_a_revoked_key_is_refused(partner):
    from api.services import partner_key_revoke

    partner_key_revoke(key=partner[0])
    assert call(partner[1], State="USA-CA", City="Oakland").status_code == 403


def test_only_declared_filter_headers_are_validated(partner):
    response = call(partner[1], State="USA-CA", City="Oakland", **{"User-Agent": "x" * 500, "X-Custom": "?"})
    assert response.status_code == 200


def test_it_requires_the_minimum_number_of_filters(partner):
    body = call(partner[1], State="USA-CA").json()
    assert body["statusCode"] == 400
    assert "at least 2" in body["statusMessage"]
    assert body["remainingQueries"] == 497  # Bad Apple documents that failed queries count


@pytest.mark.parametrize(
    ("headers", "phrase"),
    [
        ({"City": "Oakland"}, "State header is required"),
        ({"State": "California", "City": "Oakland"}, "state code"),
        ({"State": "USA-CA", "City": "O"}, "between 2 and 100"),
        ({"State": "USA-CA", "City": "x" * 101}, "between 2 and 100"),
        ({"State": "USA-CA", "Incident-Year": "20x0"}, "four-digit year"),
        ({"State": "USA-CA", "Policy": "1 "}, None),
        ({"State": "USA-CA", "Policy": "100"}, "not a known code"),
    ],
)
def test_bad_filters_get_a_precise_message(partner, headers, phrase):
    body = call(partner[1], **headers).json()
    if phrase is None:
        assert body["statusCode"] == 200 and body["results"][0]["policy"] == "use_of_force"
    else:
        assert body["statusCode"] == 400 and phrase in body["statusMessage"]


def test_policy_codes_match_exactly_not_by_substring(partner):
    body = call(partner[1], State="USA-CA", Policy="1").json()
    assert body["results"][0]["policy"] == "use_of_force"


def test_a_query_is_refused_when_fewer_credits_remain_than_it_costs(make_key):
    _, secret = make_key(weekly_quota=5)
    assert call(secret, State="USA-CA", City="Oakland").json()["remainingQueries"] == 2
    response = call(secret, State="USA-CA", City="Oakland")
    body = response.json()
    assert response.status_code == body["statusCode"] == 429
    assert body["statusMessage"] == "You have reached your weekly query limit."
    assert body["remainingQueries"] == 2
    assert int(response["Retry-After"]) > 0


def test_bursts_are_limited_per_key(settings, partner):
    settings.API_KEY_RATE = "2/m"
    codes = [call(partner[1], State="USA-CA", City="Oakland").status_code for _ in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "head"])
def test_only_get_is_accepted_and_nothing_else_is_charged(partner, method):
    client = APIClient(enforce_csrf_checks=True)
    response = getattr(client, method)("/API/Test/", HTTP_API_KEY=partner[1], HTTP_STATE="USA-CA", HTTP_CITY="Oakland")
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert response["Content-Type"] == "application/json"
    if method != "head":
        assert response.json()["statusCode"] == 405
    assert call(partner[1], State="USA-CA", City="Oakland").json()["remainingQueries"] == 497


@pytest.mark.parametrize("path", ["/API/Nope/", "/API/Nope", "/API/", "/API/BA/extra/"])
def test_an_unknown_path_is_a_404_envelope_before_the_key(db, path):
    for secret in (None, "short"):
        response = APIClient().get(path, **({"HTTP_API_KEY": secret} if secret else {}))
        body = response.json()
        assert response.status_code == body["statusCode"] == 404
        assert "/API/BA/" in body["statusMessage"]


def test_a_known_endpoint_without_its_final_slash_is_redirected_to_it_like_bad_apples_server(db):
    response = APIClient().get("/API/BA?x=1", HTTP_API_KEY="short")
    assert response.status_code == 301 and response["Location"] == "/API/BA/?x=1"
    assert APIClient().post("/API/BA").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_script_calling_an_endpoint_without_the_slash_gets_its_answer(live_server, make_key):
    secret = make_key(weekly_quota=10)[1]
    response = requests.get(f"{live_server.url}/API/Oversight", headers={"API-Key": secret, "State": "USA-CA"},
                            timeout=10)
    body = response.json()
    assert response.status_code == body["statusCode"] == 200
    assert body["remainingQueries"] == 9


@pytest.mark.parametrize("value", ["²⁰²¹", "①①①①", "٢٠٢١", "0000", "1799", "1800", "2100", "2101"])
def test_an_incident_year_is_four_ascii_digits_strictly_between_1800_and_2100(partner, value):
    response = call(partner[1], State="USA-CA", **{"Incident-Year": value})
    body = response.json()
    assert response.status_code == body["statusCode"] == 400
    assert "Incident-Year" in body["statusMessage"]


@pytest.mark.parametrize("value", ["1801", "2099"])
def test_the_first_and_last_years_are_accepted(partner, value):
    body = call(partner[1], State="USA-CA", **{"Incident-Year": value}).json()
    assert body["results"][0]["incidentYear"] == int(value)


def test_failed_queries_are_charged(partner):
    assert call(partner[1], State="nowhere", City="Oakland").json()["remainingQueries"] == 497
    assert call(partner[1], State="USA-CA", City="Oakland").json()["remainingQueries"] == 494


@pytest.mark.django_db(transaction=True)
def test_the_documented_python_example_works_header_for_header(live_server, partner):
    response = requests.get(
        f"{live_server.url}/API/Test/",
        headers={"API-Key": partner[1], "State": "USA-CA", "City": "Berk", "Policy": "0"},
        timeout=10,
    )
    body = response.json()
    assert response.status_code == body["statusCode"] == 200
    assert body["statusMessage"] == "Success"
    assert set(body) == {"statusCode", "statusMessage", "results", "remainingQueries"}


def test_state_labels_are_bad_apples_in_english_whatever_the_active_language(settings):
    choices = json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())
    with translation.override("es"):
        assert {code: state_label(code) for code in choices["states"]} == choices["states"]
    assert state_label("USA-00") == state_label("") == ""


def test_timestamps_are_formatted_as_bad_apple_printed_them():
    moment = datetime.datetime(2021, 4, 15, 2, 48, 12, 498451, tzinfo=datetime.UTC)
    assert timestamp(moment) == "2021-04-15 02:48:12.498451+00:00"
    assert timestamp(datetime.date(2020, 12, 26)) == "2020-12-26 00:00:00+00:00"
    assert timestamp(None) == ""
