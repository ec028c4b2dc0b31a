"""The legal review of the ten state letters is recorded: each state says when its citations were
checked and against what, and a citation marked corrected is the one the letter now cites."""

import json
import re
from datetime import date
from pathlib import Path

from pra import state_letters

RECORD = Path(state_letters.__file__).resolve().parent / "data" / "letter_citations.json"
STATUSES = {"confirmed", "confirmed (secondary)", "corrected", "not confirmed"}


def _record() -> dict:
    return {k: v for k, v in json.loads(RECORD.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def _letter_text(state: str) -> str:
    letter = state_letters.STATES[state]
    return " ".join(vars(letter).values())


def test_every_state_letter_has_a_dated_review():
    record = _record()
    assert set(record) == set(state_letters.STATES)
    for state, review in record.items():
        assert date.fromisoformat(review["verified_on"]) <= date.today(), state
        for entry in review["checked"]:
            assert entry["status"] in STATUSES, (state, entry)
            assert entry["source"], (state, entry)


def test_a_corrected_citation_is_what_the_letter_now_cites():
    corrected = [(state, entry) for state, review in _record().items()
                 for entry in review["checked"] if entry["status"] == "corrected"]
    assert corrected, "the review corrected Pennsylvania's appeals-officer citation"
    for state, entry in corrected:
        section = re.search(r"§ [\d.]+(\([\w-]+\))*", entry["cite"]).group(0)
        assert section in _letter_text(state), (state, section)
    assert "§ 67.503(d)(2)" in _letter_text("USA-PA")
