"""Every public page, rendered in Spanish, shows no English UI string from the catalogue.

The walk covers every public URL pattern (views marked `@public`), filled with real published
records; a text node that is exactly an English msgid with a different Spanish translation is
an untranslated string. Record contents (names, titles, law text) are not catalogue entries.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from tests.pra.conftest import seeded, seeded_module  # noqa: F401 - every state's law, for its page
from tests.factories import CommissionFactory, IncidentFactory, OfficerFactory, ReportFactory

pytestmark = pytest.mark.django_db
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"


def _english_msgids() -> set[str]:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    return {
        message.id
        for message in catalogue
        if isinstance(message.id, str) and message.id and message.string and message.string != message.id
        and not message.context  # a context means a word used apart (a model field, say)
        and "%" not in message.id and "{" not in message.id
    }


class _TextNodes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.skip = 0
        self.skipping: list[str] = []
        self.nodes: list[str] = []

    def handle_starttag(self, tag, attrs):
        # Scripts, and text marked as another language (the "English" of the language switch).
        if tag in ("script", "style") or dict(attrs).get("lang", "es") != "es":
            self.skip += 1
            self.skipping.append(tag)
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.nodes.append(value.strip())

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.nodes.append(" ".join(data.split()))


def _public_routes():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif getattr(pattern.callback, "permission", None) == "public" and pattern.name:
                yield f"{namespace}{pattern.name}", list(pattern.pattern.regex.groupindex)

    return list(walk(get_resolver().url_patterns))


@pytest.fixture
def records():
    officer = OfficerFactory(first_name="Ana", last_name="Quintero", internal_id="E-1", department__internal_id_label="Employee number")
    return {
        "officers:department_detail": {"pk": officer.department.pk},
        "officers:department_download": {"pk": officer.department.pk},
        "officers:detail": {"public_id": officer.public_id},
        "reports:detail": {"public_id": ReportFactory(officer=officer).public_id},
        "oversight:detail": {"public_id": CommissionFactory().public_id},
        "pra:state_detail": {"state": "USA-OR"},
        "incidents:detail": {"pk": IncidentFactory(review_status="approved").pk},
        "downloads:file": {"slug": "officers"},  # a zip, not a page: walked, not read
        "corrections:report_error": {"kind": "officer", "ident": officer.public_id},
        "badapple-not-found": {"path": "Nothing/"},  # a JSON envelope, not a page: walked, not read
        "api-not-found": {"path": "v1/nothing/"},  # the API's JSON 404: walked, not read
        "sitemap_section": {"section": "officers", "page": 1},  # XML: walked, not read
        "discovery:incident_feed_state": {"state": "or"},  # Atom: walked, not read
    }


def test_every_public_page_in_spanish_has_no_english_ui_string(client, records, seeded):
    english = _english_msgids()
    leftovers, walked = {}, 0
    for name, kwargs in _public_routes():
        if kwargs and name not in records:
            pytest.fail(f"{name} takes {kwargs}: add a real record for it to this walk")
        with translation.override("es"):
            path = reverse(name, kwargs=records.get(name))
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        walked += 1
        parser = _TextNodes()
        parser.feed(response.content.decode())
        found = sorted({node for node in parser.nodes if node in english})
        if found:
            leftovers[path] = found
    assert walked >= 15
    assert leftovers == {}
