"""The partner docs page: a guide readable at once (no script needed), in English and Spanish,
whose examples work."""

import re
from html import unescape

import pytest
from rest_framework.test import APIClient

from tests.factories import CommissionFactory

pytestmark = pytest.mark.django_db


def guide(**params) -> str:
    response = APIClient().get("/api/v1/docs/", params)
    assert response.status_code == 200
    text = response.content.decode()
    return text[text.index('<main class="partner-guide"'):text.index("</main>")]


def test_the_guide_is_in_the_page_before_the_interactive_reference():
    page = APIClient().get("/api/v1/docs/").content.decode()
    assert page.index("partner-guide") < page.index('id="swagger-ui"')


def test_it_says_how_to_get_a_key_what_each_call_costs_and_the_limits(settings):
    settings.API_KEY_RATE = "120/m"
    text = guide()
    assert "Getting a key" in text and "API-Key header" in text
    assert "<code>/API/BA/</code></td><td>3</td>" in text
    assert "<code>/api/v1/reports/</code></td><td>3</td>" in text
    assert "<code>/api/v1/usage/</code></td><td>0</td>" in text
    assert "Per key: 120/m calls" in text
    for status in ("400", "401", "403", "404", "423", "429", "503"):
        assert f"<td>{status}</td>" in text


def test_the_guide_is_in_spanish():
    text = guide(lang="es")
    assert "Cómo obtener una clave" in text and "Créditos por llamada" in text
    assert "Getting a key" not in text
    assert "Cómo obtener una clave" in APIClient().get("/api/v1/docs/", HTTP_ACCEPT_LANGUAGE="es").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_python_example_works_as_written(live_server, partner):
    CommissionFactory(name="Berkeley Police Accountability Board", state="USA-CA", city="Berkeley")
    text = guide()
    example = unescape(re.findall(r"<pre>(import requests.*?)</pre>", text, re.S)[0])
    example = example.replace("http://testserver", live_server.url).replace("YOUR-KEY", partner[1])
    printed = []
    exec(example, {"print": lambda *values: printed.append(values)})  # noqa: S102 - our own example
    assert printed[0][0] == 200 and printed[0][2] == ["Berkeley Police Accountability Board"]
    assert printed[1] == (1, ["Berkeley Police Accountability Board"])
