"""Every section of the site is reachable from the header, on a phone, a tablet and a laptop."""

import pytest

from tests.conftest import _new_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 768, 1366]


@pytest.fixture
def sized_page(browser, live_server):
    contexts = []

    def make(width: int):
        context, page = _new_page(browser, {"width": width, "height": 844 if width < 768 else 900}, "en-US")
        contexts.append(context)
        return page

    yield make
    for context in contexts:
        context.close()


def _nav_items(page):
    return page.locator("nav.site-nav a")


def _reveal_menu(page):
    """Open the menu where the screen is narrow enough to fold it; return whether it was folded."""
    button = page.locator(".menu-button")
    if not button.is_visible():
        return False
    assert button.get_attribute("aria-expanded") == "false"
    assert not _nav_items(page).first.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    return True


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_nav_item_is_visible_and_clickable(sized_page, live_server, screenshot, width, language):
    page = sized_page(width)
    page.goto(f"{live_server.url}/{language}/")
    folded = _reveal_menu(page)
    assert folded == (width < 768)

    items = _nav_items(page)
    assert items.count() == 7
    for index in range(items.count()):
        item = items.nth(index)
        assert item.is_visible()
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{item.inner_text()} is cut off"
        item.click(trial=True)  # actionable: visible, enabled, not covered by anything
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"nav-{language}-{width}{'-open' if folded else ''}")

    last = items.last
    href = last.get_attribute("href")
    last.click()
    page.wait_for_url(f"{live_server.url}{href}")


@pytest.mark.parametrize("width", [1440, 1600])
def test_no_spanish_item_is_cut_off_on_common_laptop_widths(sized_page, live_server, width):
    page = sized_page(width)
    page.goto(f"{live_server.url}/es/")
    items = _nav_items(page)
    for index in range(items.count()):
        box = items.nth(index).bounding_box()
        assert items.nth(index).is_visible() and box["x"] + box["width"] <= width


def test_the_menu_button_works_from_the_keyboard(sized_page, live_server):
    page = sized_page(390)
    page.goto(f"{live_server.url}/en/")
    button = page.locator(".menu-button")
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    _nav_items(page).first.focus()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('menu-button')")
    assert not _nav_items(page).first.is_visible()
    page.keyboard.press("Space")
    assert _nav_items(page).first.is_visible()
