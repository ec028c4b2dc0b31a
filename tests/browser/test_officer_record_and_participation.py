"""Issue 20 in a real browser: a journalist goes from the home page to an officer's full record
(real CCRB data), sees who the officer is accused with and reports an error; a witness submits
an incident that a reviewer approves onto the map. English and Spanish, desktop and phone."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from corrections.models import Correction
from incidents.models import Incident
from tests.conftest import login
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ccrb(settings, tmp_path):
    settings.DATA_DIR = tmp_path  # the loader falls back to the shipped copies
    call_command("load_public_data", "--only", "nyc_ccrb", stdout=StringIO(), stderr=StringIO())


@pytest.fixture(autouse=True)
def quick_people(settings):
    """Playwright types faster than the time check allows a person; the check has its own tests."""
    from django.core.cache import cache

    settings.PUBLIC_SUBMIT_MIN_SECONDS = 0
    cache.clear()


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_journalist_goes_from_the_home_page_to_the_record_and_reports_an_error(page, live_server, screenshot, ccrb):
    page.goto(f"{live_server.url}/en/")
    page.get_by_placeholder("Officer name or badge number").fill("Jonathan Cancel")
    page.get_by_role("button", name="Find an officer").click()
    page.get_by_role("link", name="Jonathan Cancel").first.click()
    expect(page.locator("h1")).to_have_text("Jonathan Cancel")

    summary = page.locator("section.record-summary")
    expect(summary.get_by_text("sustained findings")).to_be_visible()
    summary.get_by_text("How this is worked out").click()
    expect(summary.get_by_text("This is not a score or a ranking of conduct.")).to_be_visible()

    co_accused = page.locator("section.co-accused")
    expect(co_accused.get_by_role("heading", name="Accused with")).to_be_visible()
    node = co_accused.locator("a.network-node")
    expect(node).to_have_count(1)
    node.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Robert Delaney: 1 shared record"
    timeline = page.locator("section.officer-timeline")
    expect(timeline.get_by_text("201804621 closed")).to_be_visible()
    screenshot(page, "officer-record-en-desktop")

    page.get_by_role("link", name="New York City Police Department").first.click()
    expect(page.locator("section.department-record svg.chart")).to_have_count(1)
    expect(page.get_by_role("heading", name="Data sources")).to_be_visible()
    screenshot(page, "department-record-en-desktop")
    page.go_back()

    page.get_by_role("link", name="Report an error on this page").click()
    page.get_by_label("What is wrong, and what is right?").fill("The departure letter's case 201804621 names a second officer.")
    page.get_by_label("Your email (optional)").fill("reporter@example.org")
    screenshot(page, "report-error-en-desktop")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Thank you: your report was received")).to_be_visible()
    assert Correction.objects.get().record_label == "Jonathan Cancel"

    # The network's link leads on to the co-accused officer's record.
    page.goto(f"{live_server.url}{Correction.objects.get().record_path}")
    page.locator("section.co-accused a.network-node").click()
    expect(page.locator("h1")).to_have_text("Robert Delaney")


def test_the_record_and_the_error_form_in_spanish_on_a_phone(phone_page, live_server, screenshot, ccrb):
    from officers.models import Officer

    page = phone_page
    officer = Officer.objects.get(internal_id="963894")
    page.goto(f"{live_server.url}/es/officers/{officer.public_id}/")
    expect(page.get_by_role("heading", name="El historial de un vistazo")).to_be_visible()
    expect(page.get_by_role("heading", name="Acusado junto con")).to_be_visible()
    expect(page.get_by_role("heading", name="Cronología")).to_be_visible()
    no_sideways_scroll(page)
    screenshot(page, "officer-record-es-phone")

    page.get_by_role("link", name="Avisar de un error en esta página").click()
    page.get_by_role("button", name="Enviar el aviso").click()
    expect(page.get_by_text("Este campo es requerido.")).to_be_visible()
    no_sideways_scroll(page)
    screenshot(page, "report-error-es-phone-errors")
    assert Correction.objects.count() == 0

    page.goto(f"{live_server.url}/es/officers/{officer.public_id}/")
    page.get_by_role("link", name="New York City Police Department").first.click()
    record = page.locator("section.department-record")
    expect(record.get_by_text("Conclusiones por resultado y año").first).to_be_visible()
    expect(record.locator("svg.chart")).to_have_count(1)
    record.get_by_text("Las cifras").first.click()
    expect(record.get_by_role("rowheader", name="2019")).to_be_visible()
    expect(page.get_by_role("heading", name="Fuentes de datos")).to_be_visible()
    no_sideways_scroll(page)
    screenshot(page, "department-record-es-phone")


@pytest.mark.parametrize(("language", "viewport"), [("en", "desktop"), ("es", "phone")])
def test_a_witness_submits_an_incident_and_a_reviewer_approves_it_onto_the_map(
    browser, live_server, screenshot, language, viewport,
):
    from tests.conftest import DESKTOP, PHONE

    words = {
        "en": {"cta": "Report an incident you saw", "what": "What happened?", "where": "Where? (city, state)",
               "when": "When?", "send": "Send the report", "thanks": "Thank you: your report is with our reviewers",
               "unsure": "I am not sure"},
        "es": {"cta": "Avisar de un incidente que vio", "what": "¿Qué pasó?", "where": "¿Dónde? (ciudad, estado)",
               "when": "¿Cuándo?", "send": "Enviar el aviso", "thanks": "Gracias: su aviso está con nuestros revisores",
               "unsure": "No estoy seguro"},
    }[language]
    context = browser.new_context(viewport=DESKTOP if viewport == "desktop" else PHONE, locale=language, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/{language}/incidents/")
        page.get_by_role("link", name=words["cta"]).click()
        page.get_by_label(words["what"]).fill("Officers pushed a woman to the ground outside the Justice Center and pepper-sprayed the people filming it.")
        place = page.get_by_label(words["where"])
        place.press_sequentially("Portl", delay=60)
        expect(page.locator("#place-options option[value='Portland, OR']")).to_have_count(1)
        place.fill("Portland, OR")
        page.get_by_label(words["when"]).fill("2024-06-01")
        page.get_by_label(words["unsure"]).check()
        screenshot(page, f"witness-form-{language}-{viewport}")
        if viewport == "phone":
            no_sideways_scroll(page)
        page.get_by_role("button", name=words["send"]).click()
        expect(page.get_by_role("heading", name=words["thanks"])).to_be_visible()
        incident = Incident.objects.get()
        assert incident.review_status == "candidate" and incident.city == "Portland"

        reviewer = UserFactory(roles=["reviewer"])
        login(page, live_server, reviewer, next_path=f"/{language}/incidents/review/{incident.pk}/")
        page.goto(f"{live_server.url}/{language}/incidents/review/{incident.pk}/")
        screenshot(page, f"witness-review-{language}-{viewport}")
        page.locator("#decision-form button[type=submit]").click()
        page.wait_for_load_state()
        incident.refresh_from_db()
        assert incident.review_status == "approved"

        page.goto(f"{live_server.url}/{language}/incidents/{incident.pk}/")
        expect(page.locator("h1")).to_be_visible()
        page.goto(f"{live_server.url}/{language}/incidents/")
        expect(page.locator(".leaflet-marker-icon, .leaflet-interactive").first).to_be_visible()
        screenshot(page, f"witness-on-map-{language}-{viewport}")
    finally:
        context.close()
