import pytest

from pra.choices import DeadlineKind, FactSource
from pra.models import Law
from pra.services import law_update


@pytest.fixture
def colorado(seeded):
    return Law.objects.get(jurisdiction="USA-CO")


def test_choosing_a_source_refills_the_fact_from_it(colorado, user_with_role):
    law = law_update(
        law=colorado,
        data={"deadline_source": FactSource.FOIAMACHINE},
        actor=user_with_role("curator"),
    )
    assert (law.deadline_kind, law.deadline_days) == (DeadlineKind.BUSINESS_DAYS, 3)
    law = law_update(law=law, data={"deadline_source": FactSource.HOLE}, actor=None)
    assert law.deadline_days == 5


def test_a_hand_correction_is_marked_as_staffs_and_audited(colorado, user_with_role):
    curator = user_with_role("curator")
    law = law_update(
        law=colorado,
        data={"appeal_route": "Ask the district court (C.R.S. 24-72-204(5))."},
        actor=curator,
    )
    assert law.appeal_route_source == FactSource.STAFF
    latest = law.history.first()
    assert latest.history_user == curator
    assert latest.appeal_route.startswith("Ask the district court")


def test_a_day_count_without_days_is_refused(colorado):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        law_update(
            law=colorado,
            data={"deadline_kind": DeadlineKind.BUSINESS_DAYS, "deadline_days": None},
            actor=None,
        )


def test_fields_outside_the_law_cannot_be_written(colorado):
    with pytest.raises(ValueError):
        law_update(law=colorado, data={"jurisdiction": "USA-OR"}, actor=None)
