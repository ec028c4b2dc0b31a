import datetime
import json
from decimal import Decimal

import pytest
from django.conf import settings

from core.choices import UsState
from pra.choices import GENERIC_JURISDICTION, Subject
from pra.letters import LetterRequest, clean_text, letter_render, unknown_placeholders
from pra.selectors import InvalidChoice, template_for
from pra.state_letters import STATES as WRITTEN_STATES

SENT = datetime.date(2026, 11, 2)
CHOICES = json.loads((settings.DATA_DIR / "badapple_choices.json").read_text())
# The ten states with letters of our own are no longer among those using the generic letter.
FALLBACK_STATES = set(CHOICES["states_with_generic_pra_fallback"]) - set(WRITTEN_STATES)
GENERIC_STATES = (
    set(UsState.values)
    - set(CHOICES["states_without_generic_pra_fallback"])
    - set(WRITTEN_STATES)
)


def _request(state, subject, **overrides):
    fields = dict(
        jurisdiction=state,
        subject=subject,
        agency="Metro Police Department",
        requester_name="Ana Ruiz",
        requester_contact="ana@example.org",
        officer_name="Sgt. Kim Lee",
        incident_description="An arrest at 5th and Main on 1 May 2026.",
        send_date=SENT,
    )
    fields.update(overrides)
    return LetterRequest(**fields)


def test_usa_00_is_the_generic_letter_not_a_state_a_requester_picks(seeded):
    with pytest.raises(InvalidChoice):
        template_for(state=GENERIC_JURISDICTION, subject=Subject.DRONES)


@pytest.mark.parametrize("state", UsState.values)
def test_every_subject_yields_a_letter_in(seeded, state):
    """Exhaustive: every jurisdiction × subject (subjects looped to keep the suite fast)."""
    for subject in Subject:
        match = template_for(state=state, subject=subject)
        assert match.template is not None, subject
        letter = letter_render(
            template=match.template, law=match.law, request=_request(state, subject)
        )
        assert "{{" not in letter.text and "}}" not in letter.text, subject
        assert "Metro Police Department" in letter.text and "Ana Ruiz" in letter.text
        if match.law and match.law.name:
            assert match.law.name in letter.text, subject
        if subject == Subject.MISCONDUCT_BY_OFFICER:
            assert "Sgt. Kim Lee" in letter.text and "Sgt. Kim Lee" in letter.title
        if subject == Subject.MISCONDUCT_BY_INCIDENT:
            assert "5th and Main" in letter.text
        assert letter.language == ("es" if state == "USA-PR" else "en")
        assert match.is_generic == (state in FALLBACK_STATES or state in GENERIC_STATES)


def test_the_generic_letter_is_the_only_one_under_usa_00(seeded):
    # USA-00 is never a state a requester picks, but its letters are what fallback states get.
    match = template_for(state="USA-AZ", subject="drones")
    assert match.template.jurisdiction == GENERIC_JURISDICTION
    assert match.is_generic


def test_fallback_states_cite_their_own_law(seeded):
    match = template_for(state="USA-WA", subject=Subject.BODY_CAMERAS)
    letter = letter_render(
        template=match.template, law=match.law, request=_request("USA-WA", Subject.BODY_CAMERAS)
    )
    assert match.is_generic
    assert f"Under the {match.law.name} ({match.law.statute_citation})" in letter.text
    assert "within 5 business days" in letter.text
    assert "November 9, 2026" in letter.text


def test_puerto_rico_letters_are_in_spanish(seeded):
    match = template_for(state="PR", subject="0")
    letter = letter_render(
        template=match.template, law=match.law, request=_request("USA-PR", Subject.BODY_CAMERAS)
    )
    assert match.template.jurisdiction == "USA-PR"
    assert letter.text.startswith("2 de noviembre de 2026")
    assert "Al amparo de la Ley de Transparencia" in letter.text
    assert "cámaras corporales" in letter.text
    assert "10 días laborables" in letter.text
    assert "17 de noviembre de 2026" in letter.text


def test_a_state_without_a_law_on_file_still_gets_a_sensible_letter(seeded):
    match = template_for(state="American Samoa", subject=Subject.DRONES)
    letter = letter_render(
        template=match.template, law=match.law, request=_request("USA-AS", Subject.DRONES)
    )
    assert "the public-records laws of American Samoa" in letter.text
    assert "as promptly as the law requires" in letter.text


def test_optional_answers_read_naturally_when_left_blank(seeded):
    match = template_for(state="USA-OR", subject=Subject.DRONES)
    letter = letter_render(
        template=match.template,
        law=match.law,
        request=_request("USA-OR", Subject.DRONES, fee_cap=None, date_from=None, date_to=None),
    )
    assert "dated or in effect at any time" in letter.text
    assert "before incurring any fees above $0.00" in letter.text


def test_dates_and_fee_cap_are_written_out(seeded):
    match = template_for(state="USA-OR", subject=Subject.DRONES)
    letter = letter_render(
        template=match.template,
        law=match.law,
        request=_request(
            "USA-OR",
            Subject.DRONES,
            fee_cap=Decimal("40"),
            date_from=datetime.date(2024, 1, 1),
            date_to=datetime.date(2025, 6, 30),
        ),
    )
    assert "from January 1, 2024 to June 30, 2025" in letter.text
    assert "$40.00" in letter.text


def test_markup_a_requester_types_stays_plain_text(seeded):
    match = template_for(state="USA-OR", subject=Subject.MISCONDUCT_BY_OFFICER)
    letter = letter_render(
        template=match.template,
        law=match.law,
        request=_request(
            "USA-OR",
            Subject.MISCONDUCT_BY_OFFICER,
            officer_name="<script>alert(1)</script> {{ agency }}",
        ),
    )
    # Placeholders are replaced once: a typed "{{ agency }}" is not expanded.
    assert "<script>alert(1)</script> {{ agency }}" in letter.text


def test_control_characters_are_dropped_and_lines_kept_only_where_wanted():
    assert clean_text("Ana\u202e Ruiz\x00\nNext", multiline=False) == "Ana Ruiz Next"
    assert clean_text("1 Main St\r\nSpringfield", multiline=True) == "1 Main St\nSpringfield"


def test_it_spots_placeholders_staff_mistyped():
    assert unknown_placeholders("Dear {{ agncy }}, {{ agency }}") == {"agncy"}
