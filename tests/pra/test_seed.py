from io import StringIO

import pytest
from django.core.management import call_command

from core.choices import UsState
from pra.choices import DeadlineKind, FactSource
from pra.models import Law, RequestTemplate
from pra.services import law_update

pytestmark = pytest.mark.django_db


def _seed(*args) -> str:
    out = StringIO()
    call_command("seed_pra", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_reports_and_writes_nothing():
    assert _seed("--dry-run") == "dry run: would have created 224, updated 0, skipped 0, failed 0\n"
    assert not Law.objects.exists() and not RequestTemplate.objects.exists()


def test_it_seeds_every_state_law_and_the_letters_once():
    assert "created 224" in _seed()
    assert set(Law.objects.values_list("jurisdiction", flat=True)) == set(UsState.values)
    # 12 generic letters + 12 for each of the 13 states with letters of their own.
    assert RequestTemplate.objects.count() == 12 * 14
    assert RequestTemplate.objects.published().count() == 12 * 14
    assert "created 0, updated 0, skipped 224, failed 0" in _seed()


def test_every_fact_says_where_it_came_from():
    _seed()
    oregon = Law.objects.get(jurisdiction="USA-OR")
    assert oregon.name == "Oregon Public Records Law"
    assert oregon.name_source == FactSource.HOLE
    assert oregon.source_data["foiamachine"]["deadline_text"] == "reasonable time period"
    puerto_rico = Law.objects.get(jurisdiction="USA-PR")
    assert puerto_rico.deadline_source == FactSource.EDITORS
    assert puerto_rico.deadline_days == 10


def test_reseeding_keeps_staffs_corrections_and_choices(user_with_role):
    _seed()
    staff = user_with_role("curator")
    law = Law.objects.get(jurisdiction="USA-CO")
    law_update(
        law=law,
        data={"deadline_kind": DeadlineKind.BUSINESS_DAYS, "deadline_days": 3},
        actor=staff,
    )
    ohio = Law.objects.get(jurisdiction="USA-OH")
    law_update(law=ohio, data={"deadline_source": FactSource.FOIAMACHINE}, actor=staff)
    _seed()
    law.refresh_from_db()
    ohio.refresh_from_db()
    assert (law.deadline_days, law.deadline_source) == (3, FactSource.STAFF)
    assert ohio.deadline_source == FactSource.FOIAMACHINE
