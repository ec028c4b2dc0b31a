"""`/API/PRA/`: the records-request letter for a state and subject, in Bad Apple's field names."""

import pytest
from rest_framework.test import APIClient

from pra.models import RequestTemplate
from tests.pra.conftest import seeded, seeded_module  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

RESULT_FIELDS = [
    "country", "stateTerritoryProvince", "subject", "title", "letterBody", "createdOn", "updatedOn",
]


def pra(secret, **headers):
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    return APIClient().get("/API/PRA/", HTTP_API_KEY=secret, **extra)


@pytest.mark.parametrize(
    ("state", "subject", "label"),
    # Bad Apple's two documented example queries.
    [("USA-MA", "0", "Body Worn Cameras"), ("USA-CA", "10", "Police Misconduct - Based on the Officer's Name")],
)
def test_the_documented_examples_return_one_letter(partner, seeded, state, subject, label):
    response = pra(partner[1], State=state, Subject=subject)
    body = response.json()
    assert response.status_code == body["statusCode"] == 200
    assert body["statusMessage"] == "Success"
    assert body["remainingQueries"] == 499
    [result] = body["results"]
    assert list(result) == RESULT_FIELDS
    assert result["subject"] == label
    assert result["country"] == "United States of America"
    assert result["stateTerritoryProvince"].endswith(", USA")
    assert "{{" not in result["letterBody"]
    assert "[the requester's name]" in result["letterBody"]


def test_a_state_without_its_own_letter_gets_the_generic_one_citing_its_law(partner, seeded):
    # California has letters of its own (pra.state_letters); Arizona uses the generic one.
    assert not RequestTemplate.objects.filter(jurisdiction="USA-AZ").exists()
    [result] = pra(partner[1], State="USA-AZ", Subject="4").json()["results"]
    assert result["stateTerritoryProvince"] == "Arizona, USA"
    assert "Arizona" in result["letterBody"]


def test_a_state_with_a_letter_of_its_own_cites_what_opens_its_police_records(partner, seeded):
    [result] = pra(partner[1], State="USA-CA", Subject="10").json()["results"]
    assert "Penal Code § 832.7(b)" in result["letterBody"]
    assert "Government Code § 7920.000" in result["letterBody"]


def test_puerto_rico_letters_are_in_spanish(partner, seeded):
    [result] = pra(partner[1], State="USA-PR", Subject="0").json()["results"]
    assert result["stateTerritoryProvince"] == "Puerto Rico, USA"
    assert result["title"] == "Solicitud de información pública: cámaras corporales"
    assert "Estimado(a) Oficial de Información" in result["letterBody"]
    assert "[the agency the letter goes to]" not in result["letterBody"]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"State": "USA-CA"}, "The Subject header is required."),
        ({"Subject": "1"}, "The State header is required."),
        ({"State": "California", "Subject": "1"}, "The State header must be a state code such as USA-CA."),
        ({"State": "USA-CA", "Subject": "12"}, "The Subject header is not a known code."),
        ({"State": "USA-CA", "Subject": "1 "}, None),
    ],
)
def test_bad_headers_get_a_precise_message_and_still_count(partner, seeded, headers, message):
    body = pra(partner[1], **headers).json()
    if message is None:
        assert body["statusCode"] == 200
        return
    assert body["statusCode"] == 400
    assert body["statusMessage"] == message
    assert body["results"] == []
    assert body["remainingQueries"] == 499


def test_a_long_user_agent_is_not_a_filter(partner, seeded):
    body = pra(partner[1], State="USA-MA", Subject="0", User_Agent="x" * 500).json()
    assert body["statusCode"] == 200


def test_unpublished_letters_are_never_served(partner, seeded):
    RequestTemplate.objects.filter(subject="drones").update(publication_status="draft")
    body = pra(partner[1], State="USA-MA", Subject="1").json()
    assert body["statusCode"] == 200
    assert body["results"] == []


def test_the_rest_api_lists_laws_and_templates(partner, client_for, seeded):
    client = client_for(partner[1])
    law = client.get("/api/v1/public-records-laws/USA-MA/").json()
    assert law["jurisdiction"] == "USA-MA"
    assert law["name"]
    templates = client.get("/api/v1/request-templates/", {"jurisdiction": "USA-00", "subject": "drones"}).json()
    [template] = templates["results"]
    assert "agency" in template["placeholders"]
    assert client.get("/api/v1/request-templates/", {"subject": "teleportation"}).status_code == 400


def test_states_bad_apple_left_without_the_generic_letter_get_a_letter_as_documented(partner, seeded, settings):
    # docs/api.md, "Differences from Bad Apple": where Bad Apple answered no letter, a state
    # without its own letter gets the generic one citing the state's own law.
    import json

    from pra.selectors import law_for

    choices = json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())
    for state in choices["states_without_generic_pra_fallback"]:
        [result] = pra(partner[1], State=state, Subject="4").json()["results"]
        assert result["stateTerritoryProvince"] == choices["states"][state]
        law = law_for(state=state)
        if law is not None:
            assert law.name in result["letterBody"] or law.statute_citation in result["letterBody"], state
