import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_english_and_spanish(page, phone_page, live_server, screenshot):
    page.goto(f"{live_server.url}/en/")
    assert page.locator("h1").inner_text().startswith("Know who polices you")
    assert page.get_attribute("html", "lang") == "en"
    screenshot(page, "home-en-desktop")

    page.get_by_role("button", name="español").click()
    page.wait_for_url(f"{live_server.url}/es/")
    assert page.get_attribute("html", "lang") == "es"
    assert page.locator("h1").inner_text().startswith("Sepa quién")
    screenshot(page, "home-es-desktop")

    phone_page.goto(f"{live_server.url}/es/")
    assert phone_page.locator("h1").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the home page must not scroll sideways on a phone"
    screenshot(phone_page, "home-es-phone")
