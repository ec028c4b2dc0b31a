import json

import pytest
from django.conf import settings

from pra.choices import DeadlineKind, FactSource
from pra.sources import default_sources, facts_for


@pytest.fixture(scope="module")
def raw_laws():
    with (settings.DATA_DIR / "state_public_records_laws.json").open() as handle:
        return json.load(handle)["states"]


def _facts(raw_laws, state):
    raw = raw_laws[state]
    return facts_for(raw, default_sources(raw))


def test_it_takes_the_deadline_two_sources_agree_on(raw_laws):
    facts = _facts(raw_laws, "USA-CA")
    assert (facts["deadline_kind"], facts["deadline_days"]) == (DeadlineKind.CALENDAR_DAYS, 10)
    assert facts["deadline_source"] == FactSource.HOLE


def test_it_shows_the_laws_wording_when_the_sources_disagree(raw_laws):
    # Colorado: FOIA Machine says 3 business days, HOLE says 5, FOIL the Police nothing.
    facts = _facts(raw_laws, "USA-CO")
    assert facts["deadline_kind"] == DeadlineKind.REASONABLE_TIME
    assert facts["deadline_days"] is None
    assert "3 working days" in facts["deadline_wording"]


def test_it_uses_the_newest_source_for_the_name_and_citation(raw_laws):
    facts = _facts(raw_laws, "USA-CA")
    assert facts["statute_citation"] == "Cal. Gov't Code § 7920 et seq."
    assert facts["statute_citation_source"] == FactSource.HOLE


def test_it_invents_nothing_for_a_territory_no_source_covers(raw_laws):
    facts = _facts(raw_laws, "USA-AS")
    assert facts["name"] == ""
    assert facts["deadline_kind"] == DeadlineKind.NOT_STATED
    assert facts["deadline_source"] == FactSource.NONE
