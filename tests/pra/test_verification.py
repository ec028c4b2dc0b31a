"""Deadlines agree with the statute's words, or the disagreement is shown; verified overrides."""

import datetime
import json

import pytest
from django.urls import reverse

from core.choices import UsState
from pra import sources, verification
from pra.choices import DeadlineKind, FactSource
from pra.models import Law, LawExemption
from pra.periods import periods_in, wording_agrees

BUSINESS, CALENDAR = DeadlineKind.BUSINESS_DAYS, DeadlineKind.CALENDAR_DAYS


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("within five business days of receipt", [(5, BUSINESS)]),
        ("shall respond within ten (10) days", [(10, CALENDAR)]),
        ("the custodian shall, within seven (7) business days:", [(7, BUSINESS)]),
        ("not more than 30 days after receiving the application", [(30, CALENDAR)]),
        ("notify within 10 working days", [(10, BUSINESS)]),
        ("an extension of thirty-five days", [(35, CALENDAR)]),
        ("Respond within 15 business days (acknowledgment within 5 business days)",
         [(15, BUSINESS), (5, BUSINESS)]),
        ("as soon as practicable and without unreasonable delay", []),
        ("within 24 hours", []),
        ("un término no mayor de diez (10) días laborables", [(10, BUSINESS)]),
    ],
)
def test_periods_are_read_from_the_wording_in_figures_and_in_words(wording, expected):
    assert periods_in(wording) == expected


def test_two_sources_agreeing_on_a_number_the_words_contradict_give_no_date():
    raw = {
        "foilthepolice": {"responseWithinDays": 5},
        "foiamachine": {"days_till_due": 5, "type_of_days": "business"},
        "hole": {
            "initial_response_time": 5,
            "initial_response_unit": "business_days",
            "initial_response_description": "Custodian must respond within 3 working days.",
        },
    }
    values = sources.facts_for(raw, sources.default_sources(raw))
    assert values["deadline_kind"] == DeadlineKind.REASONABLE_TIME
    assert values["deadline_wording"] == "Custodian must respond within 3 working days."
    assert verification.sources_disagree(raw)


def test_a_verified_file_whose_words_contradict_its_number_is_refused(tmp_path):
    path = tmp_path / "verified.json"
    path.write_text(json.dumps({"USA-VT": {
        "deadline_kind": "business_days", "deadline_days": 2,
        "wording": "not more than three business days from receipt",
        "citation": "1 V.S.A. § 318(a)", "verified_on": "2026-12-01", "relied_on": "",
    }}))
    with pytest.raises(ValueError, match="USA-VT"):
        verification.verified_deadlines(path)


@pytest.mark.django_db
def test_for_every_state_the_stored_deadline_agrees_with_its_words_or_is_flagged(seeded, client):
    laws = {law.jurisdiction: law for law in Law.objects.all()}
    assert set(laws) == set(UsState.values)
    for state, law in laws.items():
        if law.has_fixed_deadline:
            assert wording_agrees(
                kind=law.deadline_kind, days=law.deadline_days, wording=law.deadline_wording
            ), (state, law.deadline_days, law.deadline_kind, law.deadline_wording)
        unverified = law.deadline_source not in (FactSource.VERIFIED, FactSource.EDITORS)
        if unverified and verification.sources_disagree(law.source_data):
            assert law.deadline_needs_checking, state
            body = client.get(reverse("pra:state_detail", args=[state])).content.decode()
            assert "Sources disagree" in body and "Verify against the statute" in body, state


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "kind", "days", "citation", "verified_on"),
    [
        ("USA-MD", CALENDAR, 30, "Md. Code, Gen. Prov. § 4-203(a)-(b)", datetime.date(2026, 12, 1)),
        ("USA-TN", BUSINESS, 7, "T.C.A. § 10-7-503(a)(2)(B)", datetime.date(2026, 12, 1)),
        ("USA-VT", BUSINESS, 3, "1 V.S.A. § 318(a)", datetime.date(2026, 12, 1)),
        # Re-read on 6 Dec: ORS 192.324(2) carries the five-day acknowledgment.
        ("USA-OR", BUSINESS, 15, "ORS 192.324(2); ORS 192.329", datetime.date(2026, 12, 6)),
        ("USA-NY", BUSINESS, 5, "N.Y. Pub. Off. Law § 89(3)(a)", datetime.date(2026, 12, 1)),
    ],
)
def test_the_corrected_deadlines_are_verified_overrides_with_citation_and_date(
    seeded, client, state, kind, days, citation, verified_on
):
    law = Law.objects.get(jurisdiction=state)
    assert (law.deadline_kind, law.deadline_days) == (kind, days)
    assert law.deadline_source == FactSource.VERIFIED
    assert law.deadline_citation == citation
    assert law.deadline_verified_on == verified_on
    assert law.deadline_verification_note
    assert not law.deadline_needs_checking
    body = client.get(reverse("pra:state_detail", args=[state])).content.decode()
    assert f"Citation: {citation}." in body.replace("&#x27;", "'")
    assert f"Verified against the statute on Dec. {verified_on.day}, 2026" in body


@pytest.mark.django_db
def test_an_override_leaves_the_raw_data_as_the_sources_gave_it(seeded):
    maryland = Law.objects.get(jurisdiction="USA-MD")
    assert maryland.source_data["hole"]["initial_response_unit"] == "business_days"
    assert maryland.source_data["hole_release"]["response_requirements"][
        "initial_response_unit"
    ] == "business_days"


@pytest.mark.django_db
def test_maryland_counts_calendar_days(seeded, client):
    # Sent Monday 2 November 2026: 30 days later is Wednesday 2 December.
    body = client.get(
        reverse("pra:state_detail", args=["USA-MD"]), {"sent": "2026-11-02"}
    ).content.decode()
    assert "Dec. 2, 2026" in body and "30 calendar days after you send it" in body


@pytest.mark.django_db
def test_the_hole_release_fills_appeals_fees_requester_rules_and_exemptions(seeded):
    pennsylvania = Law.objects.get(jurisdiction="USA-PA")
    assert pennsylvania.appeal_first_level == "Office of Open Records"
    assert pennsylvania.appeal_first_level_citation == "65 Pa. Stat. § 67.1101"
    assert pennsylvania.appeal_first_level_deadline_days == 15
    assert pennsylvania.appeal_second_level == "Court of Common Pleas"
    assert pennsylvania.attorney_fees_recoverable is True
    assert pennsylvania.attorney_fees_citation == "65 Pa. Stat. § 67.1304"
    assert pennsylvania.search_fee_citation == "65 Pa. Stat. § 67.1307"
    assert pennsylvania.fee_waiver_available is True
    assert pennsylvania.requester_identification_required is True
    assert pennsylvania.appeal_route_source == FactSource.HOLE
    assert pennsylvania.requester_requirements_source == FactSource.HOLE
    # The older shape of the release (appeal_authority / appeal_description) reads too.
    maryland = Law.objects.get(jurisdiction="USA-MD")
    assert maryland.appeal_first_level == "Public Access Ombudsman or PIA Compliance Board"
    assert "Must consult ombudsman" in maryland.appeal_route
    california = LawExemption.objects.filter(law__jurisdiction="USA-CA")
    assert california.count() == 8
    assert set(california.values_list("source", flat=True)) == {FactSource.HOLE}
    assert california.filter(citation="Cal. Gov't Code § 7927.700").exists()
