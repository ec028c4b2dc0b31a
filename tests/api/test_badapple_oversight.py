"""`/API/Oversight/`: a state's (and city's) oversight commissions, in Bad Apple's field names."""

import json

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from oversight.badapple import COMMISSION_TYPE_CODES, COMPLAINT_FORM_TYPE_CODES
from tests.factories import CommissionFactory, ComplaintLinkFactory

pytestmark = pytest.mark.django_db

RESULT_FIELDS = [
    "name", "type", "website", "country", "stateTerritoryProvince", "cityTown", "postalCode",
    "address1", "address2", "email", "phone", "phoneTDD", "fax", "contactForm", "pressEmail",
    "pressPhone", "pressContactForm", "aboutSummary", "complaintInfo1", "complaintInfo2",
    "complaintForm", "alternateComplaintFormType", "alternateComplaintForm", "membersPage",
    "faqPage", "commissionID", "createdOn", "updatedOn",
]


def oversight(secret, **headers):
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    return APIClient().get("/API/Oversight/", HTTP_API_KEY=secret, **extra)


@pytest.fixture
def sarp():
    commission = CommissionFactory(
        name="Superintendencia Auxiliar en Responsabilidad Profesional", state="USA-PR", city="San Juan",
        postal_code="00936-8166", address="PO Box 70166\nSuite 2\nSan Juan, PR", email="rp@policia.pr.gov",
        phone="1-877-996-6627", fax="1-787-781-7685", website="https://policia.pr.gov",
        press_contacts="Press office: prensa@policia.pr.gov, (787) 555-0199, https://policia.pr.gov/prensa",
        about="Toda persona que desee presentar una querella…", faq_url="https://policia.pr.gov/faq",
    )
    ComplaintLinkFactory(commission=commission, kind="form", form_type="online", position=0,
                         url="https://serviciosppr.policia.pr.gov/querellaadministrativa/")
    ComplaintLinkFactory(commission=commission, kind="form", form_type="printable", position=1,
                         url="https://example.org/printable.pdf")
    ComplaintLinkFactory(commission=commission, kind="information", form_type="", position=0,
                         url="https://policia.pr.gov/querellas-administrativas/")
    return commission


def test_a_commission_comes_back_with_bad_apples_fields(partner, sarp):
    response = oversight(partner[1], State="USA-PR", City="San Juan")
    body = response.json()
    assert response.status_code == body["statusCode"] == 200
    assert body["statusMessage"] == "Success"
    assert body["remainingQueries"] == 499
    [result] = body["results"]
    assert list(result) == RESULT_FIELDS
    assert result["name"] == sarp.name
    assert result["type"] == "Police Review Boards and Commissions"
    assert result["country"] == "United States of America"
    assert result["stateTerritoryProvince"] == "Puerto Rico, USA"
    assert result["cityTown"] == "San Juan"
    assert (result["address1"], result["address2"]) == ("PO Box 70166", "Suite 2, San Juan, PR")
    assert result["phoneTDD"] == result["contactForm"] == result["membersPage"] == ""
    assert result["pressEmail"] == "prensa@policia.pr.gov"
    assert result["pressPhone"] == "(787) 555-0199"
    assert result["pressContactForm"] == "https://policia.pr.gov/prensa"
    assert result["complaintForm"] == "https://serviciosppr.policia.pr.gov/querellaadministrativa/"
    assert result["alternateComplaintFormType"] == "Printable Complaint Form"
    assert result["alternateComplaintForm"] == "https://example.org/printable.pdf"
    assert result["complaintInfo1"] == "https://policia.pr.gov/querellas-administrativas/"
    assert result["complaintInfo2"] == ""
    assert result["commissionID"] == str(sarp.public_id)
    assert result["createdOn"].endswith("+00:00") and " " in result["createdOn"]


def test_the_city_is_optional_and_matches_part_of_the_name_in_any_case(partner, sarp):
    CommissionFactory(name="Ponce board", state="USA-PR", city="Ponce")
    CommissionFactory(name="Elsewhere", state="USA-IL", city="San Juan")
    assert {r["name"] for r in oversight(partner[1], State="USA-PR").json()["results"]} == {sarp.name, "Ponce board"}
    assert [r["name"] for r in oversight(partner[1], State="usa-pr", City="san juan").json()["results"]] == [sarp.name]
    assert [r["name"] for r in oversight(partner[1], State="USA-PR", City="JUA").json()["results"]] == [sarp.name]
    assert oversight(partner[1], State="USA-PR", City="Mayag").json()["results"] == []


def test_only_published_commissions_are_listed(partner):
    CommissionFactory(name="Draft board", state="USA-OR", publication_status="draft")
    CommissionFactory(name="Retracted board", state="USA-OR", publication_status="retracted")
    body = oversight(partner[1], State="USA-OR").json()
    assert body["statusCode"] == 200 and body["results"] == []


# Bad Apple's own English labels, by its codes (data/badapple_choices.json).
CHOICES = json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())


@pytest.mark.parametrize("type_code", sorted(COMMISSION_TYPE_CODES))
@pytest.mark.parametrize("form_code", sorted(COMPLAINT_FORM_TYPE_CODES))
def test_every_type_and_form_type_renders_bad_apples_english_label(partner, type_code, form_code):
    commission_type, form_type = COMMISSION_TYPE_CODES[type_code], COMPLAINT_FORM_TYPE_CODES[form_code]
    commission = CommissionFactory(state="USA-TX", commission_type=commission_type)
    ComplaintLinkFactory(commission=commission, form_type="online", position=0)
    ComplaintLinkFactory(commission=commission, form_type=form_type, position=1)
    response = oversight(partner[1], State="USA-TX", **{"Accept-Language": "es"})
    assert response["Content-Language"] == "es"
    [result] = response.json()["results"]
    assert result["type"] == CHOICES["commission_types"][type_code]
    assert result["alternateComplaintFormType"] == CHOICES["complaint_form_types"][form_code]
    assert result["stateTerritoryProvince"] == "Texas, USA"


def test_a_commission_with_only_its_name_renders(partner):
    CommissionFactory(state="USA-WY", city="", phone="", address="", press_contacts="")
    [result] = oversight(partner[1], State="USA-WY").json()["results"]
    assert result["address1"] == result["address2"] == result["pressPhone"] == result["complaintForm"] == ""


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "The State header is required."),
        ({"City": "Boston"}, "The State header is required."),
        ({"State": "Massachusetts"}, "The State header must be a state code such as USA-CA."),
        ({"State": "USA-MA", "City": "B"}, "The City header must be between 2 and 100 characters long."),
    ],
)
def test_bad_or_missing_filters_get_a_precise_message(partner, headers, message):
    response = oversight(partner[1], **headers)
    body = response.json()
    assert response.status_code == body["statusCode"] == 400
    assert body["statusMessage"] == message
    assert body["results"] == [] and body["remainingQueries"] == 499


def test_a_long_user_agent_is_ignored(partner, sarp):
    response = oversight(partner[1], State="USA-PR", **{"User-Agent": "curl/8.5.0 " + "y" * 1000})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1
