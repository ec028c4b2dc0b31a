"""Bad Apple's own commission health-check script, as a partner would run it against us.

Bad Apple kept its oversight directory current with `Scripts/commissionWebsitesHealthCheck.py`
(P5vc/bad-apple-backend): one `GET /API/Oversight/` per state and territory code (all 56, with
only `API-Key` and `State` headers), a success being HTTP 200 *and* `statusCode` 200; before
going on it checks on the first answer that `remainingQueries` covers the other 55 calls; then it
reads each commission's `name`, `commissionID` and its seven link fields (`website`,
`complaintInfo1`, `complaintInfo2`, `complaintForm`, `alternateComplaintForm`, `membersPage`,
`faqPage`), fetches every non-empty link and lists those that do not answer 200. This test does
the same steps (written from that description, not copied) against a live server, with links
that point back at it, one of them dead.
"""

import json

import pytest
import requests

from tests.factories import CommissionFactory, ComplaintLinkFactory

pytestmark = [pytest.mark.django_db(transaction=True)]

LINK_FIELDS = ("website", "complaintInfo1", "complaintInfo2", "complaintForm", "alternateComplaintForm",
               "membersPage", "faqPage")


def run_health_check(base_url: str, api_key: str, states: list[str]) -> tuple[int, list, int]:
    """(commissions checked, [(name, commissionID, [(field, status, url)])], last remainingQueries)."""
    answers = []
    for state in states:
        response = requests.get(f"{base_url}/API/Oversight/", headers={"API-Key": api_key, "State": state},
                                timeout=30)
        assert response.status_code == 200 and response.json()["statusCode"] == 200, (state, response.text)
        if not answers:
            assert response.json()["remainingQueries"] - (len(states) - 1) >= 0, "not enough credits"
        answers.append(response.json())
    unexpected = []
    checked = 0
    for answer in answers:
        for commission in answer["results"]:
            checked += 1
            noted = []
            for field in LINK_FIELDS:
                if commission[field]:
                    status = requests.get(commission[field], timeout=30).status_code
                    if status != 200:
                        noted.append((field, status, commission[field]))
            if noted:
                unexpected.append((commission["name"], commission["commissionID"], noted))
    return checked, unexpected, answers[-1]["remainingQueries"]


def test_bad_apples_health_check_script_runs_unchanged_against_us(live_server, make_key, settings):
    states = list(json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())["states"])
    assert len(states) == 56
    alive, dead = f"{live_server.url}/healthz", f"{live_server.url}/no-such-page/"
    healthy = CommissionFactory(name="Oakland Community Police Review Agency", state="USA-CA", city="Oakland",
                                website=alive, members_url=alive)
    ComplaintLinkFactory(commission=healthy, kind="form", url=alive)
    broken = CommissionFactory(name="Office of Police Accountability", state="USA-WA", city="Seattle",
                               website=alive, faq_url=dead)
    ComplaintLinkFactory(commission=broken, kind="information", url=alive)
    CommissionFactory(name="Draft board", state="USA-WA", city="Tacoma", publication_status="draft")
    secret = make_key(weekly_quota=60)[1]

    checked, unexpected, remaining = run_health_check(live_server.url, secret, states)

    assert checked == 2
    assert unexpected == [(broken.name, str(broken.public_id), [("faqPage", 404, dead)])]
    assert remaining == 60 - 56


def test_the_health_check_stops_when_the_week_cannot_cover_it(live_server, make_key, settings):
    states = list(json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())["states"])
    secret = make_key(weekly_quota=40)[1]
    with pytest.raises(AssertionError, match="not enough credits"):
        run_health_check(live_server.url, secret, states)
