"""Checking a stored deadline against the statute's words, and the editors' verified overrides.

A deadline is only as good as the words behind it: the data sets hold numbers that contradict
their own wording (HOLE's Vermont entry: the number 2, the words "3 business days"). So every
period stated in the wording is read out, numbers written in words included ("seven (7)
business days", "ten days"), and compared with the stored number and unit.
"""

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from pra.choices import DeadlineKind, FactSource

VERIFIED_FILE = Path(__file__).resolve().parent / "data" / "verified_deadlines.json"
# How long a verification stays current before the admin lists the law again.
VERIFICATION_MAX_AGE = datetime.timedelta(days=365)

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(list(_UNITS)[:9]) + r"))?"
    r"|" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
)
# A number in figures or English words, or any word followed by the figures in brackets
# ("diez (10) días laborables" in Puerto Rico's law); then the unit, in English or Spanish.
_PERIOD = re.compile(
    r"\b(?P<number>\d{1,3}|" + _WORD_NUMBER + r"|\w+(?=\s*\(\s*\d))"
    r"(?:\s*\(\s*(?P<digits>\d{1,3})\s*\))?"
    r"(?:[\s-]+(?:(?P<unit>business|working|calendar)[\s-]+)?days?\b"
    r"|\s+d[ií]as(?:\s+(?P<unit_es>laborables|h[aá]biles|naturales|calendario))?\b)",
    re.IGNORECASE,
)
_BUSINESS_WORDS = {"business", "working", "laborables", "hábiles", "habiles"}


def _number(text: str) -> int:
    text = text.lower()
    if text.isdigit():
        return int(text)
    parts = re.split(r"[\s-]+", text)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_UNITS[parts[1]] if len(parts) > 1 else 0)
    return _UNITS[parts[0]]


def periods_in(wording: str) -> list[tuple[int, str]]:
    """Every period of days the wording states, as (days, DeadlineKind); bare "days" are calendar
    days, "working" days are business days. "seven (7) business days" counts once."""
    found = []
    for match in _PERIOD.finditer(wording or ""):
        days = int(match.group("digits")) if match.group("digits") else _number(
            match.group("number")
        )
        unit = (match.group("unit") or match.group("unit_es") or "").lower()
        kind = (
            DeadlineKind.BUSINESS_DAYS if unit in _BUSINESS_WORDS else DeadlineKind.CALENDAR_DAYS
        )
        found.append((days, kind))
    return found


def wording_agrees(*, kind: str, days: int | None, wording: str) -> bool:
    """True when the wording states this number of days in this unit."""
    return days is not None and (days, kind) in periods_in(wording)


@dataclass(frozen=True)
class Claim:
    """What one data set says about the deadline, and whether its number matches its words."""

    source: str
    kind: str
    days: int | None
    wording: str

    @property
    def label(self) -> str:
        return str(FactSource(self.source).label)

    @property
    def says_no_fixed_days(self) -> bool:
        """An explicit "reasonable time": no number, and words that state no period either."""
        return (
            self.kind == DeadlineKind.REASONABLE_TIME
            and bool(self.wording)
            and not periods_in(self.wording)
        )

    @property
    def contradicts_itself(self) -> bool:
        stated = periods_in(self.wording)
        return bool(self.days and stated and (self.days, self.kind) not in stated)


def claims_for(raw: dict) -> list[Claim]:
    from pra.sources import PREFERENCE, deadline_from

    claims = []
    for source in PREFERENCE:
        deadline = deadline_from(raw, source)
        if deadline is not None:
            claims.append(Claim(source, deadline.kind, deadline.days, deadline.wording))
    return claims


def sources_disagree(raw: dict) -> bool:
    """The data sets give different numbers of days, one gives a number where another says
    there is none, or one's number contradicts its own words."""
    claims = claims_for(raw)
    numbers = {claim.days for claim in claims if claim.days}
    return (
        len(numbers) > 1
        or (bool(numbers) and any(claim.says_no_fixed_days for claim in claims))
        or any(claim.contradicts_itself for claim in claims)
    )


def law_needs_checking(law) -> bool:
    """Shown as "sources disagree": no verification by editors or staff, and the data disagree
    or the stored number is not what the stored wording says."""
    if law.deadline_source in (FactSource.VERIFIED, FactSource.STAFF, FactSource.EDITORS):
        return False
    if law.has_fixed_deadline and not wording_agrees(
        kind=law.deadline_kind, days=law.deadline_days, wording=law.deadline_wording
    ):
        return True
    return sources_disagree(law.source_data or {})


def verified_deadlines(path: Path = VERIFIED_FILE) -> dict[str, dict]:
    """`USA-XX` → the editors' verified deadline, checked for consistency as it is read."""
    content = json.loads(path.read_text(encoding="utf-8"))
    entries = {key: value for key, value in content.items() if not key.startswith("_")}
    for state, entry in entries.items():
        if not wording_agrees(
            kind=entry["deadline_kind"], days=entry["deadline_days"], wording=entry["wording"]
        ):
            raise ValueError(f"{path.name}: {state}: the wording does not state the deadline")
        datetime.date.fromisoformat(entry["verified_on"])
    return entries
