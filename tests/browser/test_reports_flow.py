"""Search a report, read it, open the officer, find where to complain: English and Spanish, desktop and phone."""

from io import StringIO

import pytest
from playwright.sync_api import expect

from oversight import demo as oversight_demo
from reports import demo as reports_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_records():
    reports_demo.load(stdout=StringIO())
    oversight_demo.load(stdout=StringIO())


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_search_report_and_complaint_routing_in_english(page, live_server, screenshot, demo_records):
    page.goto(f"{live_server.url}/en/reports/")
    page.get_by_label("Policy category").select_option(label="Handcuffing and Restraints")
    page.get_by_label("Finding outcome").select_option(label="Sustained")
    page.locator("main").get_by_role("button", name="Search").click()  # the header has its own
    assert page.get_by_role("heading", name="1 report").is_visible()
    screenshot(page, "reports-search-en-desktop")

    page.get_by_role("link", name="Jordan Ellery").click()
    expect(page.locator("h1")).to_have_text("Jordan Ellery")  # waits for the new page
    assert page.get_by_text("Demo record").first.is_visible()
    assert page.locator(".finding .badge.danger").count() == 2
    screenshot(page, "reports-detail-en-desktop")

    page.get_by_role("link", name="Officer's page").click()
    expect(page.locator("h1")).to_have_text("Jordan Ellery")  # waits for the new page
    reports = page.locator("section", has=page.get_by_role("heading", name="Misconduct reports"))
    assert reports.get_by_text("sustained").first.is_visible()
    assert reports.get_by_role("link").count() >= 2, "both of the officer's reports are listed"
    screenshot(page, "reports-officer-en-desktop")

    page.get_by_role("link", name="File a complaint").first.click()
    assert page.get_by_role("heading", name="Where to file a complaint").is_visible()
    assert page.get_by_role("link", name="Riverton Community Police Review Board (demo)").is_visible()
    screenshot(page, "reports-complaint-en-desktop")

    page.get_by_role("link", name="All details").click()
    assert page.get_by_role("heading", name="How to file a complaint").is_visible()
    screenshot(page, "oversight-detail-en-desktop")


def test_uncovered_department_lists_the_states_bodies_in_spanish_on_a_phone(phone_page, live_server, screenshot, demo_records):
    page = phone_page
    page.goto(f"{live_server.url}/es/reports/?outcome=unfounded")
    no_sideways_scroll(page)
    assert page.get_by_role("heading", name="2 informes").is_visible()
    screenshot(page, "reports-search-es-phone")

    page.get_by_role("link", name="Sam Whitfield").click()
    assert page.locator(".finding .badge", has_text="Infundada").is_visible()
    no_sideways_scroll(page)
    screenshot(page, "reports-detail-es-phone")

    page.goto(f"{live_server.url}/es/oversight/complaint/?q=lakeside")
    page.get_by_role("link", name="Lakeside Police Department (demo)").click()
    assert page.get_by_role("heading", name="No conocemos ningún organismo de supervisión para este departamento").is_visible()
    assert page.get_by_role("link", name="Cascade County Sheriff Oversight Commission (demo)").is_visible()
    no_sideways_scroll(page)
    screenshot(page, "reports-complaint-fallback-es-phone")

    page.goto(f"{live_server.url}/es/oversight/?state=USA-OR")
    no_sideways_scroll(page)
    screenshot(page, "oversight-directory-es-phone")
