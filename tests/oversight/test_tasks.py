"""The weekly link check, run by a real Celery worker against a local web server."""

import pytest

from core.models import LinkState, LinkStatus
from oversight.tasks import check_links
from tests.factories import CommissionFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_checks_links_and_stores_what_it_found(live_worker, web_server):
    CommissionFactory(website=web_server.url("/ok"), faq_url=web_server.url("/missing"))

    result = check_links.delay().get(timeout=60)

    assert result["created"] == 2 and result["failed"] == 1
    assert dict(LinkStatus.objects.values_list("field", "state")) == {
        "website": LinkState.OK, "faq_url": LinkState.BROKEN,
    }
    assert {r[2] for r in web_server.requests} and all("Accountable" in r[2] for r in web_server.requests)

