"""The letters written for the ten most populous states cite their own statutes."""

import datetime
import difflib

import pytest

from pra.choices import GENERIC_JURISDICTION, Subject
from pra.letters import LetterRequest, letter_render
from pra.models import RequestTemplate
from pra.selectors import template_for
from pra.state_letters import STATES

SENT = datetime.date(2026, 11, 2)
# In every letter of the state: its law, its deadline and its appeal route (from the statutes).
STATUTES = {
    "USA-CA": ("Government Code § 7920.000", "§ 7922.535", "§ 7923.000"),
    "USA-TX": ("Government Code chapter 552", "§ 552.221", "§ 552.301", "§ 552.321"),
    "USA-FL": ("chapter 119", "§ 119.07(1)", "§ 119.11"),
    "USA-NY": ("Public Officers Law §§ 84-90", "§ 89(3)(a)", "§ 89(4)(a)"),
    "USA-PA": ("65 P.S. § 67.101", "§ 67.901", "§ 67.1101"),
    "USA-IL": ("5 ILCS 140", "Section 3(d)", "§ 9.5(a)"),
    "USA-OH": ("R.C. 149.43", "R.C. 149.43(B)(1)", "R.C. 2743.75"),
    "USA-GA": ("O.C.G.A. § 50-18-70", "§ 50-18-71(b)(1)(A)", "§ 50-18-73(a)"),
    "USA-NC": ("G.S. § 132-1", "G.S. § 132-6(a)", "G.S. § 132-9"),
    "USA-MI": ("MCL 15.231", "MCL 15.235(2)", "MCL 15.240"),
}
# What makes police misconduct and incident records reachable, in those letters only.
MISCONDUCT_MARKERS = {
    "USA-CA": ("Penal Code § 832.7(b)", "SB 1421 (2018)", "SB 16 (2021)",
               "sustained findings of unreasonable or excessive force"),
    "USA-NY": ("repeal of Civil Rights Law § 50-a", "Public Officers Law § 87", "§ 86(6)"),
    "USA-TX": ("§ 552.108(c)", "Local Government Code § 143.089(a)"),
    "USA-FL": ("§ 112.533(2)(a)",),
    "USA-PA": ("§ 67.708(b)(7)(viii)",),
    "USA-IL": ("final outcome of cases in which discipline is imposed", "§ 2.20"),
    "USA-OH": ("R.C. 149.43(A)(2)",),
    "USA-GA": ("§ 50-18-72(a)(8)", "§ 50-18-72(a)(4)"),
    "USA-NC": ("§ 132-1.4(c)", "§ 160A-168(b)(11)"),
    "USA-MI": ("MCL 15.243(1)(s)(ix)",),
}
BODY_CAMERA_MARKERS = {
    "USA-CA": "§ 7923.625",
    "USA-NY": "§ 86(4)",
    "USA-TX": "Occupations Code § 1701.661(a)",
    "USA-FL": "§ 119.071(2)(l)",
    "USA-PA": "42 Pa.C.S. ch. 67A",
    "USA-IL": "50 ILCS 706/10-20(b)",
    "USA-OH": "R.C. 149.43(A)(17)",
    "USA-GA": "§ 50-18-72(a)(26.2)",
    "USA-NC": "G.S. § 132-1.4A",
    "USA-MI": "MCL 15.244",
}


def _render(state, subject):
    match = template_for(state=state, subject=subject)
    return match, letter_render(
        template=match.template,
        law=match.law,
        request=LetterRequest(
            jurisdiction=state,
            subject=subject,
            agency="Metro Police Department",
            requester_name="Ana Ruiz",
            requester_contact="ana@example.org",
            officer_name="Sgt. Kim Lee",
            incident_description="An arrest at 5th and Main on 1 May 2026.",
            send_date=SENT,
        ),
    )


def test_the_ten_most_populous_states_have_letters_of_their_own():
    assert set(STATES) == set(STATUTES)


@pytest.mark.parametrize("state", sorted(STATES))
def test_each_state_letter_cites_its_statute_and_differs_from_the_generic_one(seeded, state):
    for subject in Subject:
        match, letter = _render(state, subject)
        assert match.template.jurisdiction == state and not match.is_generic, subject
        for citation in STATUTES[state]:
            assert citation in letter.text, (subject, citation)
        if subject == Subject.BODY_CAMERAS:
            markers = (BODY_CAMERA_MARKERS[state],)
        elif subject in (Subject.MISCONDUCT_BY_OFFICER, Subject.MISCONDUCT_BY_INCIDENT):
            markers = MISCONDUCT_MARKERS[state]
        else:
            markers = ()
        for marker in markers:
            assert marker in letter.text, (subject, marker)
        generic = RequestTemplate.objects.get(jurisdiction=GENERIC_JURISDICTION, subject=subject)
        _, generic_letter = _render_with(generic, state, subject)
        # The records asked for are the same; the law around them is the state's own.
        similarity = difflib.SequenceMatcher(None, generic_letter.text, letter.text).ratio()
        assert similarity < 0.8, (subject, similarity)
        assert "{{" not in letter.text and "Metro Police Department" in letter.text


def _render_with(template, state, subject):
    match = template_for(state=state, subject=subject)
    return match, letter_render(
        template=template,
        law=match.law,
        request=LetterRequest(
            jurisdiction=state,
            subject=subject,
            agency="Metro Police Department",
            requester_name="Ana Ruiz",
            requester_contact="ana@example.org",
            officer_name="Sgt. Kim Lee",
            incident_description="An arrest at 5th and Main on 1 May 2026.",
            send_date=SENT,
        ),
    )


def test_the_new_york_letter_gives_the_verified_due_date(seeded):
    _, letter = _render("USA-NY", Subject.MISCONDUCT_BY_OFFICER)
    assert "within 5 business days" in letter.text
    assert "November 10, 2026" in letter.text  # Election Day, a New York holiday, is skipped
