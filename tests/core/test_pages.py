import os
import socket

import pytest
from django.db import OperationalError
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_root_follows_the_browsers_language(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response["Location"] == "/es/"


def test_home_page_is_in_english(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert "Know who polices you" in response.text
    assert 'lang="en"' in response.text


def test_home_page_is_in_spanish(client):
    response = client.get("/es/")
    assert response.status_code == 200
    assert 'lang="es"' in response.text
    assert "Know who polices you" not in response.text
    assert "Sepa quién" in response.text


def test_language_switcher_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/en/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/es/about/"


def test_about_page_says_faces_are_never_recognised(client):
    response = client.get("/en/about/")
    assert "never face recognition" in response.text.lower()


def test_unknown_page_is_a_friendly_404(client, settings):
    settings.DEBUG = False
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_healthz_reports_the_database(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real Redis (CI has one)")
def test_healthz_checks_redis_when_the_site_uses_it(client, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_is_503_naming_redis_when_redis_is_down(client, settings):
    with socket.socket() as probe:  # a port nobody listens on: bound, then closed
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "redis": "unreachable"}


def test_healthz_is_503_naming_the_database_when_it_is_down(client, settings, monkeypatch):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    settings.REDIS_URL = ""
    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_every_url_name_in_the_nav_reverses_in_both_languages():
    for language in ("en", "es"):
        with translation.override(language):
            assert reverse("core:home") == f"/{language}/"


def test_a_volunteer_who_is_not_staff_can_sign_in_and_sees_their_queue(client, user_with_role):
    user_with_role("volunteer", username="ana")
    response = client.post(
        "/en/accounts/login/",
        {"username": "ana", "password": "correct horse battery staple"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Signed in as ana" in response.text
    assert "Photo queue" in response.text


def test_a_wrong_password_is_refused_with_a_message(client, user_with_role):
    user_with_role("volunteer", username="ana")
    response = client.post("/en/accounts/login/", {"username": "ana", "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.text


def test_password_guessing_is_rate_limited(client):
    codes = [
        client.post(
            "/en/accounts/login/",
            {"username": "x", "password": str(n)},
            REMOTE_ADDR="203.0.113.77",
        ).status_code
        for n in range(12)
    ]
    # django-axes locks at the fifth failure (tests/core/test_sign_in_limits.py); django-ratelimit
    # still refuses the eleventh request in a minute before any password is checked.
    assert codes[:4] == [200] * 4
    assert codes[4:10] == [429] * 6
    assert codes[-1] == 403
