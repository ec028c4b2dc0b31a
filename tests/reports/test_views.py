import pytest
from django.template import Context, Template
from django.urls import reverse

from reports.models import FindingOutcome
from tests.factories import FindingFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db


def test_the_search_page_lists_published_reports_only(client):
    shown = ReportFactory(officer__last_name="Shownsworth")
    ReportFactory(officer__last_name="Draftington", publication_status="draft")
    ReportFactory(officer__last_name="Retractor", publication_status="retracted")
    response = client.get(reverse("reports:search"))
    assert response.status_code == 200
    assert "Shownsworth" in response.text
    assert "Draftington" not in response.text and "Retractor" not in response.text
    assert reverse("reports:detail", kwargs={"public_id": shown.public_id}) in response.text


@pytest.mark.parametrize("status", ["draft", "retracted"])
def test_an_unpublished_report_page_is_not_found(client, status):
    report = ReportFactory(publication_status=status)
    response = client.get(reverse("reports:detail", kwargs={"public_id": report.public_id}))
    assert response.status_code == 404


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_outcome_renders_on_the_report_page(client, language):
    report = ReportFactory()
    for outcome in FindingOutcome.values:
        FindingFactory(report=report, outcome=outcome)
    response = client.get(f"/{language}/reports/{report.public_id}/")
    assert response.status_code == 200
    if language == "en":
        for label in ("Sustained", "Not Sustained", "Exonerated", "Unfounded"):
            assert f">{label}</span>" in response.text
    else:
        for label in ("Sostenida", "No sostenida", "Exonerado", "Infundada"):
            assert f">{label}</span>" in response.text


def test_every_outcome_can_be_searched(client):
    for outcome in FindingOutcome.values:
        FindingFactory(outcome=outcome, report__officer__last_name=f"Officer{outcome}")
    for outcome in FindingOutcome.values:
        response = client.get(reverse("reports:search"), {"outcome": outcome})
        assert response.status_code == 200
        assert f"Officer{outcome}" in response.text
        assert response.text.count('class="card report-card"') == 1


def test_bad_filter_values_give_a_clear_message_not_an_error(client):
    ReportFactory(officer__last_name="Stillhere")
    response = client.get(
        reverse("reports:search"),
        {"policy": "99", "outcome": "cleared", "year": "twenty", "state": "Atlantis", "department": "x", "page": "-4"},
    )
    assert response.status_code == 200
    assert "“99” is not a policy category." in response.text
    assert "“cleared” is not a finding outcome." in response.text
    assert "Enter a year such as 2021." in response.text
    assert "“Atlantis” is not a US state or territory." in response.text
    assert "Stillhere" in response.text, "the bad filters are ignored, the page still lists reports"


def test_a_bad_apple_code_in_the_link_means_that_exact_policy(client):
    FindingFactory(policy_category="handcuffing_and_restraints", report__officer__last_name="Cuffs")
    FindingFactory(policy_category="search_and_seizure", report__officer__last_name="Searches")
    response = client.get(reverse("reports:search"), {"policy": "1"})
    assert "Cuffs" in response.text and "Searches" not in response.text


def test_the_search_page_is_in_spanish(client):
    response = client.get("/es/reports/")
    assert "Informes de mala conducta" in response.text


def test_the_report_page_shows_the_investigation_and_links_to_records_requests(client, settings):
    report = ReportFactory(investigator="Dana Okafor", badge_number="417", report_url="https://example.org/r.pdf")
    response = client.get(reverse("reports:detail", kwargs={"public_id": report.public_id}))
    assert "Dana Okafor" in response.text and "417" in response.text
    assert "https://example.org/r.pdf" in response.text
    complaint = reverse("oversight:complaint") + f"?department={report.department.pk}"
    assert complaint in response.text


def test_a_demo_report_is_labelled(client):
    report = ReportFactory(dataset="demo")
    response = client.get(reverse("reports:detail", kwargs={"public_id": report.public_id}))
    assert "Demo record" in response.text


def test_the_officer_partial_shows_counts_and_published_reports_only():
    officer = OfficerFactory()
    report = ReportFactory(officer=officer, investigation_id="IA-777")
    FindingFactory(report=report, outcome="sustained")
    FindingFactory(report=report, outcome="not_sustained")
    FindingFactory(report__officer=officer, report__publication_status="draft", report__investigation_id="IA-HIDDEN")

    html = Template("{% load reports_tags %}{% officer_reports officer %}").render(Context({"officer": officer}))

    assert "IA-777" in html and "IA-HIDDEN" not in html
    assert "<strong>1</strong> report" in html
    assert "<strong>2</strong> findings" in html
    assert "<strong>1</strong> sustained" in html
