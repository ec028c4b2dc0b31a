from pathlib import Path

import pytest
from playwright.sync_api import expect

from pra.seed import seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, what):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{what} must not scroll sideways"


def _download_pdf(page, button_name) -> bytes:
    with page.expect_download() as download_info:
        page.get_by_role("button", name=button_name).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    return Path(download.path()).read_bytes()


def test_a_requester_gets_a_letter_and_its_pdf_in_english(page, live_server, screenshot):
    seed()
    page.goto(f"{live_server.url}/en/records-requests/")
    screenshot(page, "pra-start-en-desktop")
    page.get_by_label("State or territory").select_option("USA-NY")
    page.get_by_label("Misconduct records of a named officer").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_label("Agency").fill("New York City Police Department")
    page.get_by_label("Officer's full name").fill("Jordan <b>Doe</b>")
    page.get_by_label("Your name").fill("Ana Ruiz")
    page.get_by_label("Your contact details").fill("ana@example.org\n10 Main St, Brooklyn")
    screenshot(page, "pra-form-en-desktop")
    page.get_by_role("button", name="Write my letter").click()

    expect(page.locator("h1")).to_have_text("Your letter is ready")  # waits for the new page
    letter = page.locator("#letter-text").inner_text()
    # New York's own letter: FOIL, and disciplinary records open since the repeal of § 50-a.
    assert "under the Freedom of Information Law, Public Officers Law §§ 84-90" in letter
    assert "repeal of Civil Rights Law § 50-a" in letter
    assert page.get_by_role("heading", name="If the agency refuses or does not answer").is_visible()
    assert "Jordan <b>Doe</b>" in letter  # shown as typed, not as markup
    assert page.locator(".pra-letter b").count() == 0
    assert page.get_by_role("heading", name="Explicación en español").is_visible()
    assert page.get_by_text("Answer due by").is_visible()
    assert page.get_by_role("button", name="Copy the letter").is_visible()
    screenshot(page, "pra-letter-en-desktop")

    assert _download_pdf(page, "Download PDF").startswith(b"%PDF-")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download text").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert "Sincerely,\n\nAna Ruiz\nana@example.org\n10 Main St, Brooklyn" in text

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy the letter").click()
    page.get_by_role("status").filter(has_text="Copied").wait_for()
    assert "Ana Ruiz" in page.evaluate("navigator.clipboard.readText()")

    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Download PDF").is_visible()
    assert page.locator("#letter-text").is_visible()
    page.emulate_media(media="screen")


def test_a_requester_gets_a_spanish_letter_and_pdf_on_a_phone(phone_page, live_server, screenshot):
    seed()
    page = phone_page
    page.goto(f"{live_server.url}/es/records-requests/")
    _no_sideways_scroll(page, "the first step")
    page.get_by_label("Estado o territorio").select_option("USA-PR")
    page.get_by_label("Drones (vehículos aéreos no tripulados)").check()
    page.get_by_role("button", name="Continuar").click()

    page.get_by_label("Agencia").fill("Negociado de la Policía de Puerto Rico")
    page.get_by_label("Su nombre").fill("José Muñoz")
    page.get_by_label("Sus datos de contacto").fill("jose@example.org")
    _no_sideways_scroll(page, "the form")
    screenshot(page, "pra-form-es-phone")
    page.get_by_role("button", name="Redactar mi carta").click()

    expect(page.locator("h1")).to_have_text("Su carta está lista")  # waits for the new page
    letter = page.locator("#letter-text").inner_text()
    assert "Al amparo de la Ley de Transparencia" in letter
    assert "10 días laborables" in letter
    assert page.locator(".pra-letter").get_attribute("lang") == "es"
    _no_sideways_scroll(page, "the letter")
    screenshot(page, "pra-letter-es-phone")

    assert _download_pdf(page, "Descargar PDF").startswith(b"%PDF-")


def test_a_misspelt_state_gets_the_list_of_valid_ones(page, live_server, screenshot):
    seed()
    page.goto(f"{live_server.url}/en/records-requests/?state=Atlantis&subject=drones")
    assert page.locator("h1").inner_text() == "We don't know that choice"
    assert page.get_by_text("USA-WY").is_visible()
    page.goto(f"{live_server.url}/en/records-requests/states/USA-NY/")
    screenshot(page, "pra-state-ny-desktop")
    page.goto(f"{live_server.url}/es/records-requests/states/USA-PR/")
    assert page.get_by_text("en español").first.is_visible()
    screenshot(page, "pra-state-pr-es-desktop")
