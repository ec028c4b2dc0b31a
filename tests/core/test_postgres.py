"""core.postgres.PreparedStatement: compiled once, prepared once per kept connection."""

import pytest
from django.db import connection
from django.db.models import TextField
from django.db.models.expressions import RawSQL
from django.test.utils import CaptureQueriesContext

from core.postgres import PreparedStatement, Slot
from officers.models import Officer
from tests.factories import OfficerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

NAME = Slot("name")


def _by_last_name():
    # A literal percent sign in the SQL (Django writes it %%) beside the call's value.
    return (
        Officer.objects.filter(last_name=RawSQL("%s", (NAME,)))
        .annotate(label=RawSQL("'100%%'", (), output_field=TextField()))
        .order_by("pk").values_list("first_name", "label")
    )


def test_it_answers_each_call_with_its_own_values_prepared_once(monkeypatch):
    OfficerFactory(first_name="Ana", last_name="Ruiz")
    OfficerFactory(first_name="Bo", last_name="Chen")
    statement = PreparedStatement("test_by_last_name", _by_last_name)

    with CaptureQueriesContext(connection) as captured:
        assert statement.rows(name="Ruiz") == [("Ana", "100%")]
        assert statement.rows(name="Chen") == [("Bo", "100%")]
        assert statement.rows(name="Nobody") == []
    sent = [q["sql"].split(" ", 1)[0] for q in captured]
    assert sent == ["PREPARE", "EXECUTE", "EXECUTE", "EXECUTE"]

    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 0)
    with CaptureQueriesContext(connection) as captured:
        assert statement.rows(name="Chen") == [("Bo", "100%")]
    assert captured[0]["sql"].startswith("SELECT")


def test_a_value_standing_twice_is_refused_when_compiled():
    twice = PreparedStatement(
        "test_twice", lambda: Officer.objects.filter(last_name=RawSQL("%s", (NAME,)), first_name=RawSQL("%s", (NAME,)))
    )
    with pytest.raises(RuntimeError, match="appears twice"):
        twice.rows(name="Ruiz")


def test_two_statements_cannot_share_a_name():
    PreparedStatement("test_shared_name", _by_last_name)
    with pytest.raises(ValueError, match="already named"):
        PreparedStatement("test_shared_name", _by_last_name)
