import time

from core.links import USER_AGENT, LinkChecker
from core.models import LinkState


def checker(**kwargs):
    return LinkChecker(**{"timeout": 0.5, "host_delay": 0.0, **kwargs})


def test_a_working_link_is_ok(web_server):
    result = checker().check(web_server.url("/ok"))
    assert (result.state, result.http_status, result.is_dead) == (LinkState.OK, 200, False)


def test_a_missing_page_is_broken(web_server):
    result = checker().check(web_server.url("/missing"))
    assert (result.state, result.http_status, result.is_dead) == (LinkState.BROKEN, 404, True)


def test_a_redirect_is_followed_and_its_target_recorded(web_server):
    result = checker().check(web_server.url("/moved"))
    assert result.state == LinkState.REDIRECTED and result.http_status == 200
    assert result.final_url == web_server.url("/ok")
    assert not result.is_dead


def test_a_redirect_to_a_missing_page_is_broken(web_server):
    assert checker().check(web_server.url("/moved-to-missing")).state == LinkState.BROKEN


def test_a_slow_server_times_out_and_is_asked_only_once(web_server):
    started = time.monotonic()
    result = checker().check(web_server.url("/slow"))
    assert result.state == LinkState.UNREACHABLE and result.error == "timed out"
    assert time.monotonic() - started < 1.5
    assert len(web_server.requests) == 1


def test_a_server_refusing_head_gets_a_get(web_server):
    result = checker().check(web_server.url("/no-head"))
    assert result.state == LinkState.OK
    assert [r[0] for r in web_server.requests] == ["HEAD", "GET"]


def test_a_server_refusing_robots_is_for_a_human_not_dead(web_server):
    result = checker().check(web_server.url("/forbidden"))
    assert result.state == LinkState.BLOCKED and not result.is_dead


def test_nothing_listens_there_means_unreachable():
    result = checker().check("http://127.0.0.1:9/nothing")
    assert result.state == LinkState.UNREACHABLE and result.is_dead


def test_it_says_who_it_is(web_server):
    checker().check(web_server.url("/ok"))
    assert web_server.requests[0][2] == USER_AGENT
    assert "Accountable" in USER_AGENT


def test_one_host_is_asked_one_request_at_a_time_with_a_pause(web_server):
    urls = [web_server.url(p) for p in ("/ok", "/ok2", "/ok3", "/ok")]
    results = checker(host_delay=0.2).check_many(urls)
    assert len(results) == 3, "a URL listed twice is checked once"
    times = sorted(r[3] for r in web_server.requests)
    assert len(times) == 3
    assert all(later - earlier >= 0.18 for earlier, later in zip(times, times[1:]))
