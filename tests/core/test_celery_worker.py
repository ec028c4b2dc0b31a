"""A real Celery worker, on Redis, runs a task end to end against the test database."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.tasks import clear_expired_sessions

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_worker_clears_expired_sessions(live_worker):
    fresh = SessionStore()
    fresh["who"] = "still signed in"
    fresh.create()
    stale = SessionStore()
    stale.create()
    Session.objects.filter(session_key=stale.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )

    result = clear_expired_sessions.delay()

    assert result.get(timeout=30) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [fresh.session_key]

