"""The key pages work under the enforced Content-Security-Policy: any violation fails the test."""

import datetime

import pytest
from playwright.sync_api import expect

from incidents.models import ReviewStatus
from pra.seed import seed
from tests.conftest import login
from tests.factories import IncidentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page):
    """Every CSP violation the page reports (the DOM event and the console message both)."""
    found = []
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text or "CSP violation" in m.text else None)
    return found


def test_the_policy_is_enforced_by_default(client):
    response = client.get("/en/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


def test_the_map_works_under_the_policy(page, live_server, violations):
    IncidentFactory(title="Tear gas on Capitol Hill", force_rank=4, state="USA-WA", city="Seattle",
                    latitude=47.62, longitude=-122.32, date=datetime.date(2020, 6, 8), review_status=ReviewStatus.APPROVED)
    page.goto(f"{live_server.url}/en/incidents/")
    # Not wait_for_function: Playwright polls a string predicate through eval, which this very
    # policy refuses; the attribute check runs in Playwright's own selector engine.
    map_element = page.locator("#incident-map")
    expect(map_element).to_have_attribute("data-state", "ready")
    expect(map_element).to_have_attribute("data-count", "1")
    expect(page.locator(".leaflet-interactive")).to_have_count(1)  # the incident's marker
    assert violations == []


def test_the_witness_form_and_the_officer_record_work_under_the_policy(page, live_server, violations):
    from tests.factories import OfficerFactory, ReportFactory

    page.goto(f"{live_server.url}/en/incidents/report/")
    page.get_by_label("Where? (city, state)").press_sequentially("Portl", delay=60)
    expect(page.locator("#place-options option[value='Portland, OR']")).to_have_count(1)
    officer, partner = OfficerFactory(), OfficerFactory()
    ReportFactory(officer=officer).named_officers.add(partner)
    page.goto(f"{live_server.url}/en/officers/{officer.public_id}/")
    expect(page.locator("section.co-accused a.network-node")).to_have_count(1)
    assert violations == []


def test_the_letter_page_works_under_the_policy(page, live_server, violations):
    seed()
    page.goto(f"{live_server.url}/en/records-requests/")
    page.get_by_label("State or territory").select_option("USA-NY")
    page.get_by_label("Misconduct records of a named officer").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Agency").fill("New York City Police Department")
    page.get_by_label("Officer's full name").fill("Jordan Doe")
    page.get_by_label("Your name").fill("Ana Ruiz")
    page.get_by_label("Your contact details").fill("ana@example.org")
    page.get_by_role("button", name="Write my letter").click()
    expect(page.locator("h1")).to_have_text("Your letter is ready")
    page.wait_for_load_state("networkidle")
    assert violations == []


def test_the_admin_and_the_review_pages_work_under_the_policy(page, live_server, violations, screenshot):
    admin = UserFactory(username="ada", is_staff=True, is_superuser=True)
    login(page, live_server, admin, next_path="/admin/")
    expect(page.locator("#site-name")).to_be_visible()
    page.goto(f"{live_server.url}/admin/officers/officer/add/")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/en/incidents/review/")
    page.wait_for_load_state("networkidle")
    screenshot(page, "csp-review-desktop")
    assert violations == []


def test_a_staff_member_enrols_a_second_factor_in_the_browser(page, live_server, violations, screenshot):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import totp_now

    curator = UserFactory(username="cora", roles=["curator"], is_staff=True)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", curator.username)
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
    assert page.locator(".two-factor-qr svg").is_visible()
    screenshot(page, "two-factor-setup-desktop")
    page.fill("#id_token", totp_now(TOTPDevice.objects.get(user=curator)))
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator("h1")).to_have_text("Your recovery codes")
    page.get_by_role("link", name="Continue").click()
    expect(page.locator("#site-name")).to_be_visible()
    assert violations == []
