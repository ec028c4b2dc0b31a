"""The requests of Bad Apple's API documentation, run unchanged against our server.

The curl and Python examples below are copied from Bad Apple's API page (P5vc/bad-apple-backend,
BadApple/mainSite/templates/api.html); only the host and the placeholder key are replaced. The
curl commands run through the real `curl` binary, the Python snippets through `exec`, so every
header reaches a live server exactly as a partner's script would send it. `/API/PRA/`'s example
joins `EXAMPLES` when the pra app lands.
"""

import contextlib
import io
import json
import shlex
import subprocess

import pytest

from tests.factories import (
    CommissionFactory,
    DepartmentFactory,
    FindingFactory,
    OfficerFactory,
    ReportFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True)]

HOST = "https://BadApple.tools"
PLACEHOLDER_KEY = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"

# "Examples of Properly-Authenticated Requests": no filter at all, so Oversight's required State
# is missing. Bad Apple counts such a query; the envelope says what is wrong.
AUTH_CURL = 'curl -H "API-Key: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" https://BadApple.tools/API/Oversight/'
AUTH_PYTHON = """import requests
response = requests.get('https://BadApple.tools/API/Oversight/' , headers = {'API-Key' : 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx'})
print(response.json())"""

OVERSIGHT_CURL = (
    'curl -H "API-Key: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" -H "State: USA-PR" -H "City: San Juan" '
    "https://BadApple.tools/API/Oversight/"
)
OVERSIGHT_PYTHON = (
    "requests.get('https://BadApple.tools/API/Oversight/' , headers = {'API-Key' : "
    "'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' , 'State' : 'USA-PR' , 'City' : 'San Juan'})"
)

BA_CURL = (
    'curl -H "API-Key: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" -H "First: Adam" -H "Last: Coy" '
    '-H "State: USA-OH" -H "Policy: 0" https://BadApple.tools/API/BA/'
)
BA_PYTHON = (
    "requests.get('https://BadApple.tools/API/BA/' , headers = {'API-Key' : "
    "'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' , 'First' : 'Adam' , 'Last' : 'Coy' , 'State' : 'USA-OH' , "
    "'Policy' : '0'})"
)

# (name, curl, python, credits per call, expected statusCode, check of a successful body)
EXAMPLES = [
    ("authentication", AUTH_CURL, AUTH_PYTHON, 1, 400, None),
    ("oversight", OVERSIGHT_CURL, OVERSIGHT_PYTHON, 1, 200, "oversight"),
    ("reports", BA_CURL, BA_PYTHON, 3, 200, "reports"),
]


def localise(snippet: str, base_url: str, secret: str) -> str:
    return snippet.replace(HOST, base_url).replace(PLACEHOLDER_KEY, secret)


def run_curl(command: str) -> tuple[int, dict]:
    argv = shlex.split(command) + ["--silent", "--show-error", "--write-out", "\n%{http_code}"]
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True)
    body, status = completed.stdout.rsplit("\n", 1)
    return int(status), json.loads(body)


def run_python(snippet: str) -> tuple[int, dict]:
    import requests

    namespace = {"requests": requests}
    lines = snippet.splitlines()
    if not lines[-1].startswith("print"):
        # The per-endpoint examples are a bare expression: keep its value as `response`.
        lines[-1] = f"response = {lines[-1]}"
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        exec("\n".join(lines), namespace)  # noqa: S102 - the documented example, verbatim
    response = namespace["response"]
    if printed.getvalue():
        assert printed.getvalue().strip() == str(response.json())
    return response.status_code, response.json()


def check_success(kind: str, body: dict, records: dict) -> None:
    [result] = body["results"]
    if kind == "oversight":
        assert result["commissionID"] == str(records["commission"].public_id)
        assert result["stateTerritoryProvince"] == "Puerto Rico, USA"
        assert result["type"] == "Police Review Boards and Commissions"
    else:
        assert result["reportID"] == str(records["report"].public_id)
        assert (result["officerFirstName"], result["officerLastName"], result["state"]) == ("Adam", "Coy", "Ohio, USA")
        assert result["findings"][0]["findingPolicyCategory"] == "Use of Force"


@pytest.fixture
def records():
    columbus = DepartmentFactory(state="USA-OH", city="Columbus")
    report = ReportFactory(officer=OfficerFactory(department=columbus, first_name="Adam", last_name="Coy"))
    FindingFactory(report=report, policy_category="use_of_force", outcome="sustained")
    FindingFactory(report=report, policy_category="conduct", outcome="unfounded")
    commission = CommissionFactory(
        name="Superintendencia Auxiliar en Responsabilidad Profesional", state="USA-PR", city="San Juan"
    )
    return {"report": report, "commission": commission}


def test_bad_apples_documented_examples_work_header_for_header(live_server, partner, records):
    secret = partner[1]
    remaining = 500
    for name, curl, python, cost, expected_status, success in EXAMPLES:
        for runner, snippet in ((run_curl, curl), (run_python, python)):
            status, body = runner(localise(snippet, live_server.url, secret))
            remaining -= cost
            where = f"{name} example via {runner.__name__}"
            assert status == body["statusCode"] == expected_status, where
            assert body["remainingQueries"] == remaining, where
            assert isinstance(body["results"], list), where
            if success:
                assert body["statusMessage"] == "Success", where
                check_success(success, body, records)
            else:
                assert body["statusMessage"] == "The State header is required.", where
                assert body["results"] == [], where
