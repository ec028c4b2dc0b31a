"""Every public page, on a phone and a laptop, in English and Spanish, has no serious or
critical accessibility violation by axe-core (WCAG 2.x A and AA, colour contrast included,
and axe's best practices).

axe-core is vendored for the tests only (tests/browser/vendor/README.md). The site's
Content-Security-Policy allows no inline script, and Playwright injects a script tag's content
inline, so the pages are opened in a context that bypasses CSP: only so that axe itself can
run. The policy is enforced and tested in test_content_security_policy.py.
"""

import datetime
from pathlib import Path

import pytest

from pra.seed import seed
from tests.conftest import DESKTOP, PHONE
from tests.factories import (
    AssignmentFactory,
    CommissionFactory,
    DepartmentFactory,
    FindingFactory,
    IncidentFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}


@pytest.fixture
def public_pages():
    """One of each public page, with real content on it; paths without the language prefix."""
    seed()
    department = DepartmentFactory(name="Riverton Police Department", city="Riverton", state="USA-OR")
    officer = OfficerFactory(first_name="Dana", last_name="Whitfield", department=department, birth_year=1980)
    AssignmentFactory(officer=officer, start_date=datetime.date(2015, 3, 1))
    report = ReportFactory(officer=officer, findings_summary="The board sustained the allegation.")
    FindingFactory(report=report)
    commission = CommissionFactory(name="Riverton Police Review Board", departments=[department])
    incident = IncidentFactory(title="Protester struck with a baton in Riverton", review_status="approved", summary="Video shows a baton strike.")
    return [
        "",
        "about/",
        "methodology/",
        "search/?q=Riverton",
        "officers/",
        "officers/?q=whit",
        "officers/departments/",
        f"officers/departments/{department.pk}/",
        f"officers/{officer.public_id}/",
        "officers/photos/submit/",
        "reports/",
        f"reports/{report.public_id}/",
        "oversight/",
        f"oversight/{commission.public_id}/",
        f"oversight/complaint/?department={department.pk}",
        "records-requests/",
        "records-requests/?state=USA-NY&subject=body_cameras",
        "records-requests/states/USA-NY/",
        "incidents/",
        f"incidents/{incident.pk}/",
        "accounts/login/",
    ]


def _violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )
    found = []
    for violation in results["violations"]:
        if violation["impact"] in BLOCKING:
            targets = [" ".join(node["target"]) + ": " + node["failureSummary"].replace("\n", " ") for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes): {violation['help']} -> {targets}")
    return found


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_pages_have_no_serious_accessibility_violations(browser, live_server, screenshot, public_pages, viewport, language):
    context = browser.new_context(viewport=viewport, locale="en-US", bypass_csp=True, reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems = {}
    try:
        for path in public_pages:
            response = page.goto(f"{live_server.url}/{language}/{path}")
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
            if found := _violations(page):
                problems[path] = found
                screenshot(page, f"axe-{language}-{viewport['width']}-{path.replace('/', '_').replace('?', '_')[:60] or 'home'}")
        # The letter itself comes from a POST: fill the form in and send it.
        page.goto(f"{live_server.url}/{language}/records-requests/?state=USA-NY&subject=body_cameras")
        page.fill("#id_agency", "New York City Police Department")
        page.fill("#id_requester_name", "Ana Ruiz")
        page.fill("#id_requester_contact", "ana@example.org")
        page.locator("form.pra-form button[type=submit]").click()
        page.wait_for_selector("#letter-text")
        if found := _violations(page):
            problems["records-requests/letter/"] = found
    finally:
        context.close()
    assert not problems, "\n".join(f"/{language}/{path}\n  " + "\n  ".join(found) for path, found in problems.items())
