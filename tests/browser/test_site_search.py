"""The header's search box: typed into, chosen from with the keyboard, on a phone and a laptop,
in English and Spanish."""

import pytest

from tests.conftest import DESKTOP, PHONE, _new_page
from tests.factories import CommissionFactory, DepartmentFactory, OfficerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def records():
    department = DepartmentFactory(name="Riverton Police Department", city="Riverton", state="USA-OR")
    officer = OfficerFactory(first_name="Dana", last_name="Whitfield", department=department)
    OfficerFactory(first_name="Lee", last_name="Whitman", department=department)
    CommissionFactory(name="Riverton Police Review Board", city="Riverton", state="USA-OR")
    return {"officer": officer, "department": department}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_suggestion_is_chosen_with_the_arrow_keys_and_enter(browser, live_server, screenshot, records, viewport, language):
    context, page = _new_page(browser, viewport, "en-US")
    try:
        page.goto(f"{live_server.url}/{language}/")
        box = page.get_by_role("combobox")
        assert box.is_visible()
        bounds = box.bounding_box()
        assert bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= viewport["width"]

        box.focus()
        page.keyboard.type("whit")
        options = page.get_by_role("option")
        options.first.wait_for()
        assert box.get_attribute("aria-expanded") == "true"
        assert options.all_inner_texts()[0].startswith("Dana Whitfield")
        status = page.locator(".site-search-status").inner_text()
        assert status.startswith("2 ") and ("suggestions" in status if language == "en" else "sugerencias" in status)
        screenshot(page, f"site-search-{language}-{viewport['width']}")

        page.keyboard.press("ArrowDown")
        assert options.first.get_attribute("aria-selected") == "true"
        assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/{language}/officers/{records['officer'].public_id}/")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Dana Whitfield")
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_enter_without_a_choice_searches_everything_and_escape_closes_the_list(page, live_server, screenshot, records, language):
    page.goto(f"{live_server.url}/{language}/")
    box = page.get_by_role("combobox")
    box.focus()
    page.keyboard.type("Riverton")
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("listbox").is_visible()

    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{language}/search/?q=Riverton")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert any(h.startswith("Departamentos" if language == "es" else "Departments") for h in headings)
    assert page.get_by_role("link", name="Riverton Police Review Board").is_visible()
    assert page.get_by_role("combobox").input_value() == "Riverton"
    screenshot(page, f"site-search-results-{language}")
