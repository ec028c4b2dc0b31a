import logging

import pytest
from django.urls import reverse

from core.roles import Role

pytestmark = pytest.mark.django_db


def test_a_refused_page_is_logged_once_at_info_without_a_traceback(client, user_with_role, caplog):
    client.force_login(user_with_role(Role.LABELLER))
    with caplog.at_level(logging.INFO):
        response = client.get(reverse("incidents:review"))
    assert response.status_code == 403
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert len(refusals) == 1
    assert refusals[0].levelno == logging.INFO
    assert refusals[0].exc_info is None
    assert "Forbidden" in refusals[0].getMessage()


def test_a_server_error_still_logs_its_traceback(caplog):
    logger = logging.getLogger("django.request")
    try:
        raise ValueError("boom")
    except ValueError:
        logger.error("Internal Server Error: /x/", exc_info=True, extra={"status_code": 500})
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None


def test_django_records_reach_the_console_only_through_root():
    assert logging.getLogger("django").handlers == []
