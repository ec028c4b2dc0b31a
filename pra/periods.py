"""Periods of days read out of a law's wording, numbers written in words included ("seven (7)
business days", "ten days"), in English and Spanish."""

import re

from pra.choices import DeadlineKind

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
