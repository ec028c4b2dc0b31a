import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

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
    assert _seed("--dry-run") == (
        "dry run: would have created 344, updated 0, unchanged 0, skipped 0, failed 0\n"
    )
    assert not Law.objects.exists() and not RequestTemplate.objects.exists()


def test_it_seeds_every_state_law_and_the_letters_once():
    assert "created 344" in _seed()
    assert set(Law.objects.values_list("jurisdiction", flat=True)) == set(UsState.values)
    # 12 generic letters + 12 for each of the 13 Bad Apple states and of the 10 we wrote.
    assert RequestTemplate.objects.count() == 12 * 24
    assert RequestTemplate.objects.public().count() == 12 * 24
    assert "created 0, updated 0, unchanged 56, skipped 288, failed 0" in _seed()


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


def test_staffs_correction_of_an_appeal_route_survives_a_reseed(user_with_role):
    call_command("seed_pra", stdout=StringIO())
    law = Law.objects.get(jurisdiction="USA-TX")
    law_update(law=law, data={"appeal_first_level": "Attorney General ruling"},
               actor=user_with_role("curator"))
    out = StringIO()
    call_command("seed_pra", stdout=out)
    law.refresh_from_db()
    assert (law.appeal_first_level, law.appeal_route_source) == (
        "Attorney General ruling", FactSource.STAFF
    )
    assert "created 0, updated 0, unchanged 56, skipped 288, failed 0" in out.getvalue()


def test_a_malformed_release_file_is_refused_and_nothing_is_written(tmp_path):
    for name in ("state_public_records_laws.json", "badapple_choices.json"):
        shutil.copy(settings.DATA_DIR / name, tmp_path / name)
    folder = tmp_path / "hole_transparency_laws_v0.11"
    shutil.copytree(settings.DATA_DIR / "hole_transparency_laws_v0.11", folder)
    (folder / "texas.json").write_text('{"jurisdiction": "Texas", "transparency_law": ')
    with pytest.raises(CommandError, match="texas.json: not readable JSON"):
        call_command("seed_pra", "--data-dir", str(tmp_path), stdout=StringIO())
    assert not Law.objects.exists()
