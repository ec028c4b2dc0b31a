"""`/API/BA/`: Bad Apple database reports by header filters, in Bad Apple's field names."""

import datetime
import json

import pytest
from django.conf import settings
from django.utils import timezone
from rest_framework.test import APIClient

from reports.badapple import OUTCOME_CODES, POLICY_CODES, REPORT_TYPE_CODES
from tests.factories import DepartmentFactory, FindingFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db

RESULT_FIELDS = [
    "officerFirstName", "officerMiddleName", "officerLastName", "officerID", "country", "state",
    "city", "investigator", "investigatorLicense", "investigatorEmployer", "reportType",
    "investigationID", "officerBadgeNumber", "incidentDate", "reportDate", "findingsSummary",
    "conclusion", "fullReportURL", "fullArchiveURL", "sourceURL", "praURL", "reportID",
    "createdOn", "updatedOn", "findings",
]
FINDING_FIELDS = ["findingPolicyCategory", "findingSummary", "findingBasis", "finding", "createdOn", "updatedOn"]


def ba(secret, **headers):
    extra = {f"HTTP_{name.upper().replace('-', '_')}": value for name, value in headers.items()}
    return APIClient().get("/API/BA/", HTTP_API_KEY=secret, **extra)


@pytest.fixture
def coy_report():
    columbus = DepartmentFactory(state="USA-OH", city="Columbus")
    report = ReportFactory(
        officer=OfficerFactory(department=columbus, first_name="Adam", middle_name="", last_name="Coy"),
        investigator="Thomas Quinlan", investigator_title="Chief of Police",
        investigator_employer="The City of Columbus Division of Police", investigation_id="IAB #202012 - 1029",
        badge_number="2275", incident_date=datetime.date(2020, 12, 22), report_date=datetime.date(2020, 12, 26),
        findings_summary="Sustained by a preponderance of evidence.", conclusion="Terminate.",
        report_url="https://archive.org/report.pdf", source_url="https://news.example/coy",
    )
    FindingFactory(report=report, policy_category="conduct", basis="1.04 - Cause for Dismissal", position=0)
    FindingFactory(report=report, policy_category="use_of_force", basis="ROC 1.19", position=1)
    return report


def test_a_report_comes_back_with_bad_apples_fields_and_formats(partner, coy_report):
    response = ba(partner[1], First="Adam", Last="Coy", State="USA-OH", Policy="0")
    body = response.json()
    assert response.status_code == body["statusCode"] == 200
    assert body["statusMessage"] == "Success"
    assert body["remainingQueries"] == 497  # a reports query costs 3 credits
    [result] = body["results"]
    assert list(result) == RESULT_FIELDS
    assert result["officerID"] == str(coy_report.officer.public_id)
    assert result["reportID"] == str(coy_report.public_id)
    assert result["country"] == "United States of America"
    assert result["state"] == "Ohio, USA"
    assert result["city"] == "Columbus"
    assert result["investigatorLicense"] == "Chief of Police"
    assert result["reportType"] == "Internal Affairs Report"
    assert result["incidentDate"] == "2020-12-22 00:00:00+00:00"
    assert result["reportDate"] == "2020-12-26 00:00:00+00:00"
    assert result["fullArchiveURL"] == result["praURL"] == ""
    created = datetime.datetime.fromisoformat(result["createdOn"])
    assert created.utcoffset() == datetime.timedelta(0)
    assert abs(created - timezone.now()) < datetime.timedelta(minutes=5)
    assert [list(f) for f in result["findings"]] == [FINDING_FIELDS, FINDING_FIELDS]
    assert [f["findingPolicyCategory"] for f in result["findings"]] == ["Conduct", "Use of Force"]
    assert result["findings"][0]["findingBasis"] == "1.04 - Cause for Dismissal"
    assert result["findings"][0]["finding"] == "Sustained"


# Bad Apple's own English labels, by its codes (data/badapple_choices.json).
CHOICES = json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())


@pytest.mark.parametrize("code", sorted(OUTCOME_CODES))
def test_every_finding_outcome_renders_bad_apples_label(partner, code):
    report = FindingFactory(outcome=OUTCOME_CODES[code]).report
    body = ba(partner[1], **{"Report-ID": str(report.public_id), "Incident-Year": "2021"}).json()
    assert body["statusCode"] == 200
    assert body["results"][0]["findings"][0]["finding"] == CHOICES["findings"][code]


@pytest.mark.parametrize("code", sorted(REPORT_TYPE_CODES))
def test_every_report_type_renders_bad_apples_label(partner, code):
    report = ReportFactory(report_type=REPORT_TYPE_CODES[code])
    body = ba(partner[1], **{"Report-ID": str(report.public_id), "Incident-Year": "2021"}).json()
    assert body["results"][0]["reportType"] == CHOICES["report_types"][code]


def test_every_policy_code_finds_its_category_under_bad_apples_label(partner):
    report = ReportFactory(officer=OfficerFactory(department=DepartmentFactory(state="USA-NM")))
    for position, policy in enumerate(POLICY_CODES.values()):
        FindingFactory(report=report, policy_category=policy, position=position)
    for code in POLICY_CODES:
        body = ba(partner[1], State="USA-NM", Policy=code).json()
        labels = [f["findingPolicyCategory"] for f in body["results"][0]["findings"]]
        assert labels == list(CHOICES["policy_categories"].values())


def test_a_report_with_nothing_optional_filled_in_still_renders(partner):
    report = ReportFactory(
        incident_date=None, report_date=None, investigation_id="", officer=OfficerFactory(middle_name="")
    )
    body = ba(partner[1], **{"Report-ID": str(report.public_id), "First": report.officer.first_name}).json()
    result = body["results"][0]
    assert result["incidentDate"] == result["reportDate"] == result["investigationID"] == ""
    assert result["findings"] == []


def test_labels_are_in_english_whatever_the_request_language(partner, coy_report):
    FindingFactory(report=coy_report, policy_category="elder_abuse", outcome="unfounded")
    response = ba(partner[1], First="Adam", Last="Coy", **{"Accept-Language": "es"})
    assert response["Content-Language"] == "es"
    result = response.json()["results"][0]
    assert result["state"] == "Ohio, USA"
    assert result["reportType"] == "Internal Affairs Report"
    assert {(f["findingPolicyCategory"], f["finding"]) for f in result["findings"]} >= {("Elder Abuse", "Unfounded")}


def test_policy_1_never_matches_policies_10_to_19(partner):
    department = DepartmentFactory(state="USA-CA")
    handcuffing = FindingFactory(
        report=ReportFactory(officer=OfficerFactory(department=department)), policy_category="handcuffing_and_restraints"
    ).report
    for policy in ("search_and_seizure", "custody_of_juveniles", "elder_abuse", "conduct", "computer_use"):
        FindingFactory(report=ReportFactory(officer=OfficerFactory(department=department)), policy_category=policy)
    body = ba(partner[1], State="USA-CA", Policy="1").json()
    assert [r["reportID"] for r in body["results"]] == [str(handcuffing.public_id)]
    assert ba(partner[1], State="USA-CA", Policy="18").json()["results"][0]["findings"][0]["findingPolicyCategory"] == "Conduct"


def test_city_matches_part_of_the_name_as_in_bad_apples_example(partner):
    berkeley = DepartmentFactory(state="USA-CA", city="Berkeley")
    report = FindingFactory(report=ReportFactory(officer=OfficerFactory(department=berkeley)), policy_category="procedure").report
    body = ba(partner[1], Policy="38", City="Berk", State="USA-CA").json()
    assert [r["reportID"] for r in body["results"]] == [str(report.public_id)]


def test_unpublished_reports_never_come_back(partner):
    for status in ("draft", "retracted"):
        ReportFactory(officer=OfficerFactory(last_name="Hidden"), publication_status=status)
    body = ba(partner[1], Last="Hidden", **{"Incident-Year": "2021"}).json()
    assert body["statusCode"] == 200 and body["results"] == []


@pytest.mark.parametrize("headers", [{}, {"Department": "Columbus"}])
def test_it_needs_one_filter_and_says_which_it_received(partner, headers):
    response = ba(partner[1], **headers)
    body = response.json()
    assert response.status_code == body["statusCode"] == 400
    assert body["results"] == []
    assert body["statusMessage"] == (
        "Send at least 1 of these headers: First, Last, City, State, Incident-Year, Policy, Report-ID (received: none)."
    )
    assert body["remainingQueries"] == 497  # Bad Apple documents that failed queries count


def test_a_report_id_alone_finds_its_report(partner, coy_report):
    body = ba(partner[1], **{"Report-ID": str(coy_report.public_id)}).json()
    assert body["statusCode"] == 200
    assert [r["reportID"] for r in body["results"]] == [str(coy_report.public_id)]


def test_a_query_is_refused_when_fewer_than_three_credits_remain(make_key, coy_report):
    _, secret = make_key(weekly_quota=5)
    assert ba(secret, Last="Coy").json()["remainingQueries"] == 2
    response = ba(secret, Last="Coy")
    assert response.status_code == response.json()["statusCode"] == 429
    assert response.json()["statusMessage"] == "You have reached your weekly query limit."


@pytest.mark.parametrize(
    ("headers", "phrase"),
    [
        ({"Last": "Coy", "Policy": "39"}, "The Policy header is not a known code."),
        ({"Last": "Coy", "Policy": "use_of_force"}, "The Policy header is not a known code."),
        ({"Last": "Coy", "Report-ID": "efab6f1b"}, "The Report-ID header must be a UUID."),
        ({"Last": "Coy", "Incident-Year": "'08"}, "The Incident-Year header must be a four-digit year."),
        ({"Last": "Coy", "State": "OH"}, "The State header must be a state code such as USA-CA."),
        ({"Last": "C", "First": "Adam"}, "The Last header must be between 2 and 100 characters long."),
    ],
)
def test_bad_filters_get_a_precise_message(partner, headers, phrase):
    body = ba(partner[1], **headers).json()
    assert body["statusCode"] == 400
    assert body["statusMessage"] == phrase


def test_a_long_user_agent_is_ignored(partner, coy_report):
    response = ba(partner[1], First="Adam", Last="Coy", **{"User-Agent": "Mozilla/5.0 " + "x" * 600})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_error_messages_follow_the_request_language(partner):
    body = ba(partner[1], State="Ohio", **{"Accept-Language": "es"}).json()
    assert body["statusMessage"] == "La cabecera State debe ser un código de estado como USA-CA."


def test_the_number_of_queries_does_not_grow_with_the_results(settings, partner):
    settings.API_ANSWER_CACHE_SECONDS = 0  # count the queries of an answer made, not cached
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_state() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert ba(partner[1], State="USA-VT", **{"Incident-Year": "2021"}).status_code == 200
        return len(captured)

    department = DepartmentFactory(state="USA-VT")
    FindingFactory(report=ReportFactory(officer=OfficerFactory(department=department)))
    queries_for_state()  # the first call also looks the key up; later ones find it cached
    one = queries_for_state()
    for _ in range(4):
        FindingFactory(report=ReportFactory(officer=OfficerFactory(department=department)))
    assert queries_for_state() == one


def test_accented_names_sent_as_utf8_headers_are_found(partner):
    report = ReportFactory(officer=OfficerFactory(first_name="José", last_name="Núñez"))
    # What WSGI hands Django for the UTF-8 bytes of "Núñez": each byte decoded as Latin-1.
    garbled = "Núñez".encode().decode("latin-1")
    body = ba(partner[1], Last=garbled, First="José".encode().decode("latin-1")).json()
    assert [r["reportID"] for r in body["results"]] == [str(report.public_id)]
    assert body["results"][0]["officerLastName"] == "Núñez"


@pytest.mark.postgres
def test_answers_written_by_postgresql_equal_those_read_as_models():
    from api.views.badapple_reports import answers_from_models, answers_from_postgresql
    from reports.selectors import report_header_search

    department = DepartmentFactory(state="USA-VT", city="Burlington")
    hidden = OfficerFactory(department=department, last_name="Aardvark", publication_status="draft")
    named = [OfficerFactory(department=department, first_name=f, middle_name=m, last_name=l)
             for f, m, l in (("Zoë", "Q", "Brown"), ("Ann", "", "Brown"), ("Ed", "\"Big\"", "Çelik"))]
    reports = [
        ReportFactory(officer=OfficerFactory(department=department), findings_summary='Quote " and \\ slash'),
        # Its officer is not public: the first public named officer (by name) answers, never the hidden one.
        ReportFactory(officer=OfficerFactory(department=department, publication_status="draft"), department=department),
        ReportFactory(officer=None, department=department, report_type="oversight_commission"),
        ReportFactory(officer=None, department=department, badge_number="12"),
    ]
    reports[1].named_officers.set([hidden, *named])
    reports[2].named_officers.set([named[2]])
    FindingFactory(report=reports[0], policy_category="use_of_force", position=2, summary="Línea\nnueva")
    FindingFactory(report=reports[0], policy_category="conduct", outcome="not_sustained", position=1)
    FindingFactory(report=reports[0], policy_category="arrest_and_booking", position=1)
    FindingFactory(report=reports[2], policy_category="", outcome="")
    # Stored times with and without microseconds (Python's str() writes the fraction only then).
    reports[0].findings.filter(position=2).update(
        created_at=datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC),
        updated_at=datetime.datetime(2024, 3, 1, 12, 0, 0, 120000, tzinfo=datetime.UTC),
    )

    for filters in ({"state": "USA-VT"}, {"city": "burl", "incident_year": 2021}, {"last": "brown"}):
        query = report_header_search(**filters)
        from_models = answers_from_models(query)
        assert answers_from_postgresql(query) == from_models
        assert json.dumps(answers_from_postgresql(query)) == json.dumps(from_models)  # key order too
    answers = {a["reportID"]: a for a in answers_from_postgresql(report_header_search(state="USA-VT"))}
    assert answers[str(reports[1].public_id)]["officerFirstName"] == "Ann"
    assert answers[str(reports[2].public_id)]["officerLastName"] == "Çelik"
    assert [f["findingPolicyCategory"] for f in answers[str(reports[0].public_id)]["findings"]][2] == "Use of Force"
    assert answers[str(reports[0].public_id)]["findings"][2]["createdOn"] == "2024-03-01 12:00:00+00:00"
    assert answers[str(reports[0].public_id)]["findings"][2]["updatedOn"] == "2024-03-01 12:00:00.120000+00:00"
