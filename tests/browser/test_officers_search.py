import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    from io import StringIO

    from officers import demo

    demo.load(stdout=StringIO())


@pytest.mark.parametrize("language", ["en", "es"])
def test_find_an_officer_then_open_their_page(page, live_server, screenshot, demo, language):
    page.goto(f"{live_server.url}/{language}/officers/")
    page.fill("#id_q", "garcia")
    page.click("main form[role=search] button[type=submit]")  # not the header's site search
    gallery = page.locator(".officer-gallery li")
    gallery.first.wait_for()  # the results page, not the form it replaced (slow machines)
    assert gallery.count() >= 1
    assert "García" in gallery.first.inner_text()
    screenshot(page, f"officers-search-{language}-desktop")

    gallery.first.locator("a").click()
    page.wait_for_selector("h1")
    assert "García" in page.locator("h1").inner_text()
    assert page.locator("#assignments-title").is_visible()
    screenshot(page, f"officers-detail-{language}-desktop")


def test_the_search_and_officer_page_fit_a_phone(phone_page, live_server, screenshot, demo):
    from officers.models import Department

    department = Department.objects.get(name="Riverton Police Department")
    page = phone_page
    page.goto(f"{live_server.url}/es/officers/?department={department.pk}&employed=yes")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "officers-search-es-phone")
    page.locator(".officer-gallery li a").first.click()
    page.wait_for_selector("#assignments-title")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "officers-detail-es-phone")


def test_departments_list_leads_to_a_department(page, live_server, screenshot, demo):
    page.goto(f"{live_server.url}/en/officers/departments/")
    page.click("text=Riverton Police Department")
    page.wait_for_selector(".stat-row")
    screenshot(page, "officers-department-en-desktop")
    assert page.locator(".officer-gallery li").count() == 18
