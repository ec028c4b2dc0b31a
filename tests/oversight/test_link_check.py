from io import StringIO

import pytest
from django.core.management import call_command

from core.links import LinkChecker
from core.models import LinkState, LinkStatus
from oversight.services import links_check
from tests.factories import CommissionFactory, ComplaintLinkFactory, ReportFactory

pytestmark = pytest.mark.django_db


def fast_checker():
    return LinkChecker(timeout=0.5, host_delay=0.0)


def test_it_flags_dead_links_of_commissions_and_reports_for_staff(web_server):
    commission = CommissionFactory(website=web_server.url("/ok"), faq_url=web_server.url("/missing"))
    ComplaintLinkFactory(commission=commission, url=web_server.url("/moved"))
    report = ReportFactory(report_url=web_server.url("/missing"), publication_status="draft")

    summary = links_check(checker=fast_checker())

    assert (summary.created, summary.failed, summary.checked_urls) == (4, 2, 3)
    states = {(s.field, s.state) for s in LinkStatus.objects.all()}
    assert states == {
        ("website", LinkState.OK), ("faq_url", LinkState.BROKEN), ("url", LinkState.REDIRECTED),
        ("report_url", LinkState.BROKEN),
    }
    dead = LinkStatus.objects.get(field="report_url")
    assert dead.record == report and dead.http_status == 404 and dead.consecutive_failures == 1
    assert dead.failing_since is not None


def test_a_second_run_updates_counts_failures_and_forgets_removed_links(web_server):
    commission = CommissionFactory(website=web_server.url("/missing"), faq_url=web_server.url("/ok"))
    links_check(checker=fast_checker())
    commission.faq_url = ""
    commission.save()

    summary = links_check(checker=fast_checker())

    assert (summary.created, summary.updated, summary.removed) == (0, 1, 1)
    status = LinkStatus.objects.get()
    assert status.field == "website" and status.consecutive_failures == 2


def test_a_fixed_link_stops_being_dead(web_server):
    commission = CommissionFactory(website=web_server.url("/missing"))
    links_check(checker=fast_checker())
    commission.website = web_server.url("/ok")
    commission.save()
    links_check(checker=fast_checker())
    status = LinkStatus.objects.get()
    assert status.state == LinkState.OK and status.consecutive_failures == 0 and status.failing_since is None


def test_retracted_records_are_not_checked(web_server):
    CommissionFactory(website=web_server.url("/ok"), publication_status="retracted")
    assert links_check(checker=fast_checker()).checked_urls == 0
    assert web_server.requests == []


def test_the_command_dry_run_checks_but_stores_nothing(web_server, settings):
    settings.LINK_CHECK_HOST_DELAY = 0
    settings.LINK_CHECK_TIMEOUT = 0.5
    CommissionFactory(name="Deadlink Board", website=web_server.url("/missing"))
    out = StringIO()
    call_command("check_links", "--dry-run", stdout=out)
    assert "dead: Deadlink Board · website · " in out.getvalue()
    assert "dry run, nothing stored" in out.getvalue()
    assert "created 1, updated 0, removed 0, skipped 0, failed 1" in out.getvalue()
    assert not LinkStatus.objects.exists()

    call_command("check_links", stdout=StringIO())
    assert LinkStatus.objects.get().state == LinkState.BROKEN


def test_the_link_check_runs_every_week():
    from config.celery import app

    entry = app.conf.beat_schedule["check-external-links"]
    assert entry["task"] == "oversight.tasks.check_links"
    assert entry["schedule"].day_of_week == {0}
